import { getProvider } from '../providers';
import type {
  MediaInfo,
  Operation,
  Provider,
  ProviderContext,
  ProviderMemory,
  ProviderSettings,
} from '../providers/types';
import { getBlob } from './blobs';
import { forecastFor } from './duration-model';
import { SUBMIT_WATCHDOG_MS } from './schedule';
import { deliver, type DeliveryDeps } from './delivery';
import { applyReport, type EngineReport } from './reports';
import { ACTIVE_STATES, type Job } from './schema';
import { getJob, listJobs, updateJob as updateStored } from './store';
import { writeWithRoom } from './retention';
import {
  afterPollError,
  afterStatus,
  afterSubmit,
  afterSubmitError,
  keyMissing,
  needsDecision,
  notSent,
  operationGone,
  overdue,
  sending,
  stepTimedOut,
  timedOut,
  type Pacing,
} from './transitions';

/** Every write of a step: on a full storage, finished jobs' copies are cleared and it is tried once more. */
const updateJob: typeof updateStored = (id, change) =>
  writeWithRoom(() => updateStored(id, change), 'jobUpdate', { protect: id });

export type { PageOutcome as SwapOutcome } from './transitions';

export { SUBMIT_WATCHDOG_MS };

/** What the engine needs from the outside world; injected so unit tests drive it without a browser. */
export interface EngineDeps extends DeliveryDeps {
  /** '' for providers that need no key; undefined when a needed key is missing. */
  getKey(credential: string | null): Promise<string | undefined>;
  memory(providerId: string): ProviderMemory;
  settings(): Promise<ProviderSettings>;
  /** Finds an operation by id, including the person's pipelines (they live in settings). */
  operation(provider: Provider, operationId: string): Promise<Operation | undefined>;
  /** This worker instance's id: a `submitting` job written by another instance has an unknown outcome. */
  bootId: string;
  /**
   * Makes sure the durable wake-up fires soon while a submit is in flight (the scheduler looks again if
   * the worker dies mid-request); called after the write-ahead, before the POST.
   */
  armWatchdog(): Promise<void>;
}

/**
 * Advances jobs one step at a time. Every step persists its transition before any further side effect,
 * so a worker killed at any line resumes from the stored state. Steps for one job never overlap. The
 * signal a step is given fires at its deadline: every provider call of the step gets it, and a step cut
 * short ends as a transient failure (retried later), never as a wrong final state.
 */
