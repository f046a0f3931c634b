import { oneAtATime } from '../one-at-a-time';
import type { Job } from './schema';
import { listJobs } from './store';

/**
 * When the engine looks at each job: one alarm plus each job's persisted `nextAttemptAt`, never a timer
 * per job. The alarm is the durable wake-up that survives the worker being killed; the in-worker timer
 * only makes steps prompt while the worker is awake anyway.
 *
 * Three rules keep a slow or hostile provider from stalling everything:
 *  - each step runs on its own, under its own deadline (its AbortSignal fires, then it is let go), so a
 *    hung answer holds up only its own job, and a tick never waits for another tick's steps;
 *  - the wake-up is armed BEFORE a tick's steps start, and re-armed when each one ends: a worker killed
 *    mid-request (Chrome does this to a fetch waiting over 30 s) is woken again a few seconds later;
 *  - at most a few steps run at once, each job at most once, so overdue jobs found at start are stepped
 *    once, not in a burst; and a provider that answered 429 is given room (see `dueTimes`);
 *  - at most a couple of submits run at once per provider: a batch of new jobs is stored `waiting`, due
 *    now, and each goes when a submit slot for its provider is free (see `withinSubmitCap`). The turn is
 *    read from the records, so a batch outlives the worker.
 */
export const POLL_ALARM = 'poll-jobs';
const MAX_IN_FLIGHT = 4;
/** Submits in flight at once for one provider: a batch of 50 images never lands on a provider at once. */
export const MAX_SUBMITS_PER_PROVIDER = 2;
/** How soon a job that is due but could not be started (no free slot) is looked at again. */
const MIN_DELAY_MS = 500;
/**
 * A timer may fire a hair before the clock reads its time; a job due within this much is stepped at
 * once rather than MIN_DELAY_MS later.
 */
const TIMER_SLACK_MS = 20;
/** Longer than a request's own deadline (20 s, body included) plus a result download and a page swap. */
export const STEP_DEADLINE_MS = 55_000;
/** How soon the worker is woken again while a step is in flight, in case it is killed meanwhile. */
export const IN_FLIGHT_WAKE_MS = 5_000;

export interface AlarmApi {
  get(name: string): Promise<{ scheduledTime: number } | undefined>;
  create(name: string, info: { when: number }): Promise<void> | void;
  clear(name: string): Promise<boolean> | Promise<void> | void;
}

/** What the scheduler needs of the job runner; the signal fires at the step's deadline. */
export interface Steps {
  step(id: string, signal?: AbortSignal): Promise<void>;
  start(id: string, signal?: AbortSignal, written?: Job): Promise<void>;
  isDue(job: Job, now: number): boolean;
}

export interface SchedulerOptions {
  now?: () => number;
  stepDeadlineMs?: number;
}

