import { ProviderError, type JobError } from '../../errors';
import type { Job } from '../schema';
import { t } from '../../i18n';

/** The time of a transition, and the randomness of its jitter: injected so every transition is exact. */
export interface Clock {
  now: number;
  random: () => number;
}

/** A final failure: nothing more is scheduled, and the row says what went wrong. */
export function failed(job: Job, error: JobError, now: number): Job {
  return { ...job, state: 'failed', error, nextAttemptAt: null, finishedAt: now, updatedAt: now };
}

/** Anything thrown below the provider layer counts as a provider failure that may be retried. */
export function asProviderError(error: unknown): ProviderError {
  if (error instanceof ProviderError) return error;
  const detail = error instanceof Error ? error.message : String(error);
  return new ProviderError({
    kind: 'provider_failure',
    message: t('error_something_wrong', detail),
    retryable: true,
  });
}

/**
 * A step that ran out of time (the scheduler's deadline fired): whatever the request was doing, its
 * answer never arrived, exactly as when the network drops. Transient, retried with backoff.
 */
export function stepTimedOut(providerName: string): ProviderError {
  return new ProviderError({
    kind: 'network',
    retryable: true,
    message: t('http_timeout', providerName),
  });
}
