import { ACTIVE_STATES, type Job } from '../schema';
import { failed } from './base';
import { t } from '../../i18n';

/**
 * What the person did: asked again, cancelled, discarded, or removed what a job needs (its key, its
 * pipeline). Each returns undefined when it does not apply to the job's state, which leaves the stored
 * record untouched.
 */

/** Retry / Submit again: a fresh start as `submitting` for this worker; the old outcome is cleared. */
export function resubmitted(job: Job, bootId: string, now: number): Job | undefined {
  if (ACTIVE_STATES.has(job.state)) return undefined;
  return {
    ...job,
    state: 'submitting',
    bootId,
    error: undefined,
    rawStatus: undefined,
    providerJobId: undefined,
    result: undefined,
    page: undefined,
    progress: null,
    etaSeconds: null,
    cost: undefined,
    polls: 0,
    failures: 0,
    incompletePolls: 0,
    nextAttemptAt: null,
    submittedAt: undefined,
    finishedAt: undefined,
    updatedAt: now,
  };
}

/** Cancel, for a running job whose provider can stop it. */
export function canceled(job: Job, now: number): Job | undefined {
  if (!ACTIVE_STATES.has(job.state)) return undefined;
  return { ...job, state: 'canceled', nextAttemptAt: null, finishedAt: now, updatedAt: now };
}

/** Discard, for a job whose submit outcome is unknown: the person chose not to risk a second charge. */
export function discarded(job: Job, now: number): Job | undefined {
  if (job.state !== 'needs_decision') return undefined;
  return { ...job, state: 'canceled', nextAttemptAt: null, finishedAt: now, updatedAt: now };
}

/** The key this job needs was removed while it ran. */
export function keyMissing(job: Job, now: number): Job {
  const message = t('job_key_removed', job.providerName);
  return failed(job, { kind: 'auth', message, retryable: true }, now);
}

/** The operation is gone (a pipeline the person deleted before its job was sent). */
export function operationGone(job: Job, now: number): Job {
  const message = t('job_operation_gone', job.label);
  return failed(job, { kind: 'invalid_input', message, retryable: false }, now);
}
