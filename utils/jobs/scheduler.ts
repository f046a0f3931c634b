import type { Runner } from './runner';
import { listJobs } from './store';

/**
 * One alarm plus each job's persisted `nextAttemptAt` (reliability rule 2). The alarm is the durable
 * wake-up that survives the worker being killed; the in-worker timer only makes polls prompt while the
 * worker is awake anyway. Due jobs are stepped a few at a time, each at most once per tick, so overdue
 * jobs found at start are polled once, not in a burst.
 */
export const POLL_ALARM = 'poll-jobs';
const MAX_PARALLEL = 4;
const MIN_DELAY_MS = 500;

export interface AlarmApi {
  create(name: string, info: { when: number }): Promise<void> | void;
  clear(name: string): Promise<boolean> | Promise<void> | void;
}

export function createScheduler(runner: Runner, alarms: AlarmApi, now: () => number = Date.now) {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running: Promise<void> | undefined;
  let again = false;

  async function runDue() {
    const due = (await listJobs()).filter((job) => runner.isDue(job, now()));
    due.sort((a, b) => (a.nextAttemptAt ?? 0) - (b.nextAttemptAt ?? 0));
    for (let i = 0; i < due.length; i += MAX_PARALLEL) {
      await Promise.all(due.slice(i, i + MAX_PARALLEL).map((job) => runner.step(job.id)));
    }
  }

  /** Arms the alarm and the timer for the earliest job that has somewhere to be. */
  async function arm() {
    const times = (await listJobs())
      .filter((job) => runner.isDue(job, Number.POSITIVE_INFINITY))
      .map((job) => job.nextAttemptAt as number);
    if (timer) clearTimeout(timer);
    timer = undefined;
    if (times.length === 0) {
      await alarms.clear(POLL_ALARM);
      return;
    }
    const when = Math.max(Math.min(...times), now() + MIN_DELAY_MS);
    await alarms.create(POLL_ALARM, { when });
    timer = setTimeout(() => void tick(), when - now());
  }

  /** Steps every due job, then re-arms. Concurrent calls coalesce into one extra pass. */
  function tick(): Promise<void> {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      try {
        do {
          again = false;
          await runDue();
        } while (again);
      } finally {
        running = undefined;
      }
      await arm();
    })();
    return running;
  }

  return { tick, arm };
}

export type Scheduler = ReturnType<typeof createScheduler>;
