import { ProviderError, toJobError } from '../../errors';
import { backoffDelay, RATE_LIMIT_PATIENCE_MS, SUBMIT_RETRY_LIMIT } from '../schedule';
import type { Job } from '../schema';
import { failed, type Clock } from './base';
import { t } from '../../i18n';

/**
 * The submit step. `submitting` is stored (with this worker's id and a watchdog time) before the POST
 * leaves, so a worker that dies mid-request leaves a record that says so.
 */
export function sending(job: Job, bootId: string, watchdogAt: number, now: number): Job {
  return { ...job, state: 'submitting', bootId, nextAttemptAt: watchdogAt, updatedAt: now };
}

/** Tried again at a persisted time, with the bounded, jittered backoff (or the server's own hint). */
function retryLater(job: Job, error: ProviderError, clock: Clock): Job {
  const failures = job.failures + 1;
  return {
    ...job,
    state: 'waiting',
    failures,
    error: error.toJobError(),
    bootId: undefined,
    nextAttemptAt: clock.now + backoffDelay(failures, clock.random, error.retryAfterMs),
    updatedAt: clock.now,
  };
}

/** The step ran out of time before the request left: nothing was sent, so it simply goes again later. */
export function notSent(job: Job, reason: ProviderError, clock: Clock): Job {
  if (job.failures >= SUBMIT_RETRY_LIMIT) return failed(job, reason.toJobError(), clock.now);
  return retryLater(job, reason, clock);
}

/**
 * A submit that failed. An HTTP answer (error envelope, 429, 5xx) means the provider ran nothing, so a
 * retryable one is tried again later; no answer at all (network, timeout, a step aborted at its deadline)
 * leaves the outcome unknown, and submitting again could charge twice: the person decides. Anything
 * else thrown may have come after the request was sent, so it is final rather than risk a second charge.
 */
export function afterSubmitError(job: Job, error: unknown, clock: Clock): Job {
  if (!(error instanceof ProviderError)) return failed(job, toJobError(error), clock.now);
  if (error.kind === 'network' || error.kind === 'unknown_outcome')
    return needsDecision(job, clock.now, error.message);
  // A 429 ran nothing: it waits its turn for as long as a person would, not for a count of tries.
  const patient = error.kind === 'rate_limited' && clock.now - job.createdAt < RATE_LIMIT_PATIENCE_MS;
  const limit = Math.min(SUBMIT_RETRY_LIMIT, error.maxRetries ?? SUBMIT_RETRY_LIMIT);
  if (error.retryable && (patient || job.failures < limit)) return retryLater(job, error, clock);
  return failed(job, error.toJobError(), clock.now);
}

export function needsDecision(job: Job, now: number, detail?: string): Job {
  const message = detail
    ? t('job_lost_track_detail', [job.providerName, detail.replace(/\.$/, '')])
    : t('job_lost_track', job.providerName);
  return {
    ...job,
    state: 'needs_decision',
    error: { kind: 'unknown_outcome', message, retryable: true },
    bootId: undefined,
    nextAttemptAt: null,
    updatedAt: now,
  };
}
