import { withResultNotKept } from '../quota';
import { backoffDelay } from '../schedule';
import type { Job } from '../schema';
import { asProviderError, failed, type Clock } from './base';
import { t } from '../../i18n';

/**
 * Delivery of a completed job: its result kept as our own copy, then put into its page. A completed job
 * is due for delivery while `nextAttemptAt` is set; delivered (or given up) clears it.
 */

/** Tries at keeping a result before the job gives up with a readable failure. */
export const KEEP_RETRY_LIMIT = 8;

/** What the page swap came to, with the pixel size of the loaded result. */
export interface PageOutcome {
  page: NonNullable<Job['page']>;
  width?: number | null;
  height?: number | null;
}

export function resultKept(job: Job, kept: { cached?: boolean; maskCached?: boolean }, now: number): Job {
  if (!job.result) return job;
  return { ...job, result: { ...job.result, ...kept }, failures: 0, error: undefined, updatedAt: now };
}

/**
 * Keeping the result (or reaching the page) failed. A transient failure (the provider's shared rate
 * budget saying "retry after N ms", a download cut off, a step that ran out of time) is tried again at a
 * persisted time, a bounded number of times; a final one, or too many, ends the job as failed with the
 * reason, since without a copy there is nothing to open or put into the page.
 */
export function deliveryFailed(job: Job, error: unknown, clock: Clock): Job {
  const err = asProviderError(error);
  const limit = Math.min(KEEP_RETRY_LIMIT, err.maxRetries ?? KEEP_RETRY_LIMIT);
  if (err.retryable && job.failures < limit) {
    const failures = job.failures + 1;
    return {
      ...job,
      failures,
      error: err.toJobError(),
      nextAttemptAt: clock.now + backoffDelay(failures, clock.random, err.retryAfterMs),
      updatedAt: clock.now,
    };
  }
  const reason = err.message.replace(/\.$/, '');
  const message = t('job_download_failed', [job.providerName, reason]);
  return failed(job, { ...err.toJobError(), message }, clock.now);
}

/**
 * The result could not be kept for lack of room (`situation` says which). It stays completed and says
 * so; with `linkOnly` its public link still goes into the page, otherwise delivery ends here.
 */
export function notKept(
  job: Job,
  situation: 'resultNotKept' | 'overBudget' | 'newJob' | 'jobUpdate',
  linkOnly: boolean,
  now: number,
): Job {
  const reason = situation === 'overBudget' ? 'overBudget' : 'resultNotKept';
  const said = { ...withResultNotKept(job, reason), failures: 0, updatedAt: now };
  return linkOnly ? said : { ...said, page: undefined, nextAttemptAt: null };
}

/** The swap's outcome is recorded and the job has nothing more to do. */
export function delivered(job: Job, outcome: PageOutcome | undefined, now: number): Job {
  const { width, height } = outcome ?? {};
  return {
    ...job,
    page: outcome?.page ?? job.page,
    result: job.result && width && height ? { ...job.result, width, height } : job.result,
    failures: 0,
    error: job.error?.kind === 'storage_full' ? job.error : undefined, // "not kept" stays said
    nextAttemptAt: null,
    updatedAt: now,
  };
}

/** The person flipped the page between original and enhanced; nothing changed means the page is gone. */
export function pageShown(job: Job, version: 'original' | 'enhanced', changed: number, now: number): Job {
  const page = changed > 0 ? { status: 'replaced' as const, shown: version } : { status: 'gone' as const };
  return { ...job, page, updatedAt: now };
}
