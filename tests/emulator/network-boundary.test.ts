/**
 * The network boundary, end to end: the real adapters and the real result keeper, over Node's own
 * fetch (routed to the emulator as Chromium's resolver rules route the browser), against a provider or
 * CDN that misbehaves on the wire (transport faults) or names addresses it should not.
 */
import sharp from 'sharp';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ProviderError } from '@/utils/errors';
import { getBlob } from '@/utils/jobs/blobs';
import { keepResults } from '@/utils/jobs/results';
import type { Job } from '@/utils/jobs/schema';
import { afterPollError, afterStatus, afterSubmitError, deliveryFailed } from '@/utils/jobs/transitions';
import { enhancecraft, ENHANCECRAFT_OPERATIONS } from '@/utils/providers/enhancecraft';
import { hitpawPhoto } from '@/utils/providers/hitpaw-photo';
import { hitpawSegmentation } from '@/utils/providers/hitpaw-segmentation';
import { tensorpix } from '@/utils/providers/tensorpix';
import type { Provider, ProviderContext, RemoteStatus } from '@/utils/providers/types';
import { makeJob } from '../unit/jobs/job-factory';
import { CDN_HOST, ENHANCECRAFT_HOST, HITPAW_HOST, startEmulator, type Emulator } from './index';
import { routeFetchTo } from './route-fetch';

const KEY = 'boundary-key-0123456789';
const SITE_IMAGE = 'https://gallery.example.org/images/logo.png';
const clock = { now: 5_000_000, random: () => 0.5 };

let emu: Emulator;
let unroute: () => Promise<void>;
beforeAll(async () => {
  emu = await startEmulator();
  emu.hitpaw.addKey(KEY, { coins: 100_000 });
  emu.hitpaw.configure({ rateLimit: null });
  emu.enhancecraft.addKey(KEY, { credits: 1000, tier: 'business' });
  emu.tensorpix.addKey(KEY);
  unroute = routeFetchTo(emu);
});
afterAll(async () => {
  await unroute();
  await emu.close();
});
afterEach(() => emu.journal.clear());

function ctx(extra: Partial<ProviderContext> = {}): ProviderContext {
  const notes = new Map<string, string>();
  return {
    key: KEY,
    settings: { tensorpixPreview: false },
    memory: { get: async (name) => notes.get(name), set: async (name, value) => void notes.set(name, value) },
    ...extra,
  };
}

async function caught(promise: Promise<unknown>): Promise<ProviderError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ProviderError);
  return error as ProviderError;
}

/** Submits through the adapter and polls it to completion, as the engine would. */
async function completed(provider: Provider, operationId: string, bytes?: Blob) {
  const operation = provider.operations.find((o) => o.id === operationId)!;
  const media = { url: SITE_IMAGE, width: 160, height: 100, hasAlpha: false, bytes };
  const { providerJobId } = await provider.submit({ operation, media }, ctx());
  for (let i = 0; i < 30; i++) {
    const status = await provider.status(providerJobId, ctx());
    if (status.state === 'completed') return { providerJobId, status };
  }
  throw new Error(`${provider.id} job ${providerJobId} did not complete`);
}

/** A job in the engine's hands, completed with what the provider said (URLs checked on the way). */
function completedJob(provider: Provider, status: RemoteStatus): Job {
  const running = makeJob({ provider: provider.id, providerName: provider.name, state: 'processing' });
  return afterStatus(running, status, provider, clock);
}

const pathOf = (url: string) => new URL(url).pathname;

describe('deadlines include the body', () => {
  it('a status answer that stops half-way is a transient "did not answer in time" within the deadline', async () => {
    const { providerJobId } = await completed(hitpawPhoto, 'general_2x');
    emu.journal.clear();
    emu.network.inject(HITPAW_HOST, '/api/task-status', { kind: 'stall', afterBytes: 20 });
    const started = Date.now();
    const error = await caught(hitpawPhoto.status(providerJobId, ctx({ timeoutMs: 400 })));
    expect(Date.now() - started).toBeLessThan(3000);
    expect(error).toMatchObject({ kind: 'network', retryable: true });
    expect(error.message).toBe('HitPaw did not answer in time. The extension will try again.');
    expect(emu.journal.find({ path: '/api/task-status' })).toHaveLength(1); // headers were sent, then silence
    // The engine keeps polling later: the job is not failed.
    const job = afterPollError(makeJob({ state: 'processing' }), error, clock);
    expect(job.state).toBe('processing');
    expect(job.nextAttemptAt).toBeGreaterThan(clock.now);
  });

  it('a result that never ends: not kept, and the keyed EnhanceCraft download fails as retryable', async () => {
    const { status } = await completed(hitpawPhoto, 'general_2x');
    const job = completedJob(hitpawPhoto, status);
    emu.network.inject(CDN_HOST, pathOf(status.resultUrl!), { kind: 'stall', afterBytes: 100 });
    const started = Date.now();
    expect(await keepResults(job, hitpawPhoto, ctx({ timeoutMs: 400 }))).toEqual({ cached: false });
    expect(Date.now() - started).toBeLessThan(3000);
    expect(await getBlob(job.id, 'result')).toBeUndefined();

    const input = await inputImage();
    const done = await completed(enhancecraft, 'convert-png', input);
    emu.network.inject(ENHANCECRAFT_HOST, pathOf(done.status.resultUrl!), { kind: 'stall', afterBytes: 100 });
    const error = await caught(enhancecraft.download!(done.status.resultUrl!, ctx({ timeoutMs: 400 })));
    expect(error).toMatchObject({ kind: 'network', retryable: true });
    expect(error.message).toBe('EnhanceCraft did not answer in time. The extension will try again.');
  });
});

