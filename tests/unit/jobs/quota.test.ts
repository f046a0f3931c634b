import { clear, createStore, set, update } from 'idb-keyval';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { ProviderError, toJobError } from '@/utils/errors';
import { getBlob } from '@/utils/jobs/blobs';
import {
  clearedNote,
  isQuotaError,
  STORAGE_FULL,
  StorageFullError,
  withResultNotKept,
} from '@/utils/jobs/quota';
import { freeSpace, keepBlob, storageUse, writeWithRoom } from '@/utils/jobs/retention';
import type { Job } from '@/utils/jobs/schema';
import { deleteJob, getJob, listJobs, putJob, updateJob } from '@/utils/jobs/store';
import { BLOBS_DB, failPutsWithQuota, inDb, JOBS_DB, type PutAttempt } from '../helpers/storage-full';
import { makeJob } from './job-factory';

const MB = 1024 * 1024;
const rawBlobs = createStore(BLOBS_DB, 'blobs');
const bytes = (mb: number) => new Blob([new Uint8Array(Math.round(mb * MB))], { type: 'image/png' });

let clock = 1_000_000;
const done = (id: string): Job =>
  makeJob({
    id,
    state: 'completed',
    result: { url: 'https://cdn.example.com/r.png', cached: true },
    page: { status: 'replaced' },
  });

/** Two finished jobs with kept copies, the older one larger: room the helpers can make. */
async function finishedCopies() {
  await putJob(done('old'));
  await putJob(done('recent'));
  clock = 1;
  await keepBlob('old', 'result', bytes(50));
  clock = 2;
  await keepBlob('recent', 'result', bytes(10));
  clock = 3;
}

const has = async (jobId: string, kind: 'input' | 'result' = 'result') =>
  (await getBlob(jobId, kind)) !== undefined;
const jobRecord = (id: string) => (put: PutAttempt) => put.db === JOBS_DB && put.key === id;

beforeEach(async () => {
  fakeBrowser.reset();
  for (const job of await listJobs()) await deleteJob(job.id);
  await clear(rawBlobs);
  vi.spyOn(Date, 'now').mockImplementation(() => clock);
});

describe('isQuotaError', () => {
  it('knows the shapes browsers really throw', async () => {
    // Chromium's IndexedDB: the transaction aborts with a DOMException named QuotaExceededError.
    expect(isQuotaError(new DOMException('', 'QuotaExceededError'))).toBe(true);
    // Chromium 156 gives it its own subclass, with `quota` and `requested`.
    class QuotaExceededError extends DOMException {
      readonly quota = null;
      readonly requested = null;
      constructor() {
        super('', 'QuotaExceededError');
      }
    }
    expect(isQuotaError(new QuotaExceededError())).toBe(true);
    // chrome.storage.local past its limit (measured in Chromium 156), and its constant's older wording.
    expect(isQuotaError(new Error('Resource::kQuotaBytes quota exceeded'))).toBe(true);
    expect(isQuotaError(new Error('QUOTA_BYTES quota exceeded'))).toBe(true);
    // Firefox's older name.
    expect(isQuotaError(new DOMException('', 'NS_ERROR_DOM_QUOTA_REACHED'))).toBe(true);
    // Wrapped, and our own error.
    expect(
      isQuotaError(new Error('Saving failed', { cause: new DOMException('', 'QuotaExceededError') })),
    ).toBe(true);
    expect(isQuotaError(new StorageFullError('newJob'))).toBe(true);
  });

  it('recognises what idb-keyval rejects with when the browser aborts the write', async () => {
    const store = createStore('quota-probe', 'values');
    failPutsWithQuota(inDb('quota-probe'));
    const viaSet = await set('k', bytes(1), store).catch((error: unknown) => error);
    const viaUpdate = await update('k', () => 'v', store).catch((error: unknown) => error);
    for (const error of [viaSet, viaUpdate]) {
      expect(error).toBeInstanceOf(DOMException);
      expect(isQuotaError(error)).toBe(true);
    }
  });

  it('is not fooled by other failures', () => {
    const cyclic = new Error('loop');
    cyclic.cause = cyclic;
    for (const error of [
      new DOMException('The transaction was aborted', 'AbortError'),
      new DOMException('Could not clone', 'DataCloneError'),
      new TypeError('Failed to fetch'),
      new ProviderError({
        kind: 'insufficient_credits',
        message: 'Your coin quota is used up.',
        retryable: false,
      }),
      cyclic,
      'QuotaExceededError',
      undefined,
      null,
    ]) {
      expect(isQuotaError(error)).toBe(false);
    }
  });
});