export function createRunner(deps: EngineDeps) {
  const locks = new Map<string, Promise<void>>();
  const now = () => deps.clock().now;

  function exclusive(id: string, work: () => Promise<void>): Promise<void> {
    const previous = locks.get(id) ?? Promise.resolve();
    const next = previous.then(work, work).finally(() => {
      if (locks.get(id) === next) locks.delete(id);
    });
    locks.set(id, next);
    return next;
  }

  async function context(provider: Provider, job: Job, signal?: AbortSignal) {
    // Both reads at once: on a click's path every serial await is time before the submit leaves.
    const [key, settings] = await Promise.all([deps.getKey(provider.credential), deps.settings()]);
    if (key === undefined) {
      await updateJob(job.id, (j) => keyMissing(j, now()));
      return undefined;
    }
    const ctx: ProviderContext = { key, memory: deps.memory(provider.id), settings };
    return signal ? { ...ctx, signal } : ctx;
  }

  /**
   * The provider's pacing plus, for a provider whose result has to be asked for, the forecast of when
   * this job will be done, learned from the finished jobs on record (read fresh: a job that finished
   * meanwhile counts at once). Read at the submit; the job keeps it for all its polls.
   */
  async function pacingFor(provider: Provider, job: Job): Promise<Pacing> {
    if (provider.resultAccess === 'local') return provider;
    return { ...provider, forecast: forecastFor(job, await listJobs()) };
  }

  async function mediaOf(job: Job, provider: Provider): Promise<MediaInfo> {
    const { source } = job;
    return {
      url: source.sentUrl ?? source.url,
      width: source.width ?? null,
      height: source.height ?? null,
      hasAlpha: source.hasAlpha ?? null,
      duration: source.duration ?? null,
      // 'url-or-bytes': kept only when the click (or an unusable URL) called for the bytes.
      bytes: provider.input !== 'url' ? await getBlob(job.id, 'input') : undefined,
    };
  }

  /**
   * A job whose write-ahead record is already stored: `submitting` for this worker with its watchdog
   * time (a click's intake writes it so in its one write). Any other job is written ahead here.
   */
  const writtenAhead = (job: Job) =>
    job.state === 'submitting' && job.bootId === deps.bootId && job.nextAttemptAt !== null;

  async function submit(job: Job, provider: Provider, signal?: AbortSignal) {
    // Write-ahead: `submitting` (with this worker's id and a watchdog time) is stored before the POST
    // leaves, and the wake-up armed, so the scheduler looks again if this worker dies mid-request. A
    // click's record already is that (one write, not two); the wake-up is armed either way. The key,
    // settings, operation and input are read meanwhile (all of it before the POST): on a click's path
    // every serial await is time before the submit leaves.
    const writeAhead = async () => {
      const written = writtenAhead(job)
        ? job
        : await updateJob(job.id, (j) => sending(j, deps.bootId, now() + SUBMIT_WATCHDOG_MS, now()));
      if (written) await deps.armWatchdog();
      return written;
    };
    const memory = deps.memory(provider.id); // made first: it may start reading what it keeps
    const [ready, key, settings, operation, media] = await Promise.all([
      writeAhead(),
      deps.getKey(provider.credential),
      deps.settings(),
      deps.operation(provider, job.operation),
      mediaOf(job, provider),
    ]);
    if (!ready) return;
    if (key === undefined) {
      await updateJob(job.id, (j) => keyMissing(j, now()));
      return;
    }
    if (!operation) {
      await updateJob(job.id, (j) => operationGone(j, now()));
      return;
    }
    const ctx: ProviderContext = {
      key,
      memory,
      settings,
      ...(signal && { signal }),
    };
    if (signal?.aborted) {
      await updateJob(job.id, (j) => notSent(j, stepTimedOut(provider.name), deps.clock()));
      return;
    }
    try {
      const submitted = await provider.submit({ operation, media, jobId: job.id }, ctx);
      // The job's clock starts at the answer, not after the history read below: the polls are counted from it.
      const answered = deps.clock();
      const pacing = await pacingFor(provider, job);
      await updateJob(job.id, (j) => afterSubmit(j, submitted, pacing, answered));
    } catch (error) {
      // Aborted after it may have left: the outcome is unknown, as with a dropped connection.
      const reason = signal?.aborted ? stepTimedOut(provider.name) : error;
      await updateJob(job.id, (j) => afterSubmitError(j, reason, deps.clock()));
    }
  }

  async function poll(job: Job, provider: Provider, signal?: AbortSignal) {
    if (overdue(job, provider.pollSchedule, now())) {
      await updateJob(job.id, (j) => timedOut(j, provider.pollSchedule, now()));
      return;
    }
    const ctx = await context(provider, job, signal);
    if (!ctx || !job.providerJobId) return;
    try {
      const status = await provider.status(job.providerJobId, ctx);
      // The job's own forecast, fixed at its submit, plans its polls: no history read on a poll.
      const pacing = job.forecast ? provider : await pacingFor(provider, job);
      await updateJob(job.id, (j) => afterStatus(j, status, pacing, deps.clock()));
    } catch (error) {
      const reason = signal?.aborted ? stepTimedOut(provider.name) : error;
      await updateJob(job.id, (j) => afterPollError(j, reason, deps.clock()));
    }
  }

  async function finish(job: Job, provider: Provider, signal?: AbortSignal) {
    const ctx = await context(provider, job, signal);
    if (ctx) await deliver(job, provider, ctx, deps);
  }

  /** One step for one job, whatever its state; safe to call for any id at any time. */
  function step(id: string, signal?: AbortSignal): Promise<void> {
    return exclusive(id, async () => {
      const job = await getJob(id);
      const provider = job && getProvider(job.provider);
      if (!job || !provider) return;
      // A `submitting` job of this worker is being (or about to be) sent by `start`; one written by a
      // previous worker has an unknown outcome.
      if (job.state === 'submitting' && job.bootId !== deps.bootId) {
        await updateJob(id, (j) => (j.state === 'submitting' ? needsDecision(j, now()) : undefined));
      } else if (job.state === 'waiting') await submit(job, provider, signal);
      else if (job.state === 'queued' || job.state === 'processing') await poll(job, provider, signal);
      else if (job.state === 'completed' && job.nextAttemptAt !== null) await finish(job, provider, signal);
    });
  }

  /**
   * Sends a job the click (or a retry) just wrote as `submitting` for this worker. A click hands over the
   * write-ahead record it has just stored, which is then not read back (a read is time before the POST).
   */
  function start(id: string, signal?: AbortSignal, written?: Job): Promise<void> {
    return exclusive(id, async () => {
      const job = written?.id === id && writtenAhead(written) ? written : await getJob(id);
      const provider = job && getProvider(job.provider);
      if (job?.state === 'submitting' && job.bootId === deps.bootId && provider) {
        await submit(job, provider, signal);
      }
    });
  }

  /**
   * An engine in this browser reported on a job: applied in turn with the job's other steps. Progress
   * comes per tile and only its latest value matters, so at most one progress write per job waits in
   * line (carrying whatever arrived last): a burst of reports never holds up a cancel or the result.
   */
  const progressDue = new Map<string, EngineReport>();
  function report(id: string, event: EngineReport): Promise<void> {
    if (event.kind !== 'progress') return exclusive(id, () => applyReport(id, event, now()));
    const waiting = progressDue.has(id);
    progressDue.set(id, event);
    if (waiting) return Promise.resolve();
    return exclusive(id, async () => {
      const latest = progressDue.get(id);
      progressDue.delete(id);
      if (latest) await applyReport(id, latest, now());
    });
  }

  /** Is there anything for `step` to do for this job at time `now`? (A completed job: its delivery.) */
  function isDue(job: Job, at: number): boolean {
    const open = ACTIVE_STATES.has(job.state) || job.state === 'completed';
    return open && job.nextAttemptAt !== null && job.nextAttemptAt <= at;
  }

  return { start, step, report, isDue, exclusive };
}

export type Runner = ReturnType<typeof createRunner>;