/** A small PNG for EnhanceCraft to upload. */
async function inputImage(): Promise<Blob> {
  const png = await sharp({ create: { width: 32, height: 24, channels: 3, background: '#336699' } })
    .png()
    .toBuffer();
  return new Blob([new Uint8Array(png)], { type: 'image/png' });
}

describe('results are read capped and sniffed', () => {
  it('a result announcing 2 GB is refused before its body is read', async () => {
    const input = await inputImage();
    const { status } = await completed(enhancecraft, 'convert-png', input);
    emu.network.inject(ENHANCECRAFT_HOST, pathOf(status.resultUrl!), {
      kind: 'announce',
      contentLength: 2 * 1024 ** 3,
    });
    // A long deadline: were the body read, this would wait for bytes that never come.
    const error = await caught(enhancecraft.download!(status.resultUrl!, ctx({ timeoutMs: 20_000 })));
    expect(error).toMatchObject({ kind: 'limit_exceeded', retryable: false });
    expect(error.message).toBe(
      'The result from EnhanceCraft is larger than 40 MB, more than the extension keeps.',
    );
  });

  it('an endless result with no length is cut at the cap as the bytes arrive', async () => {
    const input = await inputImage();
    const { status } = await completed(enhancecraft, 'convert-png', input);
    emu.network.inject(ENHANCECRAFT_HOST, pathOf(status.resultUrl!), { kind: 'flood' });
    const error = await caught(enhancecraft.download!(status.resultUrl!, ctx()));
    expect(error).toMatchObject({ kind: 'limit_exceeded', retryable: false });
  });

  it('an HTML page in place of the result fails the job readably and is not kept', async () => {
    const { status } = await completed(hitpawPhoto, 'general_2x');
    const job = completedJob(hitpawPhoto, status);
    emu.network.inject(CDN_HOST, pathOf(status.resultUrl!), {
      kind: 'replace',
      type: 'image/png', // the label lies; the bytes decide
      body: '<!doctype html><title>Sign in</title><form>…</form>',
    });
    const error = await caught(keepResults(job, hitpawPhoto, ctx()));
    expect(error).toMatchObject({ retryable: false, code: 'not_image' });
    expect(await getBlob(job.id, 'result')).toBeUndefined();
    const failed = deliveryFailed(job, error, clock);
    expect(failed.state).toBe('failed');
    expect(failed.error?.message).toBe(
      'HitPaw finished, but its result could not be downloaded (HitPaw sent something that is not an image as the result, so it was not used). Retry to run the job again.',
    );
  });

  it('a good result is kept, typed by its bytes', async () => {
    const { status } = await completed(hitpawPhoto, 'general_2x');
    const job = completedJob(hitpawPhoto, status);
    expect(await keepResults(job, hitpawPhoto, ctx())).toEqual({ cached: true });
    expect((await getBlob(job.id, 'result'))?.type).toBe('image/png');
  });
});

