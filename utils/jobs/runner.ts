import { toJobError } from '../errors';
import { getProvider } from '../providers';
import type {
  Operation,
  Provider,
  ProviderContext,
  ProviderMemory,
  ProviderSettings,
} from '../providers/types';
import { REQUEST_TIMEOUT_MS } from '../providers/http';
import { getBlob } from './blobs';
import { keepResults } from './results';
import { ACTIVE_STATES, type Job } from './schema';
import { getJob, updateJob } from './store';
import {
  afterPollError,
  afterStatus,
  afterSubmit,
  afterSubmitError,
  needsDecision,
  overdue,
  timedOut,
  type Clock,
} from './transitions';

export interface SwapOutcome {
  page: NonNullable<Job['page']>;
  width?: number | null;
  height?: number | null;
}

/** Past a submit's own timeout: a job still `submitting` then was left by a dead worker. */
export const SUBMIT_WATCHDOG_MS = REQUEST_TIMEOUT_MS + 5_000;

/** What the engine needs from the outside world; injected so unit tests drive it without a browser. */
export interface EngineDeps {
  clock(): Clock;
  /** '' for providers that need no key; undefined when a needed key is missing. */
  getKey(credential: string | null): Promise<string | undefined>;
  memory(providerId: string): ProviderMemory;
  settings(): Promise<ProviderSettings>;
  /** Finds an operation by id, including the person's pipelines (they live in settings). */
  operation(provider: Provider, operationId: string): Promise<Operation | undefined>;
  /** Puts a completed job's result into its page; returns the swap status and the result's pixel size. */
  swap(job: Job): Promise<SwapOutcome>;
  /** This worker instance's id: a `submitting` job written by another instance has an unknown outcome. */
  bootId: string;
  /** Arms the durable wake-up for the stored job times; called after the write-ahead, before the POST. */
  armWatchdog(): Promise<void>;
}

/**
 * Advances jobs one step at a time. Every step persists its transition before any further side effect,
 * so a worker killed at any line resumes from the stored state. Steps for one job never overlap.
 */