export function createScheduler(runner: Steps, alarms: AlarmApi, options: SchedulerOptions = {}) {
  const now = options.now ?? Date.now;
  const deadlineMs = options.stepDeadlineMs ?? STEP_DEADLINE_MS;
  const inFlight = new Map<string, Promise<void>>();
  const inTurn = oneAtATime();
  let timer: ReturnType<typeof setTimeout> | undefined;

  /**
   * The earliest time anything needs looking at: a job's own time when it is still ahead (polls go out
   * exactly when planned); a job already due but not running (no free slot) a little later; in-flight
   * jobs count as "soon", not as overdue.
   */
  function nextWake(jobs: Job[], at: number): number | undefined {
    const due = dueTimes(jobs);
    const times = jobs
      .filter((job) => inFlight.has(job.id) || due.has(job.id))
      .map((job) => {
        if (inFlight.has(job.id)) return at + IN_FLIGHT_WAKE_MS;
        const when = due.get(job.id) as number;
        return when > at + TIMER_SLACK_MS ? when : at + MIN_DELAY_MS;
      });
    return times.length === 0 ? undefined : Math.min(...times);
  }

  /**
   * When each job with somewhere to be is due. A provider that answered 429 is left alone until its
   * earliest rate-limited job is due again: that one goes first, and the others do not pile on
   * meanwhile. Read from the job records, so the pause outlives the worker.
   */
  function dueTimes(jobs: Job[]): Map<string, number> {
    const waiting = jobs.filter((job) => runner.isDue(job, Number.POSITIVE_INFINITY));
    const pause = new Map<string, number>();
    for (const job of waiting) {
      if (job.error?.kind !== 'rate_limited') continue;
      pause.set(job.provider, Math.min(pause.get(job.provider) ?? Infinity, job.nextAttemptAt as number));
    }
    return new Map(
      waiting.map((job) => {
        const own = job.nextAttemptAt as number;
        const held = job.error?.kind === 'rate_limited' ? own : Math.max(own, pause.get(job.provider) ?? own);
        return [job.id, held];
      }),
    );
  }

  /**
   * Keeps, in order, the due jobs that fit: a submit (a `waiting` job) only while fewer than
   * MAX_SUBMITS_PER_PROVIDER submits of its provider are in flight. A job in flight whose record still
   * says `waiting` or `submitting` is such a submit (a click's own start included); the rest wait.
   */
  function withinSubmitCap(due: Job[], jobs: Job[]): Job[] {
    const sending = new Map<string, number>();
    const count = (job: Job) => sending.set(job.provider, (sending.get(job.provider) ?? 0) + 1);
    for (const job of jobs)
      if (inFlight.has(job.id) && (job.state === 'waiting' || job.state === 'submitting')) count(job);
    return due.filter((job) => {
      if (job.state !== 'waiting') return true;
      if ((sending.get(job.provider) ?? 0) >= MAX_SUBMITS_PER_PROVIDER) return false;
      count(job);
      return true;
    });
  }

  /** Sets the alarm and the timer from the stored jobs. Runs one at a time, so the newest read wins. */
  function arm(): Promise<void> {
    return inTurn(async () => {
      const at = now();
      const when = nextWake(await listJobs(), at);
      if (timer) clearTimeout(timer);
      timer = undefined;
      if (when === undefined) {
        await alarms.clear(POLL_ALARM);
        return;
      }
      await alarms.create(POLL_ALARM, { when });
      // Counted from now, after the reads above, so the timer fires at `when` and not their time later.
      timer = setTimeout(() => void tick(), Math.max(0, when - now()));
    });
  }

  /**
   * A submit is about to leave: makes sure the alarm fires within IN_FLIGHT_WAKE_MS, as `arm` would for
   * a job in flight, without reading every job first (this is on a click's path). It only ever moves the
   * alarm earlier. In turn with `arm`, so a re-arm worked out before this job was in flight cannot clear
   * it afterwards; the step's own re-arm when it ends puts the alarm back on the stored times.
   */
  function armInFlight(): Promise<void> {
    return inTurn(async () => {
      const when = now() + IN_FLIGHT_WAKE_MS;
      const alarm = await alarms.get(POLL_ALARM);
      if (alarm && alarm.scheduledTime <= when) return;
      await alarms.create(POLL_ALARM, { when });
    });
  }

  /** Re-arming must never throw out of a `finally`; a failed arm is retried by the next step or tick. */
  const rearm = () => arm().catch((error: unknown) => console.warn('Could not arm the job alarm', error));

  /** Runs one job's work under a deadline; settles by the deadline even if the work ignores its signal. */
  function run(id: string, work: (signal: AbortSignal) => Promise<void>): Promise<void> {
    const running = inFlight.get(id);
    if (running) return running;
    const controller = new AbortController();
    let expire: ReturnType<typeof setTimeout> | undefined;
    const deadline = new Promise<void>((resolve) => {
      expire = setTimeout(() => {
        controller.abort(new DOMException('The step took too long.', 'TimeoutError'));
        resolve();
      }, deadlineMs);
    });
    const step = work(controller.signal).catch((error: unknown) => {
      console.warn(`Job step ${id} failed`, error instanceof Error ? error.message : error);
    });
    const settled = Promise.race([step, deadline]).finally(async () => {
      clearTimeout(expire);
      inFlight.delete(id);
      await rearm();
    });
    inFlight.set(id, settled);
    return settled;
  }

  /**
   * Starts every due job that is not already running (up to the cap), after arming the wake-up that
   * covers them. Resolves when this tick's own steps have settled (each bounded by its deadline).
   */
  async function tick(): Promise<void> {
    let chosen: Job[] = [];
    try {
      const at = now();
      const room = MAX_IN_FLIGHT - inFlight.size;
      if (room > 0) {
        const jobs = await listJobs();
        const due = dueTimes(jobs);
        const overdue = jobs
          .filter((job) => !inFlight.has(job.id) && (due.get(job.id) ?? Infinity) <= at + TIMER_SLACK_MS)
          .sort((a, b) => (due.get(a.id) ?? 0) - (due.get(b.id) ?? 0));
        chosen = withinSubmitCap(overdue, jobs).slice(0, room);
      }
      for (const job of chosen) inFlight.set(job.id, Promise.resolve()); // reserved: arm sees them
    } finally {
      await rearm();
    }
    for (const job of chosen) inFlight.delete(job.id);
    await Promise.all(chosen.map((job) => run(job.id, (signal) => runner.step(job.id, signal))));
  }

  /** Sends a job the click (or a retry) just wrote as `submitting` (that record, if at hand), under the same deadline. */
  function start(id: string, written?: Job): Promise<void> {
    return run(id, (signal) => runner.start(id, signal, written));
  }

  return { tick, arm, armInFlight, start };
}

export type Scheduler = ReturnType<typeof createScheduler>;
