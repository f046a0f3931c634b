import { readFileSync } from 'node:fs';
import { get, set } from 'idb-keyval';
import { jobsDb } from '@/utils/jobs/record-db';
import { beforeEach, describe, expect, it } from 'vitest';
import { hasMask } from '@/components/job-state';
import { migrateData, migrateJobRecord } from '@/utils/jobs/migrate';
import { JOB_RECORD_VERSION, type Job } from '@/utils/jobs/schema';
import { deleteJob, getJob, listJobs, quarantinedCount, updateJob } from '@/utils/jobs/store';

/** Records exactly as release 87429b7 wrote them (see tests/fixtures/records/README.md). */
const v1 = JSON.parse(
  readFileSync(new URL('../../fixtures/records/v1/real-run.json', import.meta.url), 'utf8'),
) as (Record<string, unknown> & { id: string; provider: string; operation: string })[];
const rawJobs = jobsDb();
const byOperation = (jobs: Job[], provider: string, operation: string) =>
  jobs.find((job) => job.provider === provider && job.operation === operation)!;

beforeEach(async () => {
  for (const job of await listJobs()) await deleteJob(job.id);
  for (const record of v1) await set(record.id, record, rawJobs);
});

describe('job records written by the previous release', () => {
  it('every one is read by this version: none quarantined, nothing but the version and on-device links changed', async () => {
    const jobs = await listJobs();
    expect(jobs).toHaveLength(v1.length);
    expect(await quarantinedCount()).toBe(0);
    for (const job of jobs) {
      expect(job.v).toBe(JOB_RECORD_VERSION);
      const before = v1.find((record) => record.id === job.id)!;
      if (job.provider !== 'on-device') expect({ ...job, v: 1 }).toEqual({ incompletePolls: 0, ...before });
    }
  });

  it('an on-device result is our kept copy, no longer a made-up link; a cut-out still has its mask', async () => {
    const jobs = await listJobs();
    const upscaled = byOperation(jobs, 'on-device', 'upscale-2x');
    expect(upscaled.result).toEqual({ cached: true, width: 48, height: 32 });
    const cutout = byOperation(jobs, 'on-device', 'remove-background');
    expect(cutout.result).toEqual({ cached: true, maskCached: true, width: 300, height: 384 });
    expect(hasMask(cutout)).toBe(true);
    expect(hasMask(byOperation(jobs, 'hitpaw-segmentation', 'matting'))).toBe(true);
    expect(hasMask(upscaled)).toBe(false);
  });

  it('the popup’s states and page notes read as before', async () => {
    const jobs = await listJobs();
    expect(jobs.filter((job) => job.state === 'completed')).toHaveLength(7);
    expect(jobs.filter((job) => job.page?.status === 'replaced')).toHaveLength(7);
    expect(jobs.find((job) => job.state === 'failed')?.error?.kind).toBe('refused_url');
  });

  it('the next write stores the record at the current version', async () => {
    const [first] = v1;
    await updateJob(first!.id, (job) => ({ ...job, updatedAt: job.updatedAt + 1 }));
    expect(((await get(first!.id, rawJobs)) as { v: number }).v).toBe(JOB_RECORD_VERSION);
    expect((await getJob(first!.id))?.v).toBe(JOB_RECORD_VERSION);
  });
});

describe('record migrations', () => {
  it('leaves an on-device record that never had a result as it is, apart from its version', () => {
    const running = {
      ...v1.find((r) => r.provider === 'on-device')!,
      state: 'processing',
      result: undefined,
    };
    expect(migrateJobRecord(running)).toEqual({ ...running, v: 2 });
  });
});

describe('data migrations', () => {
  it('delete the on-device progress store that version 1 kept beside the jobs', async () => {
    // As the previous release left it on disk: a database with one record, no longer open.
    await new Promise<void>((resolve, reject) => {
      const open = indexedDB.open('enhance-in-place-on-device');
      open.onupgradeneeded = () => open.result.createObjectStore('jobs');
      open.onsuccess = () => {
        const tx = open.result.transaction('jobs', 'readwrite');
        tx.objectStore('jobs').put({ state: 'running', done: 1, total: 4 }, 'job-1');
        tx.oncomplete = () => (open.result.close(), resolve());
      };
      open.onerror = () => reject(open.error);
    });
    expect((await indexedDB.databases()).map((db) => db.name)).toContain('enhance-in-place-on-device');
    await migrateData(1, 2);
    const names = (await indexedDB.databases()).map((db) => db.name);
    expect(names).not.toContain('enhance-in-place-on-device');
    expect(names).toContain('enhance-in-place-jobs');
  });
});