export function createRunner(deps: EngineDeps) {
  const locks = new Map<string, Promise<void>>();

  function exclusive(id: string, work: () => Promise<void>): Promise<void> {
    const previous = locks.get(id) ?? Promise.resolve();
    const next = previous.then(work, work).finally(() => {
      if (locks.get(id) === next) locks.delete(id);
    });
    locks.set(id, next);
    return next;
  }

  async function context(provider: Provider, job: Job): Promise<ProviderContext | undefined> {
    const key = await deps.getKey(provider.credential);
    if (key !== undefined) return { key, memory: deps.memory(provider.id), settings: await deps.settings() };
    const message = `Your ${provider.name} API key was removed. Add it in Options, then retry.`;
    await updateJob(job.id, (j) => ({
      ...j,
      state: 'failed',
      error: { kind: 'auth', message, retryable: true },
      nextAttemptAt: null,
      updatedAt: deps.clock().now,
    }));
    return undefined;
  }

  async function submit(job: Job, provider: Provider) {
    const ctx = await context(provider, job);
    if (!ctx) return;
    const operation = await deps.operation(provider, job.operation);
    if (!operation) {
      const message = `“${job.label}” is no longer available (a pipeline that was deleted?).`;
      await updateJob(job.id, (j) => ({
        ...j,
        state: 'failed',
        error: { kind: 'invalid_input', message, retryable: false },
      }));
      return;
    }
    // Write-ahead: `submitting` (with this worker's id) is stored before the POST leaves.
    // The watchdog time makes the scheduler look again if this worker dies mid-request.
    const watchdog = deps.clock().now + SUBMIT_WATCHDOG_MS;
    const ready = await updateJob(job.id, (j) => ({
      ...j,
      state: 'submitting',
      bootId: deps.bootId,
      nextAttemptAt: watchdog,
    }));
    if (!ready) return;
    await deps.armWatchdog();
    const media = {
      url: job.source.sentUrl ?? job.source.url,
      width: job.source.width ?? null,
      height: job.source.height ?? null,
      hasAlpha: job.source.hasAlpha ?? null,
      duration: job.source.duration ?? null,
      bytes: provider.input === 'bytes' ? await getBlob(job.id, 'input') : undefined,
    };
    try {
      const submitted = await provider.submit({ operation, media, jobId: job.id }, ctx);
      await updateJob(job.id, (j) => afterSubmit(j, submitted, provider, deps.clock()));
    } catch (error) {
      await updateJob(job.id, (j) => afterSubmitError(j, error, deps.clock()));
    }
  }

  async function poll(job: Job, provider: Provider) {
    const clock = deps.clock();
    if (overdue(job, provider.pollSchedule, clock.now)) {
      await updateJob(job.id, (j) => timedOut(j, provider.pollSchedule, clock.now));
      return;
    }
    const ctx = await context(provider, job);
    if (!ctx || !job.providerJobId) return;
    try {
      const status = await provider.status(job.providerJobId, ctx);
      await updateJob(job.id, (j) => afterStatus(j, status, provider, deps.clock()));
    } catch (error) {
      await updateJob(job.id, (j) => afterPollError(j, error, deps.clock()));
    }
  }

  /** A completed job: keep its result bytes, then put it into the page. Each part is persisted. */
  async function finish(job: Job, provider: Provider) {
    const ctx = await context(provider, job);
    if (!ctx) return;
    if (job.media === 'image' && !job.result?.cached) {
      try {
        const kept = await keepResults(job, provider, ctx);
        job =
          (await updateJob(job.id, (j) => (j.result ? { ...j, result: { ...j.result, ...kept } } : j))) ??
          job;
      } catch (error) {
        // Only a result that needs the key can fail here: tell the person, keep the job completed.
        const failure = toJobError(error);
        await updateJob(job.id, (j) => ({
          ...j,
          error: failure,
          page: { status: 'gone' },
          nextAttemptAt: null,
        }));
        return;
      }
    }
    let outcome: SwapOutcome;
    try {
      outcome = await deps.swap(job);
    } catch (error) {
      console.warn('Page swap failed', toJobError(error).message);
      outcome = { page: { status: 'gone' } };
    }
    const { page, width, height } = outcome;
    await updateJob(job.id, (j) => ({
      ...j,
      page,
      result: j.result && width && height ? { ...j.result, width, height } : j.result,
      nextAttemptAt: null,
      updatedAt: deps.clock().now,
    }));
  }

  /** One step for one job, whatever its state; safe to call for any id at any time. */
  function step(id: string): Promise<void> {
    return exclusive(id, async () => {
      const job = await getJob(id);
      if (!job) return;
      const provider = getProvider(job.provider);
      if (!provider) return;
      // A `submitting` job of this worker is being (or about to be) sent by `start`; one written by a
      // previous worker has an unknown outcome.
      if (job.state === 'submitting' && job.bootId !== deps.bootId) {
        await updateJob(id, (j) => needsDecision(j, deps.clock().now));
      } else if (job.state === 'waiting') await submit(job, provider);
      else if (job.state === 'queued' || job.state === 'processing') await poll(job, provider);
      else if (job.state === 'completed' && job.page?.status === 'pending') await finish(job, provider);
    });
  }

  /** Sends a job the click (or a retry) just wrote as `submitting` for this worker. */
  function start(id: string): Promise<void> {
    return exclusive(id, async () => {
      const job = await getJob(id);
      const provider = job && getProvider(job.provider);
      if (job?.state === 'submitting' && job.bootId === deps.bootId && provider) await submit(job, provider);
    });
  }

  /** Is there anything for `step` to do for this job at time `now`? */
  function isDue(job: Job, now: number): boolean {
    const pendingSwap = job.state === 'completed' && job.page?.status === 'pending';
    return (
      (ACTIVE_STATES.has(job.state) || pendingSwap) && job.nextAttemptAt !== null && job.nextAttemptAt <= now
    );
  }

  return { start, step, isDue, exclusive };
}

export type Runner = ReturnType<typeof createRunner>;
