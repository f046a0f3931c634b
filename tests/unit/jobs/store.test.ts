import { set } from 'idb-keyval';
import { jobsDb } from '@/utils/jobs/record-db';
import { beforeEach, describe, expect, it } from 'vitest';
import { migrateJobRecord } from '@/utils/jobs/migrate';
import {
  deleteJob,
  getJob,
  listJobs,
  putJob,
  quarantinedCount,
  updateJob,
  watchJobs,
} from '@/utils/jobs/store';
import { makeJob } from './job-factory';

const rawJobs = jobsDb();

beforeEach(async () => {
  for (const job of await listJobs()) await deleteJob(job.id);
});

describe('job store', () => {
  it('lists newest first', async () => {
    await putJob(makeJob({ id: 'old', createdAt: 1 }));
    await putJob(makeJob({ id: 'new', createdAt: 2 }));
    expect((await listJobs()).map((j) => j.id)).toEqual(['new', 'old']);
  });

  it('quarantines an unreadable record instead of failing the whole list', async () => {
    await putJob(makeJob({ id: 'good' }));
    await set('broken', { v: 1, id: 'broken', state: 'nonsense' }, rawJobs);
    const before = await quarantinedCount();
    expect((await listJobs()).map((j) => j.id)).toEqual(['good']);
    await expect.poll(quarantinedCount).toBe(before + 1);
    await expect.poll(() => getJob('broken')).toBeUndefined();
  });

  it('updates atomically and announces every change to watchers', async () => {
    const seen: string[] = [];
    const stop = watchJobs((id) => seen.push(id));
    await putJob(makeJob({ id: 'w', polls: 0 }));
    await Promise.all(
      Array.from({ length: 10 }, () => updateJob('w', (job) => ({ ...job, polls: job.polls + 1 }))),
    );
    expect((await getJob('w'))?.polls).toBe(10);
    await expect.poll(() => seen.length).toBeGreaterThanOrEqual(11);
    stop();
  });

  it('an update of a missing job changes nothing', async () => {
    expect(await updateJob('nope', (job) => ({ ...job, polls: 1 }))).toBeUndefined();
    expect(await getJob('nope')).toBeUndefined();
  });
});

describe('record migrations', () => {
  it('leaves a current record as it is', () => {
    const job = makeJob();
    expect(migrateJobRecord(job)).toEqual(job);
  });

  it('returns an unknown older shape unchanged, for quarantine', () => {
    const ancient = { id: 'x', status: 'running' };
    expect(migrateJobRecord(ancient)).toBe(ancient);
  });
});
