import { clear, createStore, del, get, set } from 'idb-keyval';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { getBlob, keptBlobs, putBlob } from '@/utils/jobs/blobs';
import { StorageFullError } from '@/utils/jobs/quota';
import { dropInput, enforceBudget, keepBlob, storageUse } from '@/utils/jobs/retention';
import type { Job } from '@/utils/jobs/schema';
import { deleteJob, getJob, listJobs, putJob, updateJob } from '@/utils/jobs/store';
import { keptBudgetMb } from '@/utils/storage';
import { BLOBS_DB, failPutsWithQuota, inDb } from '../helpers/storage-full';
import { makeJob } from './job-factory';

/** Runs once right after the eviction lists the jobs: lets a test change a job in that window. */
const hooks = vi.hoisted(() => ({ afterListing: undefined as undefined | (() => Promise<unknown>) }));
vi.mock('@/utils/jobs/store', async (importOriginal) => {
  const actual = await importOriginal<typeof import('@/utils/jobs/store')>();
  const listJobs = async () => {
    const list = await actual.listJobs();
    const hook = hooks.afterListing;
    hooks.afterListing = undefined;
    await hook?.();
    return list;
  };
  return { ...actual, listJobs };
});

const MB = 1024 * 1024;
const rawBlobs = createStore(BLOBS_DB, 'blobs');
const bytes = (mb: number) => new Blob([new Uint8Array(Math.round(mb * MB))], { type: 'image/png' });

/** Keep times are the clock's: each keep below happens at the time given. */
let clock = 1_000_000;
const at = (time: number) => (clock = time);

const result = { url: 'https://cdn.example.com/r.png', cached: true };
const done = (id: string, extra: Partial<Job> = {}) =>
  makeJob({ id, state: 'completed', result, page: { status: 'replaced' }, ...extra });
const running = (id: string) => makeJob({ id, state: 'processing' });

async function keepAt(time: number, jobId: string, kind: 'input' | 'result' | 'mask', mb: number) {
  at(time);
  await keepBlob(jobId, kind, bytes(mb));
}

const usedMb = async () => (await storageUse()).usedBytes / MB;
const has = async (jobId: string, kind: 'input' | 'result' | 'mask' = 'result') =>
  (await getBlob(jobId, kind)) !== undefined;

beforeEach(async () => {
  fakeBrowser.reset();
  for (const job of await listJobs()) await deleteJob(job.id);
  await clear(rawBlobs);
  vi.spyOn(Date, 'now').mockImplementation(() => clock);
  await keptBudgetMb.setValue(50);
});

describe('the budget for kept results', () => {
  it('clears the oldest finished copies first and never those of a running job', async () => {
    await putJob(running('busy'));
    await putJob(done('old'));
    await putJob(done('newer'));
    await putJob(done('newest'));
    await keepAt(1, 'busy', 'input', 15); // the oldest bytes, but the job is running
    await keepAt(2, 'old', 'result', 15);
    await keepAt(3, 'newer', 'result', 10);
    expect(await usedMb()).toBe(40);

    await keepAt(4, 'newest', 'result', 20); // 60 MB > 50: 10 MB must go, the oldest finished first

    expect(await has('busy', 'input')).toBe(true);
    expect(await has('old')).toBe(false);
    expect(await has('newer')).toBe(true);
    expect(await has('newest')).toBe(true);
    expect(await usedMb()).toBe(45);
    // The job keeps its row and says its copy was cleared.
    const old = await getJob('old');
    expect(old?.state).toBe('completed');
    expect(old?.result).toMatchObject({ cached: false, cleared: 'budget' });
    expect((await getJob('newer'))?.result?.cleared).toBeUndefined();
  });

  it('refuses a result that cannot fit next to running jobs, and keeps theirs', async () => {
    await putJob(running('a'));
    await putJob(makeJob({ id: 'undecided', state: 'needs_decision' }));
    await putJob(done('swapping', { page: { status: 'pending' } })); // its page still needs the copy
    await putJob(running('new'));
    await keepAt(1, 'a', 'result', 20);
    await keepAt(2, 'undecided', 'input', 10);
    await keepAt(3, 'swapping', 'result', 10);
    await putJob(done('spare'));
    await keepAt(4, 'spare', 'result', 5); // clearing it would not make enough room, so it stays

    const refused = keepAt(5, 'new', 'result', 20);
    await expect(refused).rejects.toBeInstanceOf(StorageFullError);
    await expect(refused).rejects.toMatchObject({ kind: 'storage_full', situation: 'overBudget' });

    const kept = [has('a'), has('undecided', 'input'), has('swapping'), has('spare'), has('new')];
    expect(await Promise.all(kept)).toEqual([true, true, true, true, false]);
    expect(await usedMb()).toBe(45);
  });

  it('keeps an input even over the budget (the job cannot run without it), after making what room there is', async () => {
    await putJob(running('a'));
    await putJob(done('finished'));
    await keepAt(1, 'a', 'input', 40);
    await keepAt(2, 'finished', 'result', 5);
    await keepAt(3, 'b', 'input', 20);
    expect(await has('b', 'input')).toBe(true);
    expect(await has('finished')).toBe(false);
    expect(await usedMb()).toBe(60);
  });

  it('clears bytes of removed jobs before any listed job, but not a new job being recorded', async () => {
    await putJob(done('listed'));
    await keepAt(1, 'listed', 'result', 20);
    await keepAt(2, 'removed-long-ago', 'result', 20); // no record: its job was removed
    at(60 * 60_000);
    await keepBlob('being-recorded', 'input', bytes(5)); // no record YET: intake writes bytes first
    await keepAt(60 * 60_000 + 1, 'another', 'input', 10);
    expect(await has('removed-long-ago')).toBe(false);
    expect(await has('listed')).toBe(true);
    await keepAt(60 * 60_000 + 2, 'one-more', 'input', 20);
    expect(await has('listed')).toBe(false);
    expect(await has('being-recorded', 'input')).toBe(true);
  });

  it('a lowered budget takes effect at once', async () => {
    await keptBudgetMb.setValue(100);
    for (const [i, id] of ['a', 'b', 'c', 'd'].entries()) {
      await putJob(done(id));
      await keepAt(i + 1, id, 'result', 20);
    }
    await keptBudgetMb.setValue(50);
    expect(await enforceBudget()).toBe(40 * MB);
    expect(await Promise.all(['a', 'b', 'c', 'd'].map((id) => has(id)))).toEqual([false, false, true, true]);
    expect(await storageUse()).toEqual({ usedBytes: 40 * MB, budgetBytes: 50 * MB, blobs: 2 });
  });

  it('a stored budget that makes no sense reads as the default 500 MB', async () => {
    await keptBudgetMb.setValue(3 as number);
    expect((await storageUse()).budgetBytes).toBe(500 * MB);
  });

  it('drops an input once the job no longer needs it', async () => {
    await putJob(running('j'));
    await keepAt(1, 'j', 'input', 3);
    await keepAt(2, 'j', 'result', 4);
    await dropInput('j');
    expect(await has('j', 'input')).toBe(false);
    expect(await has('j')).toBe(true);
    expect(await usedMb()).toBe(4);
  });

  it('a job retried while its copies were being cleared keeps them', async () => {
    await putJob(done('retried'));
    await keepAt(1, 'retried', 'input', 30);
    await keepAt(2, 'retried', 'result', 15);
    // The person presses Retry between the candidates being listed and the clearing.
    hooks.afterListing = () =>
      updateJob('retried', (job) => ({ ...job, state: 'submitting', result: undefined }));
    await expect(keepAt(3, 'other', 'result', 20)).rejects.toBeInstanceOf(StorageFullError);
    expect(await has('retried', 'input')).toBe(true);
  });
});

