import { REQUEST_TIMEOUT_MS } from '../providers/http';
import type { PollSchedule } from '../providers/types';

/** Delay before poll number `polls + 1`: first, growing by `factor`, capped at `maxMs`. */
export function nextPollDelay(schedule: PollSchedule, polls: number): number {
  return Math.min(schedule.firstMs * schedule.factor ** Math.max(0, polls), schedule.maxMs);
}

const BACKOFF_BASE_MS = 1_000;
const BACKOFF_MAX_MS = 60_000;

/**
 * Exponential backoff with ±20 % jitter (1, 2, 4, 8, 16 s …, capped at a minute), or the server's own
 * hint when it gave one. `random` is injected so tests are exact.
 */
export function backoffDelay(failures: number, random: () => number, hintMs?: number): number {
  if (hintMs !== undefined && hintMs > 0) return hintMs;
  const base = Math.min(BACKOFF_BASE_MS * 2 ** Math.max(0, failures - 1), BACKOFF_MAX_MS);
  return Math.round(base * (0.8 + 0.4 * random()));
}

/** How many times a failed submit is tried again automatically (only for answers that ran nothing). */
export const SUBMIT_RETRY_LIMIT = 5;
/** How long a new job keeps waiting for its turn when the provider answers 429 (it ran nothing). */
export const RATE_LIMIT_PATIENCE_MS = 30 * 60_000;
/** Unreadable or 5xx poll answers tolerated in a row before the job fails with a readable error. */
export const POLL_FAILURE_LIMIT = 8;

/**
 * Past a submit's own timeout: a job still `submitting` then was left by a dead worker. Part of the
 * write-ahead record a job carries before its submit leaves.
 */
export const SUBMIT_WATCHDOG_MS = REQUEST_TIMEOUT_MS + 5_000;
