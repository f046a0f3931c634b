import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  createScheduler,
  IN_FLIGHT_WAKE_MS,
  POLL_ALARM,
  STEP_DEADLINE_MS,
  type Steps,
} from '@/utils/jobs/scheduler';
import { deleteJob, listJobs, putJob, updateJob } from '@/utils/jobs/store';
import { makeJob } from './job-factory';

const NOW = 10_000_000;

const isDue: Steps['isDue'] = (job, now) =>
  ['waiting', 'queued', 'processing'].includes(job.state) &&
  job.nextAttemptAt !== null &&
  job.nextAttemptAt <= now;

/**
 * A runner that records its steps and, like a poll, moves the job's next attempt a minute on; `hang`
 * lists ids whose step never settles on its own.
 */
function fakeRunner(stepped: string[], log: string[] = [], hang = new Set<string>()) {
  const signals = new Map<string, AbortSignal[]>();
  const runner: Steps = {
    start: async () => undefined,
    step: (id, signal) => {
      stepped.push(id);
      log.push(`step ${id}`);
      if (signal) signals.set(id, [...(signals.get(id) ?? []), signal]);
      if (hang.has(id)) return new Promise<void>(() => undefined);
      return updateJob(id, (job) => ({ ...job, nextAttemptAt: NOW + 60_000 })).then(() => undefined);
    },
    isDue,
  };
  return { runner, signals };
}

/** One alarm, as chrome.alarms keeps it: `create` replaces it, `clear` removes it, `get` reads it. */
function fakeAlarms(log: string[] = []) {
  let scheduledTime: number | undefined;
  return {
    get: vi.fn(async () => (scheduledTime === undefined ? undefined : { scheduledTime })),
    create: vi.fn((_name: string, info: { when: number }) => {
      scheduledTime = info.when;
      log.push(`alarm ${info.when - NOW}`);
    }),
    clear: vi.fn(() => void (scheduledTime = undefined)),
  };
}

beforeEach(async () => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  for (const job of await listJobs()) await deleteJob(job.id);
});
afterEach(() => vi.useRealTimers());

