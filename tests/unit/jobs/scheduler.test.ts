import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createScheduler, POLL_ALARM } from '@/utils/jobs/scheduler';
import type { Runner } from '@/utils/jobs/runner';
import { deleteJob, listJobs, putJob } from '@/utils/jobs/store';
import { makeJob } from './job-factory';

const NOW = 10_000_000;

function fakeRunner(stepped: string[]): Runner {
  return {
    start: async () => undefined,
    step: async (id: string) => void stepped.push(id),
    isDue: (job, now) =>
      ['waiting', 'queued', 'processing'].includes(job.state) &&
      job.nextAttemptAt !== null &&
      job.nextAttemptAt <= now,
    exclusive: async (_id, work) => work(),
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
    const alarms = { create: vi.fn(), clear: vi.fn() };
    await createScheduler(fakeRunner(stepped), alarms, () => NOW).tick();
    expect(stepped.sort()).toEqual(['a', 'b']);
    // The fake runner does not advance the jobs, so the earliest is still overdue: clamped to now + 0.5 s.
    expect(alarms.create).toHaveBeenLastCalledWith(POLL_ALARM, { when: NOW + 500 });
  });

  it('clears the alarm when nothing is active', async () => {
    await putJob(makeJob({ id: 'done', state: 'failed', nextAttemptAt: null }));
    const alarms = { create: vi.fn(), clear: vi.fn() };
    await createScheduler(fakeRunner([]), alarms, () => NOW).arm();
    expect(alarms.clear).toHaveBeenCalledWith(POLL_ALARM);
    expect(alarms.create).not.toHaveBeenCalled();
  });

  it('arms for a future job at its own time', async () => {
    await putJob(makeJob({ id: 'later', state: 'queued', nextAttemptAt: NOW + 9_000 }));
    const alarms = { create: vi.fn(), clear: vi.fn() };
    await createScheduler(fakeRunner([]), alarms, () => NOW).arm();
    expect(alarms.create).toHaveBeenCalledWith(POLL_ALARM, { when: NOW + 9_000 });
  });
});
