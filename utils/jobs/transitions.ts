import { ProviderError, type JobError } from '../errors';
import { checkResultUrl } from '../page/safe-url';
import type { PollSchedule, RemoteStatus, Submitted } from '../providers/types';
import { backoffDelay, nextPollDelay, POLL_FAILURE_LIMIT, SUBMIT_RETRY_LIMIT } from './schedule';
import { TERMINAL_STATES, type Job } from './schema';

/**
 * The job state machine as pure functions (job, event, now) → job. The runner persists each result
 * before its next side effect. States never move backwards: a regressing poll is ignored.
 */
export interface Clock {
  now: number;
  random: () => number;
}

const RANK: Record<string, number> = { queued: 1, processing: 2 };

function fail(job: Job, error: JobError, now: number): Job {
  return { ...job, state: 'failed', error, nextAttemptAt: null, finishedAt: now, updatedAt: now };
}

/** How a provider paces its polls: its schedule, and optionally its own delay (e.g. from an ETA). */
export interface Pacing {
  pollSchedule: PollSchedule;
  /** 'local' results are bytes made in this browser, named by an internal link, not an https URL. */
  resultAccess?: 'public' | 'bearer' | 'local';
  nextPollMs?(status: RemoteStatus, polls: number): number;
}

export function afterSubmit(job: Job, submitted: Submitted, pacing: Pacing, clock: Clock): Job {
  const schedule = pacing.pollSchedule;
  const queued: Job = {
    ...job,
    state: 'queued',
    providerJobId: submitted.providerJobId,
    model: submitted.model,
    cost: submitted.cost,
    submittedAt: clock.now,
    failures: 0,
    error: undefined,
    bootId: undefined,
    nextAttemptAt: clock.now + nextPollDelay(schedule, 0),
    updatedAt: clock.now,
  };
  // A submit answer that already carries a status counts as the first poll (EnhanceCraft, TensorPix).
  return submitted.status ? afterStatus(queued, submitted.status, pacing, clock) : queued;
}

/** The provider's ETA swings; blend it with the previous estimate, aged by the time since. */
function smoothEta(job: Job, eta: number | null, now: number): number | null {
  if (eta === null || !Number.isFinite(eta)) return null;
  if (job.etaSeconds == null) return Math.round(eta);
  const aged = Math.max(0, job.etaSeconds - (now - job.updatedAt) / 1000);
  return Math.round(0.6 * aged + 0.4 * eta);
}

/**
 * A submit that failed. An HTTP answer (error envelope, 429, 5xx) means the provider ran nothing, so a
 * retryable one is tried again later; no answer at all (network, timeout) leaves the outcome unknown,
 * and submitting again could charge twice: the person decides.
 */