describe('scheduler', () => {
  it('steps each overdue job once per tick (no burst) and arms one alarm for the earliest next time', async () => {
    await putJob(makeJob({ id: 'a', state: 'processing', nextAttemptAt: NOW - 60_000 }));
    await putJob(makeJob({ id: 'b', state: 'queued', nextAttemptAt: NOW - 1 }));
    await putJob(makeJob({ id: 'later', state: 'queued', nextAttemptAt: NOW + 9_000 }));
    await putJob(makeJob({ id: 'done', state: 'completed', nextAttemptAt: null }));
    const stepped: string[] = [];
    const alarms = fakeAlarms();
    await createScheduler(fakeRunner(stepped).runner, alarms, { now: () => NOW }).tick();
    expect(stepped.sort()).toEqual(['a', 'b']);
    expect(alarms.create).toHaveBeenLastCalledWith(POLL_ALARM, { when: NOW + 9_000 });
  });

  it('wakes exactly when the next job is due, however near (no floor on a time still ahead)', async () => {
    await putJob(makeJob({ id: 'soon', state: 'queued', nextAttemptAt: NOW + 300 }));
    const stepped: string[] = [];
    const alarms = fakeAlarms();
    let clock = NOW;
    await createScheduler(fakeRunner(stepped).runner, alarms, { now: () => clock }).arm();
    expect(alarms.create).toHaveBeenCalledWith(POLL_ALARM, { when: NOW + 300 });
    // The timer fires a hair before the clock reads the due time: the job is stepped then, not 500 ms on.
    clock = NOW + 295;
    await vi.advanceTimersByTimeAsync(300);
    await vi.waitFor(() => expect(stepped).toEqual(['soon']));
  });

  it('times the wake-up from after its own reads, so slow storage does not make the poll late', async () => {
    await putJob(makeJob({ id: 'later', state: 'queued', nextAttemptAt: NOW + 2_000 }));
    const stepped: string[] = [];
    // Every clock reading is 400 ms after the previous one, as if each read took that long.
    let clock = NOW - 400;
    const scheduler = createScheduler(fakeRunner(stepped).runner, fakeAlarms(), {
      now: () => (clock += 400),
    });
    await scheduler.arm(); // read at NOW, timer set at NOW + 400 for the 1 600 ms left
    await vi.advanceTimersByTimeAsync(1_599);
    expect(stepped).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    await vi.waitFor(() => expect(stepped).toEqual(['later']));
  });

  it('clears the alarm when nothing is active', async () => {
    await putJob(makeJob({ id: 'done', state: 'failed', nextAttemptAt: null }));
    const alarms = fakeAlarms();
    await createScheduler(fakeRunner([]).runner, alarms, { now: () => NOW }).arm();
    expect(alarms.clear).toHaveBeenCalledWith(POLL_ALARM);
    expect(alarms.create).not.toHaveBeenCalled();
  });

  it('arms for a future job at its own time', async () => {
    await putJob(makeJob({ id: 'later', state: 'queued', nextAttemptAt: NOW + 9_000 }));
    const alarms = fakeAlarms();
    await createScheduler(fakeRunner([]).runner, alarms, { now: () => NOW }).arm();
    expect(alarms.create).toHaveBeenCalledWith(POLL_ALARM, { when: NOW + 9_000 });
  });

  it('arms a near wake-up before a step starts, so a worker killed inside it is woken again', async () => {
    await putJob(makeJob({ id: 'a', state: 'processing', nextAttemptAt: NOW - 1 }));
    const log: string[] = [];
    const { runner } = fakeRunner([], log, new Set(['a']));
    void createScheduler(runner, fakeAlarms(log), { now: () => NOW }).tick();
    await vi.waitFor(() => expect(log).toContain('step a'));
    expect(log.slice(0, 2)).toEqual([`alarm ${IN_FLIGHT_WAKE_MS}`, 'step a']);
  });

  it('a hung step holds up only its own job: later ticks step the others, and its deadline aborts it', async () => {
    await putJob(makeJob({ id: 'hung', state: 'processing', nextAttemptAt: NOW - 2 }));
    await putJob(makeJob({ id: 'b', state: 'queued', nextAttemptAt: NOW - 1 }));
    const stepped: string[] = [];
    const { runner, signals } = fakeRunner(stepped, [], new Set(['hung']));
    const alarms = fakeAlarms();
    const scheduler = createScheduler(runner, alarms, { now: () => NOW });
    const first = scheduler.tick();
    await vi.waitFor(() => expect(stepped).toEqual(['hung', 'b']));

    await putJob(makeJob({ id: 'c', state: 'queued', nextAttemptAt: NOW - 1 }));
    await scheduler.tick(); // does not wait for the hung step, and does not step it twice
    expect(stepped).toEqual(['hung', 'b', 'c']);
    expect(signals.get('hung')?.[0]?.aborted).toBe(false);

    await vi.advanceTimersByTimeAsync(STEP_DEADLINE_MS);
    await first;
    expect(signals.get('hung')?.[0]?.aborted).toBe(true);
    // Let go at its deadline, it is still due: the next wake-up steps it again.
    await vi.advanceTimersByTimeAsync(IN_FLIGHT_WAKE_MS);
    expect(stepped.filter((id) => id === 'hung').length).toBeGreaterThanOrEqual(2);
  });

  it('re-arms after a step that throws', async () => {
    await putJob(makeJob({ id: 'a', state: 'processing', nextAttemptAt: NOW - 1 }));
    const alarms = fakeAlarms();
    const runner: Steps = {
      start: async () => undefined,
      step: () => Promise.reject(new Error('boom')),
      isDue,
    };
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    await createScheduler(runner, alarms, { now: () => NOW }).tick();
    warn.mockRestore();
    expect(alarms.create).toHaveBeenLastCalledWith(POLL_ALARM, { when: NOW + 500 });
  });

  it('runs at most four steps at once; the rest wait for a free slot', async () => {
    for (const id of ['a', 'b', 'c', 'd', 'e', 'f']) {
      await putJob(makeJob({ id, state: 'queued', nextAttemptAt: NOW - 1 }));
    }
    const stepped: string[] = [];
    const { runner } = fakeRunner(stepped, [], new Set(['a', 'b', 'c', 'd', 'e', 'f']));
    const scheduler = createScheduler(runner, fakeAlarms(), { now: () => NOW });
    void scheduler.tick();
    await vi.waitFor(() => expect(stepped).toHaveLength(4));
    await scheduler.tick();
    expect(stepped).toHaveLength(4);
  });

  it('start sends a job under the same deadline and never twice at once', async () => {
    await putJob(makeJob({ id: 'new', state: 'submitting', nextAttemptAt: NOW + 25_000 }));
    const starts: AbortSignal[] = [];
    const runner: Steps = {
      start: (_id, signal) => {
        if (signal) starts.push(signal);
        return new Promise<void>(() => undefined);
      },
      step: async () => undefined,
      isDue,
    };
    const scheduler = createScheduler(runner, fakeAlarms(), { now: () => NOW });
    const first = scheduler.start('new');
    void scheduler.start('new');
    await vi.advanceTimersByTimeAsync(STEP_DEADLINE_MS);
    await first;
    expect(starts).toHaveLength(1);
    expect(starts[0]?.aborted).toBe(true);
  });
});