describe('storage full at each write', () => {
  it('a new job record: room is made by clearing the oldest finished copy, then it is written', async () => {
    await finishedCopies();
    const failed = failPutsWithQuota(jobRecord('new'), 1);
    await writeWithRoom(() => putJob(makeJob({ id: 'new' })), 'newJob');
    expect(failed).toHaveLength(1);
    expect((await getJob('new'))?.state).toBe('submitting');
    expect(await has('old')).toBe(false);
    expect(await has('recent')).toBe(true); // 50 MB freed was enough
    expect((await getJob('old'))?.result).toMatchObject({ cached: false, cleared: 'storage_full' });
  });

  it('a new job record that still does not fit fails with the sentence the person reads', async () => {
    await finishedCopies();
    failPutsWithQuota(jobRecord('new'));
    const error = await writeWithRoom(() => putJob(makeJob({ id: 'new' })), 'newJob').catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(StorageFullError);
    expect(toJobError(error)).toEqual({
      kind: 'storage_full',
      message: "The browser's storage for this extension is full — clear finished jobs in the popup.",
      retryable: true,
    });
    expect(await getJob('new')).toBeUndefined();
  });

  it('a kept input: room is made, or the job cannot start', async () => {
    await finishedCopies();
    failPutsWithQuota(inDb(BLOBS_DB), 1);
    await keepBlob('upload', 'input', bytes(2));
    expect(await has('upload', 'input')).toBe(true);
    expect(await has('old')).toBe(false);

    vi.mocked(IDBObjectStore.prototype.put).mockRestore();
    failPutsWithQuota(inDb(BLOBS_DB));
    const refused = await keepBlob('upload-2', 'input', bytes(2)).catch((e: unknown) => e);
    expect(refused).toMatchObject({ situation: 'newJob', message: STORAGE_FULL.newJob });
    expect(await has('upload-2', 'input')).toBe(false);
    // It cleared what it could (the recent copy) before giving up, and wrote nothing half-way.
    expect(await has('recent')).toBe(false);
    expect((await storageUse()).usedBytes).toBe(2 * MB);
  });

  it('a kept result that finds no room: the job stays done and says its copy could not be kept', async () => {
    await finishedCopies();
    await putJob(
      makeJob({ id: 'finishing', state: 'completed', result: { url: 'https://cdn.example.com/f.png' } }),
    );
    failPutsWithQuota(inDb(BLOBS_DB));
    const error = await keepBlob('finishing', 'result', bytes(5)).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'storage_full', situation: 'resultNotKept' });
    vi.mocked(IDBObjectStore.prototype.put).mockRestore();

    await updateJob('finishing', (job) => withResultNotKept(job, 'resultNotKept'));
    const job = (await getJob('finishing'))!;
    expect(job.state).toBe('completed');
    expect(job.result).toMatchObject({ url: 'https://cdn.example.com/f.png', cached: false });
    expect(job.error?.message).toBe(
      "Done, but the result could not be kept: the browser's storage for this extension is full.",
    );
    expect(clearedNote(job)).toBeUndefined(); // the error already says it
    expect(clearedNote((await getJob('old'))!)).toMatch(/storage for this extension was full/);
  });

  it('a job update: room is made and it is written; if still refused the job stays as it was', async () => {
    await finishedCopies();
    await putJob(makeJob({ id: 'polling', state: 'processing', polls: 1 }));
    const advance = () => updateJob('polling', (job) => ({ ...job, polls: job.polls + 1 }));

    failPutsWithQuota(jobRecord('polling'), 1);
    await writeWithRoom(advance, 'jobUpdate');
    expect((await getJob('polling'))?.polls).toBe(2);
    expect(await has('old')).toBe(false);

    vi.mocked(IDBObjectStore.prototype.put).mockRestore();
    failPutsWithQuota(jobRecord('polling'));
    await expect(writeWithRoom(advance, 'jobUpdate')).rejects.toMatchObject({
      situation: 'jobUpdate',
      retryable: true,
    });
    expect((await getJob('polling'))?.polls).toBe(2);
  });

  it('frees the bytes even when no record and no index can be rewritten, and the accounting recovers', async () => {
    await finishedCopies();
    failPutsWithQuota(() => true);
    expect(await freeSpace(1)).toBe(50 * MB);
    expect(await has('old')).toBe(false);
    expect((await storageUse()).usedBytes).toBe(10 * MB);
  });
});
