import { ProviderError } from '../errors';
import { screenStatusUrls } from '../provider-url';
import type { PollSchedule, RemoteStatus, Submitted } from '../providers/types';
import type { Forecast } from './duration-model';
import { forecastFromStatus, nextPlannedPoll, planOptions } from './poll-plan';
import { backoffDelay, nextPollDelay, POLL_FAILURE_LIMIT } from './schedule';
import { TERMINAL_STATES, type Job } from './schema';
import { failed as fail, type Clock } from './transitions/base';
import { t } from '../i18n';

/**
 * The job state machine: every change of a job's state is a pure function (job, event, now) → job, and
 * the engine persists each result before its next side effect. One file per phase, all exported here:
 *  - transitions/new-job.ts  a menu click's draft, refused or accepted (the write-ahead record);
 *  - transitions/submit.ts   sending, and what a failed submit comes to;
 *  - this file               the provider's answers: the submit's, and each poll's;
 *  - transitions/reported.ts what an engine in this browser reports by itself (progress, result, error);
 *  - transitions/finish.ts   delivery: the result kept, then put into its page;
 *  - transitions/person.ts   what the person did: retry, cancel, discard, a key or pipeline removed.
 * States never move backwards: a regressing poll is ignored.
 */
export * from './transitions/base';
export * from './transitions/new-job';
export * from './transitions/submit';
export * from './transitions/reported';
export * from './transitions/finish';
export * from './transitions/person';

const RANK: Record<string, number> = { queued: 1, processing: 2 };

/**
 * How a provider paces its polls: its schedule, optionally its own delay (e.g. while queued), and the
 * forecast of when this job will be done (utils/jobs/duration-model.ts), which the runner adds at the
 * submit for providers whose result has to be asked for; the job keeps it (`forecast`). With a forecast
 * the poll plan (utils/jobs/poll-plan.ts) sets the next poll; without one, the provider's own delay or
 * its schedule's curve.
 */
export interface Pacing {
  pollSchedule: PollSchedule;
  nextPollMs?(status: RemoteStatus, polls: number): number;
  measuredProgress?: boolean;
  forecast?: Forecast;
}

/**
 * The delay until the next poll. The provider's own word on the job (its smoothed ETA, or its progress)
 * beats the learned forecast; a queued job keeps the provider's own delay when it has one.
 */
function pollDelay(job: Job, status: RemoteStatus, pacing: Pacing, polls: number, now: number): number {
  // The window fixed at the submit; a record from before forecasts were kept takes today's.
  const forecast = job.forecast ?? pacing.forecast;
  if (!forecast) return pacing.nextPollMs?.(status, polls) ?? nextPollDelay(pacing.pollSchedule, polls);
  if (status.state === 'queued' && pacing.nextPollMs) return pacing.nextPollMs(status, polls);
  const options = planOptions(pacing.pollSchedule);
  const elapsed = now - (job.submittedAt ?? job.createdAt);
  // Only measured progress re-plans: synthetic phase steps (HitPaw) would move the window at every poll.
  const said = pacing.measuredProgress ? status : { progress: null };
  const own = forecastFromStatus(said, job.etaSeconds, elapsed, options.maxMs);
  return nextPlannedPoll(own ?? forecast, elapsed, options);
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
    // Fixed now: every poll of this job is planned from it (only the provider's own word on the job
    // re-plans it), so the dense polls around its expected end happen where they were planned.
    forecast: pacing.forecast && { totalMs: pacing.forecast.totalMs, spread: pacing.forecast.spread },
    failures: 0,
    error: undefined,
    bootId: undefined,
    nextAttemptAt:
      clock.now +
      (pacing.forecast
        ? nextPlannedPoll(pacing.forecast, 0, planOptions(schedule))
        : nextPollDelay(schedule, 0)),
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

export function afterStatus(job: Job, status: RemoteStatus, pacing: Pacing, clock: Clock): Job {
  if (TERMINAL_STATES.has(job.state)) return job;
  const polls = job.polls + 1;
  const base = {
    ...job,
    polls,
    failures: 0,
    error: undefined, // an answer came: an earlier transient failure is over
    rawStatus: status.rawStatus,
    cost: status.cost ?? job.cost,
    updatedAt: clock.now,
  };
  // Every URL the provider handed back is checked here, before anything fetches, keeps or shows it.
  const screened = status.state === 'completed' ? screenStatusUrls(status, job.providerName) : { status };
  if (screened.error) return fail(base, screened.error, clock.now);
  status = screened.status;
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
      nextAttemptAt: clock.now, // due for delivery: keep the result, then the page
    };
  }
  if (status.state === 'failed') {
    const error = status.error?.toJobError() ?? {
      kind: 'provider_failure' as const,
      message: t('job_provider_failed', job.providerName),
      retryable: true,
    };
    return fail(base, error, clock.now);
  }
  if (status.state === 'canceled') {
    return { ...base, state: 'canceled', nextAttemptAt: null, finishedAt: clock.now };
  }
  const incompletePolls = status.incomplete ? job.incompletePolls + 1 : 0;
  if (incompletePolls > 3) {
    const message = t('job_done_no_result', job.providerName);
    return fail(base, { kind: 'provider_failure', message, retryable: true }, clock.now);
  }
  const advanced = (RANK[status.state] ?? 2) >= (RANK[job.state] ?? 0);
  const etaSeconds = smoothEta(job, status.etaSeconds, clock.now);
  return {
    ...base,
    state: advanced ? status.state : job.state,
    progress: status.progress === null ? job.progress : Math.max(job.progress ?? 0, status.progress),
    etaSeconds,
    incompletePolls,
    lastWorkingAt: clock.now,
    nextAttemptAt: clock.now + pollDelay({ ...job, etaSeconds }, status, pacing, polls, clock.now),
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
  const message = t('job_timed_out', [job.providerName, minutes]);
  return fail(job, { kind: 'provider_failure', message, retryable: true }, now);
}
