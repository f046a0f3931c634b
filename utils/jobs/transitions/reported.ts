import type { JobError } from '../../errors';
import { TERMINAL_STATES, type Job } from '../schema';
import { failed } from './base';
import { canceled } from './person';

/**
 * What an engine running in this browser (the on-device one) reports by itself, as it happens, instead
 * of being polled. Reports about a job that already ended (cancelled by the person, failed by the safety
 * poll) change nothing: they return undefined.
 */
const open = (job: Job) => !TERMINAL_STATES.has(job.state);

/** Work done so far, 0..1: the job is processing, and its progress never goes back. */
export function progressed(job: Job, fraction: number, now: number): Job | undefined {
  if (!open(job)) return undefined;
  const progress = Math.min(1, Math.max(job.progress ?? 0, fraction));
  return { ...job, state: 'processing', progress, updatedAt: now };
}

/** The result's bytes are already kept (blobs written first): the job is done and due for its page. */
export function produced(
  job: Job,
  result: { width: number; height: number; mask: boolean },
  now: number,
): Job | undefined {
  if (!open(job)) return undefined;
  const { width, height, mask } = result;
  return {
    ...job,
    state: 'completed',
    progress: 1,
    etaSeconds: null,
    error: undefined,
    failures: 0,
    result: { cached: true, maskCached: mask || undefined, width, height },
    page: job.source.tabId !== undefined ? { status: 'pending' } : undefined,
    finishedAt: now,
    nextAttemptAt: now,
    updatedAt: now,
  };
}

export function engineFailed(job: Job, error: JobError, now: number): Job | undefined {
  return open(job) ? failed(job, error, now) : undefined;
}

export function engineStopped(job: Job, now: number): Job | undefined {
  return canceled(job, now);
}