describe('provider URLs on loopback and private hosts', () => {
  const hitpawDone = (data: Record<string, unknown>) => ({
    status: 200,
    body: { code: 200, message: 'OK', data: { job_id: 'j-1', status: 'COMPLETED', ...data } },
  });

  it.each(['https://127.0.0.1/r.png', 'https://192.168.1.20/r.png', 'https://nas.local/r.png'])(
    'a result on %s fails the job for good, nothing fetched',
    async (resultUrl) => {
      emu.hitpaw.inject('/api/task-status', hitpawDone({ res_url: resultUrl }));
      const status = await hitpawPhoto.status('j-1', ctx());
      const job = completedJob(hitpawPhoto, status);
      expect(job.state).toBe('failed');
      expect(job.error).toMatchObject({ kind: 'refused_url', retryable: false });
      expect(job.error?.message).toMatch(
        /^HitPaw sent a result link that was not used: it points to a private/,
      );
      expect(job.result).toBeUndefined();
    },
  );

  it('a mask on a private host is dropped; the cut-out stays usable', async () => {
    const { status } = await completed(hitpawSegmentation, 'matting');
    emu.hitpaw.inject(
      '/api/task-status',
      hitpawDone({ res_url: status.resultUrl, mask_url: 'https://10.0.0.7/m.png' }),
    );
    const job = completedJob(hitpawSegmentation, await hitpawSegmentation.status('j-1', ctx()));
    expect(job.state).toBe('completed');
    expect(job.result?.url).toBe(status.resultUrl);
    expect(job.result?.maskUrl).toBeUndefined();
    expect(await keepResults(job, hitpawSegmentation, ctx())).toEqual({ cached: true });
  });

  it('a TensorPix preview clip on loopback is dropped, the other kept', async () => {
    const file = 'https://cdn.example.net/tensorpix/9/out.mp4';
    emu.tensorpix.inject('/api/jobs/9/', {
      status: 200,
      body: {
        id: 9,
        status: 2,
        processing_progress: 1,
        eta_s: 0,
        output_video: {
          file,
          preview_videos: { before_video: 'https://[::1]/before.mp4', after_video: file },
        },
      },
    });
    const job = completedJob(tensorpix, await tensorpix.status('9', ctx()));
    expect(job.state).toBe('completed');
    expect(job.result?.previewUrls).toEqual({ after: file });
  });

  it('an EnhanceCraft output_url on a link-local address fails the job', async () => {
    emu.enhancecraft.inject('/api/v1/jobs/api/{job_id}', {
      status: 200,
      body: { id: 'e-1', status: 'completed', output_url: 'https://169.254.169.254/latest/x.png' },
    });
    const job = completedJob(enhancecraft, await enhancecraft.status('e-1', ctx()));
    expect(job.error).toMatchObject({ kind: 'refused_url', retryable: false });
  });
});

describe('redirects', () => {
  it('a CDN redirect to loopback is refused before the body is read, nothing kept', async () => {
    const { status } = await completed(hitpawPhoto, 'general_2x');
    const job = completedJob(hitpawPhoto, status);
    const location = `https://127.0.0.1:${emu.port}/steal.png`;
    emu.network.inject(CDN_HOST, pathOf(status.resultUrl!), { kind: 'redirect', status: 302, location });
    const error = await caught(keepResults(job, hitpawPhoto, ctx()));
    expect(error).toMatchObject({ kind: 'refused_url', retryable: false });
    expect(error.message).toBe(
      'HitPaw sent a result link that was not used: it redirected to an address that points to a private or local address (127.0.0.1).',
    );
    expect(await getBlob(job.id, 'result')).toBeUndefined();
  });

  it('a 307 from the HitPaw API to another host: readable failure, the key not repeated anywhere', async () => {
    const elsewhere = 'https://collector.example.net/api/task-status';
    emu.network.inject(HITPAW_HOST, '/api/task-status', {
      kind: 'redirect',
      status: 307,
      location: elsewhere,
    });
    emu.network.inject(HITPAW_HOST, '/api/photo-enhancer', {
      kind: 'redirect',
      status: 307,
      location: 'https://collector.example.net/api/photo-enhancer',
    });
    const polled = await caught(hitpawPhoto.status('j-1', ctx()));
    expect(polled).toMatchObject({ kind: 'provider_failure', code: 'redirect' });
    expect(polled.message).toBe(
      'HitPaw answered with a redirect to another address. To keep your key safe, nothing was sent there.',
    );
    const operation = hitpawPhoto.operations[0];
    const media = { url: SITE_IMAGE, width: 160, height: 100, hasAlpha: false };
    const submitted = await caught(hitpawPhoto.submit({ operation, media }, ctx()));
    // An answer, not silence: nothing ran, so the engine may send it again later (not "needs your decision").
    expect(afterSubmitError(makeJob(), submitted, clock).state).toBe('waiting');

    const requests = emu.journal.all();
    expect(requests.map((r) => `${r.host} ${r.method} ${r.path}`)).toEqual([
      `${HITPAW_HOST} POST /api/task-status`,
      `${HITPAW_HOST} POST /api/photo-enhancer`,
    ]);
    expect(
      requests.filter((r) => JSON.stringify(r.headers).includes(KEY)).every((r) => r.host === HITPAW_HOST),
    ).toBe(true);
  });

  it('the keyed EnhanceCraft download does not follow a redirect either', async () => {
    const input = await inputImage();
    const { status } = await completed(enhancecraft, 'convert-png', input);
    emu.journal.clear();
    emu.network.inject(ENHANCECRAFT_HOST, pathOf(status.resultUrl!), {
      kind: 'redirect',
      status: 307,
      location: 'https://collector.example.net/x.png',
    });
    const error = await caught(enhancecraft.download!(status.resultUrl!, ctx()));
    expect(error).toMatchObject({ kind: 'provider_failure', code: 'redirect' });
    expect(emu.journal.all().map((r) => r.host)).toEqual([ENHANCECRAFT_HOST]);
  });
});

// The operation list is the adapter's own: a renamed operation must fail here, not silently skip.
it('the operations used above exist', () => {
  expect(ENHANCECRAFT_OPERATIONS.some((o) => o.id === 'convert-png')).toBe(true);
});
