import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { getBlob } from '@/utils/jobs/blobs';
import { deliver } from '@/utils/jobs/delivery';
import { createIntake } from '@/utils/jobs/intake';
import { STORAGE_FULL } from '@/utils/jobs/quota';
import { deleteJob, getJob, listJobs, putJob } from '@/utils/jobs/store';
import { menuId, parseMenuId } from '@/utils/providers';
import { enhancecraft } from '@/utils/providers/enhancecraft';
import { hitpawPhoto } from '@/utils/providers/hitpaw-photo';
import * as resultDownload from '@/utils/providers/result-download';
import type { ProviderContext } from '@/utils/providers/types';
import { BLOBS_DB, failPutsWithQuota, inDb, JOBS_DB } from '../helpers/storage-full';
import { makeJob } from './job-factory';

/** The browser's storage for the extension is full, at each write the job flow makes. */
const NOW = 9_000_000;
const ctx: ProviderContext = {
  key: 'sk_live_1',
  memory: { get: async () => undefined, set: async () => undefined },
  settings: { tensorpixPreview: false },
};
const swap = vi.fn(async () => ({ page: { status: 'replaced' as const, shown: 'enhanced' as const } }));
const deliveryDeps = { clock: () => ({ now: NOW, random: () => 0.5 }), swap };

function intake() {
  const calls = { notify: vi.fn(async () => undefined), start: vi.fn(async () => undefined) };
  const click = createIntake({
    bootId: 'boot',
    now: () => NOW,
    resolve: async (id) => parseMenuId(id, []),
    hasKey: async () => true,
    askForKey: async () => undefined,
    inspect: async () => undefined,
    readBytes: async () => ({ ok: true, blob: new Blob(['jpeg'], { type: 'image/jpeg' }) }),
    ...calls,
  });
  const info = (operation: string) => ({
    menuItemId: operation,
    srcUrl: 'https://gallery.example.org/images/photo.jpg',
    frameId: 0,
    editable: false,
    pageUrl: 'https://gallery.example.org/',
  });
  return { click: (operation: string) => click(info(operation), { id: 4 }), calls };
}

beforeEach(async () => {
  for (const job of await listJobs()) await deleteJob(job.id);
  swap.mockClear();
});
afterEach(() => vi.restoreAllMocks());

describe('storage full', () => {
  it('a new job whose input cannot be kept is recorded as failed saying so, and nothing is sent', async () => {
    failPutsWithQuota(inDb(BLOBS_DB));
    const { click, calls } = intake();
    await click(menuId('enhancecraft', 'enhance-2x'));
    const [job] = await listJobs();
    expect(job).toMatchObject({
      state: 'failed',
      error: { kind: 'storage_full', message: STORAGE_FULL.newJob },
    });
    expect(calls.start).not.toHaveBeenCalled();
    expect(calls.notify).toHaveBeenCalledWith(expect.anything(), `Not sent: ${STORAGE_FULL.newJob}`, 'error');
  });

  it('a new job that cannot be recorded at all is not started, and the page says why', async () => {
    failPutsWithQuota(inDb(JOBS_DB));
    const { click, calls } = intake();
    await expect(click(menuId('hitpaw-photo', 'general_2x'))).resolves.toBeUndefined();
    expect(await listJobs()).toEqual([]);
    expect(calls.start).not.toHaveBeenCalled();
    expect(calls.notify).toHaveBeenLastCalledWith(
      expect.anything(),
      `Not sent: ${STORAGE_FULL.newJob}`,
      'error',
    );
  });

  it('a public result that cannot be kept still goes into the page by its link, and the job says it was not kept', async () => {
    vi.spyOn(resultDownload, 'downloadImage').mockResolvedValue(new Blob(['png'], { type: 'image/png' }));
    failPutsWithQuota(inDb(BLOBS_DB));
    const job = await putJob(
      makeJob({
        state: 'completed',
        result: { url: 'https://cdn.example.net/r.png' },
        page: { status: 'pending' },
        nextAttemptAt: NOW,
      }),
    );
    await deliver(job, hitpawPhoto, ctx, deliveryDeps);
    const after = await getJob(job.id);
    expect(swap).toHaveBeenCalledTimes(1);
    expect(after).toMatchObject({
      state: 'completed',
      page: { status: 'replaced' },
      result: { cached: false, cleared: 'storage_full' },
      error: { kind: 'storage_full', message: STORAGE_FULL.resultNotKept },
      nextAttemptAt: null,
    });
  });

  it('a keyed result that cannot be kept ends there: completed, saying so, nothing put into the page', async () => {
    vi.spyOn(enhancecraft, 'download').mockResolvedValue(new Blob(['png'], { type: 'image/png' }));
    failPutsWithQuota(inDb(BLOBS_DB));
    const job = await putJob(
      makeJob({
        provider: 'enhancecraft',
        providerName: 'EnhanceCraft',
        operation: 'enhance-2x',
        state: 'completed',
        result: { url: 'https://api.enhancecraft.com/outputs/j/r.png' },
        page: { status: 'pending' },
        nextAttemptAt: NOW,
      }),
    );
    await deliver(job, enhancecraft, ctx, deliveryDeps);
    expect(swap).not.toHaveBeenCalled();
    expect(await getJob(job.id)).toMatchObject({
      state: 'completed',
      error: { kind: 'storage_full', message: STORAGE_FULL.resultNotKept },
      nextAttemptAt: null,
    });
    expect(await getBlob(job.id, 'result')).toBeUndefined();
  });
});