export function afterSubmitError(job: Job, error: unknown, clock: Clock): Job {
  if (!(error instanceof ProviderError)) {
    return fail(job, { kind: 'provider_failure', message: String(error), retryable: true }, clock.now);
  }
  if (error.kind === 'network' || error.kind === 'unknown_outcome')
    return needsDecision(job, clock.now, error.message);
  const limit = Math.min(SUBMIT_RETRY_LIMIT, error.maxRetries ?? SUBMIT_RETRY_LIMIT);
  if (error.retryable && job.failures < limit) {
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
  return fail(job, error.toJobError(), clock.now);
}

export function needsDecision(job: Job, now: number, detail?: string): Job {
  const message =
    `The browser lost track of this job while sending it to ${job.providerName}` +
    (detail ? ` (${detail.replace(/\.$/, '')})` : '') +
    `. It may or may not have been received. Submitting again may cost ${job.providerName} credits twice.`;
  return {
    ...job,
    state: 'needs_decision',
    error: { kind: 'unknown_outcome', message, retryable: true },
    bootId: undefined,
    nextAttemptAt: null,
    updatedAt: now,
  };
}

export function afterStatus(job: Job, status: RemoteStatus, pacing: Pacing, clock: Clock): Job {
  if (TERMINAL_STATES.has(job.state)) return job;
  const polls = job.polls + 1;
  const base = {
    ...job,
    polls,
    failures: 0,
    rawStatus: status.rawStatus,
    cost: status.cost ?? job.cost,
    updatedAt: clock.now,
  };
  const local = pacing.resultAccess === 'local';
  if (status.state === 'completed' && status.resultUrl && !local && !checkResultUrl(status.resultUrl)) {
    // A result link that is not plain https (or carries credentials) is never put into a page or opened.
    const message = `${job.providerName} sent a result link that is not a safe https address, so it was not used.`;
    return fail(base, { kind: 'provider_failure', message, retryable: true }, clock.now);
  }
  if (status.state === 'completed' && status.resultUrl) {
    return {
      ...base,
      state: 'completed',
      progress: 1,
      etaSeconds: null,
      error: undefined,
      result: { url: status.resultUrl, maskUrl: status.maskUrl, previewUrls: status.previewUrls },
      page: job.source.tabId !== undefined ? { status: 'pending' } : undefined,
      finishedAt: clock.now,
      nextAttemptAt: job.source.tabId !== undefined ? clock.now : null,
    };
  }
  if (status.state === 'failed') {
    const error = status.error?.toJobError() ?? {
      kind: 'provider_failure' as const,
      message: `${job.providerName} could not finish this job.`,
      retryable: true,
    };
    return fail(base, error, clock.now);
  }
  if (status.state === 'canceled') {
    return { ...base, state: 'canceled', nextAttemptAt: null, finishedAt: clock.now };
  }
  const incompletePolls = status.incomplete ? job.incompletePolls + 1 : 0;
  if (incompletePolls > 3) {
    const message = `${job.providerName} reported the job done but sent no result.`;
    return fail(base, { kind: 'provider_failure', message, retryable: true }, clock.now);
  }
  const advanced = (RANK[status.state] ?? 2) >= (RANK[job.state] ?? 0);
  return {
    ...base,
    state: advanced ? status.state : job.state,
    progress: status.progress === null ? job.progress : Math.max(job.progress ?? 0, status.progress),
    etaSeconds: smoothEta(job, status.etaSeconds, clock.now),
    incompletePolls,
    nextAttemptAt:
      clock.now + (pacing.nextPollMs?.(status, polls) ?? nextPollDelay(pacing.pollSchedule, polls)),
  };
}

/**
 * A poll that failed. Auth, not-found and other final answers end the job; rate limits and network
 * trouble wait and try again until the job's age limit (no early failure while the provider is away);
 * unreadable or 5xx answers are tolerated a bounded number of times.
 */
export function afterPollError(job: Job, error: unknown, clock: Clock): Job {
  const err =
    error instanceof ProviderError
      ? error
      : new ProviderError({ kind: 'provider_failure', message: String(error), retryable: true });
  const patient = err.kind === 'network' || err.kind === 'rate_limited';
  const limit = Math.min(POLL_FAILURE_LIMIT, err.maxRetries ?? POLL_FAILURE_LIMIT);
  if (!err.retryable || (!patient && job.failures >= limit)) return fail(job, err.toJobError(), clock.now);
  const failures = job.failures + 1;
  return {
    ...job,
    failures,
    error: err.toJobError(),
    nextAttemptAt: clock.now + backoffDelay(failures, clock.random, err.retryAfterMs),
    updatedAt: clock.now,
  };
}

/** The poll budget or age limit ran out while the provider still said "working". */
export function overdue(job: Job, schedule: PollSchedule, now: number): boolean {
  return now - (job.submittedAt ?? job.createdAt) > schedule.maxAgeMs || job.polls >= schedule.maxPolls;
}

export function timedOut(job: Job, schedule: PollSchedule, now: number): Job {
  const minutes = Math.round(schedule.maxAgeMs / 60_000);
  const message = `${job.providerName} did not finish within ${minutes} minutes. Retry to submit it again.`;
  return fail(job, { kind: 'provider_failure', message, retryable: true }, now);
}
