import { ProviderError, type JobError } from '../errors';
import type { Job } from './schema';
import { t } from '../i18n';

/**
 * "The browser's storage is full" as a state a person can read, instead of a rejected promise.
 *
 * The shapes, as measured in Chromium 156 and read from fake-indexeddb:
 * - IndexedDB: the transaction aborts and `transaction.error` is a DOMException named
 *   QuotaExceededError (code 22, empty message; Chromium 156 gives it its own subclass). idb-keyval
 *   rejects with that very object. The request itself carries no error.
 * - chrome.storage.local past its 10 MB: a plain Error "Resource::kQuotaBytes quota exceeded" (older
 *   versions: "QUOTA_BYTES quota exceeded").
 * - Firefox's older name for the same: NS_ERROR_DOM_QUOTA_REACHED.
 * Our own wrappers keep the original as `cause`, so the chain is followed.
 */
const QUOTA_NAMES = new Set(['QuotaExceededError', 'NS_ERROR_DOM_QUOTA_REACHED']);
const QUOTA_MESSAGE = /QUOTA_BYTES|kQuotaBytes/;
const LEGACY_QUOTA_CODE = 22;

export function isQuotaError(error: unknown): boolean {
  let current = error;
  for (let depth = 0; depth < 5 && typeof current === 'object' && current !== null; depth++) {
    if (current instanceof StorageFullError) return true;
    const { name, message, code, cause } = current as Record<string, unknown>;
    if (typeof name === 'string' && QUOTA_NAMES.has(name)) return true;
    if (current instanceof DOMException && code === LEGACY_QUOTA_CODE) return true;
    if (typeof message === 'string' && QUOTA_MESSAGE.test(message)) return true;
    current = cause;
  }
  return false;
}

export const STORAGE_FULL = {
  /** A job that could not even be recorded: nothing was sent. */
  get newJob() {
    return t('full_new_job');
  },
  /** A job whose new state could not be written (it stays as it was; the next step tries again). */
  get jobUpdate() {
    return t('full_job_update');
  },
  /** A finished job whose copy could not be written. */
  get resultNotKept() {
    return t('full_result_not_kept');
  },
  /** A finished job whose copy does not fit in the budget, even with every finished job's copy cleared. */
  get overBudget() {
    return t('full_over_budget');
  },
} as const;

export type StorageFullSituation = keyof typeof STORAGE_FULL;

/** Thrown when a write still finds no room after space was freed; a ProviderError, so `toJobError` reads it. */
export class StorageFullError extends ProviderError {
  readonly situation: StorageFullSituation;

  constructor(situation: StorageFullSituation, cause?: unknown) {
    super({
      kind: 'storage_full',
      message: STORAGE_FULL[situation],
      retryable: situation !== 'overBudget' && situation !== 'resultNotKept',
    });
    this.name = 'StorageFullError';
    this.situation = situation;
    this.cause = cause;
  }
}

export function storageFullJobError(situation: StorageFullSituation): JobError {
  return new StorageFullError(situation).toJobError();
}

/**
 * A completed job whose copy could not be kept: it stays completed (the provider's link may still
 * work), says why, and no longer claims a copy.
 */
export function withResultNotKept(job: Job, situation: 'resultNotKept' | 'overBudget'): Job {
  if (!job.result) return { ...job, error: storageFullJobError(situation) };
  const cleared = situation === 'overBudget' ? 'budget' : 'storage_full';
  return {
    ...job,
    result: { ...job.result, cached: false, maskCached: job.result.maskUrl ? false : undefined, cleared },
    error: storageFullJobError(situation),
  };
}

/** What the popup can say about a copy cleared later on (the job's error already says "not kept"). */
export function clearedNote(job: Job): string | undefined {
  if (job.error?.kind === 'storage_full') return undefined;
  switch (job.result?.cleared) {
    case 'budget':
      return t('cleared_budget');
    case 'storage_full':
      return t('cleared_storage_full');
    default:
      return undefined;
  }
}