describe('the accounting', () => {
  it('counts sizes from the index, updated with every keep and delete', async () => {
    await keepAt(1, 'x', 'result', 2);
    await keepAt(2, 'x', 'mask', 1);
    await keepAt(3, 'x', 'result', 3); // replaced, not added
    expect(await usedMb()).toBe(4);
    expect((await keptBlobs()).map(({ kind, keptAt }) => [kind, keptAt]).sort()).toEqual([
      ['mask', 2],
      ['result', 3],
    ]);
  });

  it('survives a worker killed between writes: bytes written without their index entry are counted', async () => {
    await keepAt(1, 'a', 'result', 2);
    // What a write from before the index (or one that skipped it) leaves: bytes the index does not list.
    await set('b:result', bytes(3), rawBlobs);
    expect(await usedMb()).toBe(5);
    // ...and an index entry whose bytes are gone.
    await del('a:result', rawBlobs);
    expect(await usedMb()).toBe(3);
    // The next write saves the rebuilt index; bytes with no known keep time count as the oldest.
    await keepAt(5, 'c', 'result', 1);
    const index = (await get<Record<string, { keptAt: number }>>('#index', rawBlobs))!;
    expect(Object.keys(index).sort()).toEqual(['b:result', 'c:result']);
    expect(index['b:result']?.keptAt).toBe(0);
  });

  it('rebuilds an unreadable index from the blobs', async () => {
    await keepAt(1, 'a', 'result', 2);
    await set('#index', { 'a:result': { size: 'big' } }, rawBlobs);
    expect(await usedMb()).toBe(2);
  });

  it('a write the browser refuses leaves neither the bytes nor their entry', async () => {
    await keepAt(1, 'a', 'result', 2);
    failPutsWithQuota(inDb(BLOBS_DB));
    await expect(putBlob('b', 'result', bytes(3))).rejects.toMatchObject({ name: 'QuotaExceededError' });
    vi.mocked(IDBObjectStore.prototype.put).mockRestore();
    expect(await has('b')).toBe(false);
    expect(await usedMb()).toBe(2);
  });

  it('a worker killed after marking a copy cleared but before deleting it: the bytes still go later', async () => {
    await putJob(done('half'));
    await keepAt(1, 'half', 'result', 30);
    await updateJob('half', (job) => ({
      ...job,
      result: { ...job.result!, cached: false, cleared: 'budget' },
    }));
    await keptBudgetMb.setValue(50);
    await keepAt(2, 'next', 'result', 30);
    expect(await has('half')).toBe(false);
    expect(await usedMb()).toBe(30);
  });
});
