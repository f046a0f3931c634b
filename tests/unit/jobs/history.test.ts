import { clear, createStore } from 'idb-keyval';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { getBlob, putBlob } from '@/utils/jobs/blobs';
import {
  cleanUpHistory,
  clearFinished,
  DAY_MS,
  finishedBefore,
  historyCutoff,
  removeFinished,
} from '@/utils/jobs/history';
import type { Job } from '@/utils/jobs/schema';
import { deleteJob, getJob, listJobs, putJob, updateJob, watchJobs } from '@/utils/jobs/store';
import { makeJob } from './job-factory';

const NOW = 100 * DAY_MS;
const rawBlobs = createStore('enhance-in-place-blobs', 'blobs');
const png = () => new Blob([new Uint8Array(64)], { type: 'image/png' });

const finished = (id: string, daysAgo: number, extra: Partial<Job> = {}) =>
  makeJob({
    id,
    state: 'completed',
    page: { status: 'replaced' },
    result: { url: 'https://cdn.example.net/r.png', cached: true },
    finishedAt: NOW - daysAgo * DAY_MS,
    ...extra,
  });

beforeEach(async () => {
  for (const job of await listJobs()) await deleteJob(job.id);
  await clear(rawBlobs);
});

describe('which jobs a clean-up takes', () => {
  it('takes finished jobs older than the cutoff, never a running one or one still on its way to the page', () => {
    const jobs = [
      finished('old-done', 40),
      finished('old-failed', 31, { state: 'failed', page: undefined }),
      finished('old-canceled', 60, { state: 'canceled', page: undefined }),
      finished('old-expired', 90, { state: 'expired', page: undefined }),
      finished('recent', 2),
      makeJob({ id: 'running', state: 'processing', createdAt: NOW - 80 * DAY_MS }),
      makeJob({ id: 'waiting', state: 'waiting', createdAt: NOW - 80 * DAY_MS }),
      makeJob({ id: 'deciding', state: 'needs_decision', updatedAt: NOW - 80 * DAY_MS }),
      finished('old-pending-swap', 50, { page: { status: 'pending' } }),
    ];
    const cutoff = historyCutoff(30, NOW);
    expect(finishedBefore(jobs, cutoff)).toEqual(['old-done', 'old-failed', 'old-canceled', 'old-expired']);
    // "Clear finished" has no cutoff: every settled job, however recent.
    expect(finishedBefore(jobs)).toEqual(['old-done', 'old-failed', 'old-canceled', 'old-expired', 'recent']);
  });

  it('0 days means keep forever; a record without finishedAt counts from its last write', () => {
    expect(historyCutoff(0, NOW)).toBeUndefined();
    expect(historyCutoff(30, NOW)).toBe(NOW - 30 * DAY_MS);
    const legacy = finished('legacy', 0, { finishedAt: undefined, updatedAt: NOW - 45 * DAY_MS });
    expect(finishedBefore([legacy], historyCutoff(30, NOW))).toEqual(['legacy']);
  });
});

describe('the clean-up in IndexedDB', () => {
  it('removes old finished jobs with their kept copies and leaves active and recent jobs alone', async () => {
    await putJob(finished('old', 40));
    await putJob(finished('recent', 3));
    await putJob(makeJob({ id: 'busy', state: 'processing', createdAt: NOW - 90 * DAY_MS }));
    await putBlob('old', 'result', png());
    await putBlob('old', 'mask', png());
    await putBlob('recent', 'result', png());
    await putBlob('busy', 'input', png());

    expect(await cleanUpHistory(30, NOW)).toBe(1);

    expect(await getJob('old')).toBeUndefined();
    expect(await getBlob('old', 'result')).toBeUndefined();
    expect(await getBlob('old', 'mask')).toBeUndefined();
    expect(await getJob('recent')).toBeDefined();
    expect(await getBlob('recent', 'result')).toBeDefined();
    expect(await getJob('busy')).toBeDefined();
    expect(await getBlob('busy', 'input')).toBeDefined();
  });

  it('removes nothing when history is kept forever', async () => {
    await putJob(finished('ancient', 3000));
    expect(await cleanUpHistory(0, NOW)).toBe(0);
    expect(await getJob('ancient')).toBeDefined();
  });

  it('"Clear finished" removes every finished job and its copies, whatever its age, and no active one', async () => {
    await putJob(finished('done', 0));
    await putJob(finished('failed', 1, { state: 'failed', page: undefined }));
    await putJob(makeJob({ id: 'queued', state: 'queued' }));
    await putJob(makeJob({ id: 'deciding', state: 'needs_decision' }));
    await putBlob('done', 'result', png());
    await putBlob('queued', 'input', png());

    expect(await clearFinished()).toBe(2);

    expect((await listJobs()).map((job) => job.id).sort()).toEqual(['deciding', 'queued']);
    expect(await getBlob('done', 'result')).toBeUndefined();
    expect(await getBlob('queued', 'input')).toBeDefined();
  });

  it('keeps a job retried between the listing and the delete: it runs again', async () => {
    await putJob(finished('retried', 40, { state: 'failed', page: undefined }));
    await putJob(finished('gone', 40));
    const listed = finishedBefore(await listJobs(), historyCutoff(30, NOW));
    expect(listed.sort()).toEqual(['gone', 'retried']);
    // The person pressed Retry after the listing.
    await updateJob('retried', (job) => ({ ...job, state: 'submitting', finishedAt: undefined }));

    expect(await removeFinished(listed)).toBe(1);
    expect((await getJob('retried'))?.state).toBe('submitting');
    expect(await getJob('gone')).toBeUndefined();
  });

  it('announces each removed job once, so open popups drop its row', async () => {
    await putJob(finished('a', 40));
    await putJob(finished('b', 40));
    const heard: string[] = [];
    const stop = watchJobs((id) => heard.push(id));
    await clearFinished();
    await vi.waitFor(() => expect(heard.sort()).toEqual(['a', 'b']));
    stop();
  });
});
