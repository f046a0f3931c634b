import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createScheduler, MAX_SUBMITS_PER_PROVIDER, type Steps } from '@/utils/jobs/scheduler';
import { deleteJob, getJob, listJobs, putJob, updateJob } from '@/utils/jobs/store';
import { makeJob } from './job-factory';

const NOW = 10_000_000;

const isDue: Steps['isDue'] = (job, now) =>
  ['waiting', 'queued', 'processing'].includes(job.state) &&
  job.nextAttemptAt !== null &&
  job.nextAttemptAt <= now;

/**
 * A runner whose submits (steps of `waiting` jobs) stay open until the test lets them answer, as a slow
 * provider would; `open` counts, per provider, the submits under way at each moment.
 */
function slowSubmits() {
  const pending = new Map<string, () => void>();
  const open = new Map<string, number>();
  let most = 0;
  const runner: Steps = {
    start: async () => undefined,
    async step(id) {
      const job = (await getJob(id))!;
      if (job.state !== 'waiting') return;
      await updateJob(id, (j) => ({ ...j, state: 'submitting', nextAttemptAt: NOW + 25_000 }));
      open.set(job.provider, (open.get(job.provider) ?? 0) + 1);
      most = Math.max(most, open.get(job.provider)!);
      await new Promise<void>((resolve) => pending.set(id, resolve));
      open.set(job.provider, open.get(job.provider)! - 1);
      await updateJob(id, (j) => ({ ...j, state: 'queued', nextAttemptAt: NOW + 60_000 }));
    },
    isDue,
  };
  return {
    runner,
    pending,
    open: (provider: string) => open.get(provider) ?? 0,
    most: () => most,
    answer(id: string) {
      pending.get(id)!();
      pending.delete(id);
    },
  };
}

const alarms = () => ({ get: vi.fn(async () => undefined), create: vi.fn(), clear: vi.fn() });
const waitingJob = (id: string, provider = 'hitpaw-photo') =>
  makeJob({ id, provider, state: 'waiting', nextAttemptAt: NOW - 1, batch: { id: 'b1', size: 5 } });

beforeEach(async () => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  for (const job of await listJobs()) await deleteJob(job.id);
});
afterEach(() => vi.useRealTimers());

describe('submits per provider', () => {
  it(`a batch of five for one provider has at most ${MAX_SUBMITS_PER_PROVIDER} submits in flight; the others wait their turn`, async () => {
    for (const id of ['a', 'b', 'c', 'd', 'e']) await putJob(waitingJob(id));
    const provider = slowSubmits();
    const scheduler = createScheduler(provider.runner, alarms(), { now: () => NOW });

    void scheduler.tick();
    await vi.waitFor(() => expect(provider.open('hitpaw-photo')).toBe(2));
    await scheduler.tick(); // another tick (an alarm, a popup wake) adds none
    expect(provider.pending.size).toBe(2);
    expect((await listJobs()).filter((j) => j.state === 'waiting')).toHaveLength(3);

    // Each answer frees one slot; the timer's next tick takes the next job in line.
    while ((await listJobs()).some((j) => j.state !== 'queued')) {
      const [first] = provider.pending.keys();
      if (first) provider.answer(first);
      await vi.advanceTimersByTimeAsync(600);
    }
    expect(provider.most()).toBe(MAX_SUBMITS_PER_PROVIDER);
  });

  it("another provider's jobs and polls are not held up by a full provider", async () => {
    for (const id of ['a', 'b', 'c']) await putJob(waitingJob(id));
    await putJob(waitingJob('other', 'enhancecraft'));
    await putJob(makeJob({ id: 'poll', state: 'processing', nextAttemptAt: NOW - 1 }));
    const provider = slowSubmits();
    const scheduler = createScheduler(provider.runner, alarms(), { now: () => NOW });
    void scheduler.tick();
    await vi.waitFor(() => expect(provider.pending.size).toBe(3));
    expect([...provider.pending.keys()].sort()).toEqual(['a', 'b', 'other']);
    expect(provider.open('hitpaw-photo')).toBe(2);
  });

  it("a click's own submit (started, stored `submitting`) takes one of its provider's slots", async () => {
    await putJob(makeJob({ id: 'clicked', state: 'submitting', nextAttemptAt: NOW + 25_000 }));
    for (const id of ['a', 'b']) await putJob(waitingJob(id));
    const provider = slowSubmits();
    const runner: Steps = { ...provider.runner, start: () => new Promise<void>(() => undefined) };
    const scheduler = createScheduler(runner, alarms(), { now: () => NOW });
    void scheduler.start('clicked');
    void scheduler.tick();
    await vi.waitFor(() => expect(provider.pending.size).toBe(1));
    await scheduler.tick();
    expect(provider.pending.size).toBe(1);
  });

  it('the line is the stored records: a new worker takes the waiting jobs up, within the cap', async () => {
    for (const id of ['a', 'b', 'c']) await putJob(waitingJob(id));
    const before = slowSubmits();
    void createScheduler(before.runner, alarms(), { now: () => NOW }).tick();
    await vi.waitFor(() => expect(before.pending.size).toBe(2));
    // The worker is killed: its two submits are left `submitting` (reconcile decides those), the third
    // is still `waiting` in IndexedDB and a fresh scheduler (the next worker) sends it.
    const after = slowSubmits();
    void createScheduler(after.runner, alarms(), { now: () => NOW }).tick();
    await vi.waitFor(() => expect([...after.pending.keys()]).toEqual(['c']));
  });
});