describe('the wake-up armed as a submit leaves', () => {
  it('moves the alarm to within the in-flight wake-up when it was later, and never later than it was', async () => {
    const alarms = fakeAlarms();
    const scheduler = createScheduler(fakeRunner([]).runner, alarms, { now: () => NOW });
    alarms.create(POLL_ALARM, { when: NOW + 60_000 });
    await scheduler.armInFlight();
    expect(await alarms.get()).toEqual({ scheduledTime: NOW + IN_FLIGHT_WAKE_MS });

    alarms.create(POLL_ALARM, { when: NOW + 1_000 }); // a poll due sooner keeps its time
    await scheduler.armInFlight();
    expect(await alarms.get()).toEqual({ scheduledTime: NOW + 1_000 });
  });

  it('is set even when no alarm was, and a re-arm worked out before it cannot clear it afterwards', async () => {
    const alarms = fakeAlarms();
    const scheduler = createScheduler(fakeRunner([]).runner, alarms, { now: () => NOW });
    // Nothing stored: the re-arm clears the alarm, after its read of the jobs.
    await Promise.all([scheduler.arm(), scheduler.armInFlight()]);
    expect(alarms.clear).toHaveBeenCalledWith(POLL_ALARM);
    expect(await alarms.get()).toEqual({ scheduledTime: NOW + IN_FLIGHT_WAKE_MS });
  });
});

describe('a provider that answered 429', () => {
  it('is left alone until its earliest rate-limited job is due; that job goes first, other providers go on', async () => {
    const busy = { kind: 'rate_limited' as const, message: 'Too many requests.', retryable: true };
    await putJob(makeJob({ id: 'probe', state: 'waiting', error: busy, nextAttemptAt: NOW + 4_000 }));
    await putJob(makeJob({ id: 'same', state: 'queued', nextAttemptAt: NOW - 1 }));
    await putJob(makeJob({ id: 'other', provider: 'enhancecraft', state: 'queued', nextAttemptAt: NOW - 1 }));
    const stepped: string[] = [];
    const alarms = fakeAlarms();
    let now = NOW;
    const scheduler = createScheduler(fakeRunner(stepped).runner, alarms, { now: () => now });
    await scheduler.tick();
    expect(stepped).toEqual(['other']);
    expect(alarms.create).toHaveBeenLastCalledWith(POLL_ALARM, { when: NOW + 4_000 });

    now = NOW + 4_000;
    await scheduler.tick();
    expect(stepped.slice(1)).toEqual(['probe', 'same']);
  });
});
