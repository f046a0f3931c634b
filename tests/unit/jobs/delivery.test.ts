import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ProviderError } from '@/utils/errors';
import { getBlob } from '@/utils/jobs/blobs';
import { deliver, type DeliveryDeps } from '@/utils/jobs/delivery';
import type { Job } from '@/utils/jobs/schema';
import { deleteJob, getJob, listJobs, putJob } from '@/utils/jobs/store';
import { enhancecraft } from '@/utils/providers/enhancecraft';
import { onDevice } from '@/utils/providers/on-device';
import type { ProviderContext } from '@/utils/providers/types';
import { makeJob } from './job-factory';

const now = 8_000_000;
const swaps: Job[] = [];
const ctx = (signal?: AbortSignal): ProviderContext => ({
  key: 'sk_live_1',
  memory: { get: async () => undefined, set: async () => undefined },
  settings: { tensorpixPreview: false },
  signal,
});
const deps = (swap?: DeliveryDeps['swap']): DeliveryDeps => ({
  clock: () => ({ now, random: () => 0.5 }),
  swap:
    swap ??
    (async (job) => {
      swaps.push(job);
      return { page: { status: 'replaced', shown: 'enhanced' }, width: 640, height: 480 };
    }),
});

/** A finished EnhanceCraft job: its result link needs the key, so our copy is what the page gets. */
const finished = (overrides: Partial<Job> = {}) =>
  putJob(
    makeJob({
      provider: 'enhancecraft',
      providerName: 'EnhanceCraft',
      operation: 'enhance-2x',
      state: 'completed',
      result: { url: 'https://api.enhancecraft.com/outputs/j/r.png' },
      page: { status: 'pending' },
      finishedAt: now,
      nextAttemptAt: now,
      ...overrides,
    }),
  );

beforeEach(async () => {
  for (const job of await listJobs()) await deleteJob(job.id);
  swaps.length = 0;
});
afterEach(() => vi.restoreAllMocks());

describe('delivery', () => {
  it('keeps the result first, then puts it into the page, then records what the page shows', async () => {
    const download = vi
      .spyOn(enhancecraft, 'download')
      .mockResolvedValue(new Blob(['r'], { type: 'image/png' }));
    const job = await finished();
    await deliver(job, enhancecraft, ctx(), deps());
    expect(download).toHaveBeenCalledWith(job.result!.url, expect.objectContaining({ key: 'sk_live_1' }));
    expect(swaps).toHaveLength(1);
    expect(swaps[0]!.result?.cached).toBe(true); // the page swap already sees our copy
    expect(await getJob(job.id)).toMatchObject({
      state: 'completed',
      result: { cached: true, width: 640, height: 480 },
      page: { status: 'replaced', shown: 'enhanced' },
      nextAttemptAt: null,
    });
    expect(await (await getBlob(job.id, 'result'))?.text()).toBe('r');
  });

  it('a rate-limited download waits for the time the provider named, and nothing reaches the page yet', async () => {
    vi.spyOn(enhancecraft, 'download').mockRejectedValue(
      new ProviderError({
        kind: 'rate_limited',
        message: 'Slow down.',
        retryable: true,
        retryAfterMs: 30_000,
      }),
    );
    const job = await finished();
    await deliver(job, enhancecraft, ctx(), deps());
    expect(swaps).toHaveLength(0);
    expect(await getJob(job.id)).toMatchObject({
      state: 'completed',
      page: { status: 'pending' },
      failures: 1,
      error: { kind: 'rate_limited' },
      nextAttemptAt: now + 30_000,
    });
  });

  it('a download that cannot succeed ends the job as failed with the reason', async () => {
    vi.spyOn(enhancecraft, 'download').mockRejectedValue(
      new ProviderError({ kind: 'not_found', message: 'The result is gone.', retryable: false }),
    );
    const job = await finished();
    await deliver(job, enhancecraft, ctx(), deps());
    expect(await getJob(job.id)).toMatchObject({
      state: 'failed',
      error: {
        kind: 'not_found',
        message:
          'EnhanceCraft finished, but its result could not be downloaded (The result is gone). Retry to run the job again.',
      },
      nextAttemptAt: null,
    });
  });

  it('a step out of time is never recorded as the download’s own failure: it is tried again', async () => {
    const deadline = new AbortController();
    vi.spyOn(enhancecraft, 'download').mockImplementation(async () => {
      deadline.abort();
      throw new DOMException('The operation was aborted.', 'AbortError');
    });
    const job = await finished();
    await deliver(job, enhancecraft, ctx(deadline.signal), deps());
    expect(swaps).toHaveLength(0);
    expect(await getJob(job.id)).toMatchObject({
      state: 'completed',
      error: {
        kind: 'network',
        message: 'EnhanceCraft did not answer in time. The extension will try again.',
      },
      nextAttemptAt: now + 1000,
    });
  });

  it('out of time after keeping the copy: the page swap waits for the next step', async () => {
    const deadline = new AbortController();
    vi.spyOn(enhancecraft, 'download').mockImplementation(async () => {
      deadline.abort();
      return new Blob(['r'], { type: 'image/png' });
    });
    const job = await finished();
    await deliver(job, enhancecraft, ctx(deadline.signal), deps());
    expect(swaps).toHaveLength(0);
    expect(await getJob(job.id)).toMatchObject({ result: { cached: true }, page: { status: 'pending' } });
    const again = (await getJob(job.id))!;
    await deliver(again, enhancecraft, ctx(), deps());
    expect(swaps).toHaveLength(1);
  });

  it('a result made in this browser has nothing to download: straight to the page', async () => {
    const job = await putJob(
      makeJob({
        provider: 'on-device',
        providerName: 'On device',
        operation: 'upscale-2x',
        state: 'completed',
        result: { cached: true, width: 6, height: 4 },
        page: { status: 'pending' },
        nextAttemptAt: now,
      }),
    );
    await deliver(job, onDevice, { ...ctx(), key: '' }, deps());
    expect(swaps.map((j) => j.id)).toEqual([job.id]);
  });

  it('a tab that is gone is recorded as such; a job with no tab has nothing more to do', async () => {
    vi.spyOn(enhancecraft, 'download').mockResolvedValue(new Blob(['r'], { type: 'image/png' }));
    const closed = await finished();
    await deliver(
      closed,
      enhancecraft,
      ctx(),
      deps(async () => Promise.reject(new Error('No tab with id: 7'))),
    );
    expect(await getJob(closed.id)).toMatchObject({ page: { status: 'gone' }, nextAttemptAt: null });

    const tabless = await finished({ page: undefined, source: { url: 'https://a.example/x.png' } });
    await deliver(tabless, enhancecraft, ctx(), deps());
    expect(swaps).toHaveLength(0);
    expect(await getJob(tabless.id)).toMatchObject({ result: { cached: true }, nextAttemptAt: null });
    expect((await getJob(tabless.id))?.page).toBeUndefined();
  });
});
