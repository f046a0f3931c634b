import { describe, expect, it, vi } from 'vitest';
import { fromBase64, toBase64 } from '@/utils/base64';
import { NoBackendError } from '@/utils/on-device/backend';
import {
  createOffscreenHost,
  IDLE_CLOSE_MS,
  type EngineReport,
  type OffscreenHostDeps,
} from '@/utils/on-device/host';
import {
  engineCancelledEvent,
  engineErrorEvent,
  engineProgressEvent,
  engineResultEvent,
} from '@/utils/messages';
import { createImage, type RgbaImage } from '@/utils/on-device/tiles';
import type { UpscaleEngine } from '@/utils/on-device/upscale';
import { applyMask } from '@/utils/on-device/cutout';
import type { BackgroundRemover } from '@/utils/on-device/segmenter';

/** An engine that "upscales" in `tiles` steps, so progress and cancel can be watched. */
function fakeEngine(tiles = 3): UpscaleEngine {
  return {
    async upscale(image, scale, { onProgress, signal } = {}) {
      onProgress?.(0, tiles);
      for (let done = 1; done <= tiles; done++) {
        await new Promise((resolve) => setTimeout(resolve, 1));
        signal?.throwIfAborted();
        onProgress?.(done, tiles);
      }
      return createImage(image.width * scale, image.height * scale);
    },
    backend: () => ({ name: 'wasm', failures: [{ name: 'webgpu', reason: 'WebGPU is not available' }] }),
    dispose: () => undefined,
  };
}

/** A remover that makes the left half of the image transparent. */
function fakeRemover(): BackgroundRemover {
  return {
    async removeBackground(image, { onProgress, signal } = {}) {
      onProgress?.(0, 1);
      await new Promise((resolve) => setTimeout(resolve, 1));
      signal?.throwIfAborted();
      const mask = Array.from({ length: image.width * image.height }, (_, p) =>
        p % image.width < image.width / 2 ? 0 : 255,
      );
      onProgress?.(1, 1);
      return applyMask(image, mask);
    },
  };
}

/** Each report as the background receives it, its payload checked by the schema its receiver uses. */
type Received = { type: EngineReport[0] } & Record<string, unknown>;
const SCHEMAS = {
  engineProgress: engineProgressEvent,
  engineResult: engineResultEvent,
  engineError: engineErrorEvent,
  engineCancelled: engineCancelledEvent,
} as const;

function receive(...[type, data]: EngineReport): Received {
  if (type === 'engineIdle') return { type };
  return { type, ...SCHEMAS[type].parse(data) };
}

function host(overrides: Partial<OffscreenHostDeps> = {}) {
  const events: Received[] = [];
  const deps: OffscreenHostDeps = {
    engine: fakeEngine(),
    segmenter: fakeRemover,
    decode: async () => createImage(3, 2),
    encode: async (image: RgbaImage) => new Uint8Array([image.width, image.height]),
    post: (...report) => void events.push(receive(...report)),
    ...overrides,
  };
  return { host: createOffscreenHost(deps), events };
}

const request = (jobId = 'job-1', mime = 'image/png') => ({
  work: 'upscale',
  jobId,
  scale: 2,
  mime,
  bytes: toBase64(new Uint8Array([1, 2, 3])),
});

describe('offscreen host', () => {
  it('decodes, reports progress per tile, and hands back the encoded result', async () => {
    const decode = vi.fn(async () => createImage(3, 2));
    const { host: h, events } = host({ decode });
    await h.run(request())!.done;
    expect(decode).toHaveBeenCalledWith(new Uint8Array([1, 2, 3]), 'image/png', expect.any(Function));
    expect(events.filter((e) => e.type === 'engineProgress').map((e) => 'done' in e && e.done)).toEqual([
      0, 1, 2, 3,
    ]);
    const result = events.at(-1)!;
    expect(result).toMatchObject({ type: 'engineResult', jobId: 'job-1', mime: 'image/png', width: 6 });
    expect(fromBase64(String(result.bytes))).toEqual(new Uint8Array([6, 4]));
    expect(result).not.toHaveProperty('mask', expect.anything());
  });

  it('warms the upscaler for the scale asked before decoding the image, never for a cut-out', async () => {
    const order: string[] = [];
    const engine = { ...fakeEngine(), warm: vi.fn((scale: number) => void order.push(`warm ${scale}`)) };
    const decode = async () => (order.push('decode'), createImage(3, 2));
    const { host: h } = host({ engine, decode });
    await h.run({ ...request(), scale: 4 })!.done;
    expect(order).toEqual(['warm 4', 'decode']);
    await h.run({ ...request('cut'), work: 'remove-background', scale: undefined })!.done;
    expect(engine.warm).toHaveBeenCalledTimes(1);
  });

  it('keeps JPEG photos JPEG', async () => {
    const encode = vi.fn(async () => new Uint8Array([9]));
    const { host: h, events } = host({ encode });
    await h.run(request('j', 'image/jpeg'))!.done;
    expect(encode).toHaveBeenCalledWith(expect.anything(), 'image/jpeg');
    expect(events.at(-1)).toMatchObject({ type: 'engineResult', mime: 'image/jpeg' });
  });

  it('cancels a running job between tiles', async () => {
    const { host: h, events } = host({ engine: fakeEngine(50) });
    const { done } = h.run(request())!;
    await new Promise((resolve) => setTimeout(resolve, 5));
    h.cancel({ jobId: 'job-1' });
    await done;
    expect(events.at(-1)).toEqual({ type: 'engineCancelled', jobId: 'job-1' });
    expect(events.some((e) => e.type === 'engineResult')).toBe(false);
  });

  it('turns failures into errors a person can act on', async () => {
    const undecodable = host({
      decode: async () => Promise.reject(new Error('The source image cannot be decoded.')),
    });
    await undecodable.host.run(request())!.done;
    expect(undecodable.events.at(-1)).toMatchObject({
      type: 'engineError',
      error: { kind: 'invalid_input', retryable: false, message: /image\/png image could not be decoded/ },
    });

    const failures = [{ name: 'wasm' as const, reason: 'failed to initialise' }];
    const engine = {
      ...fakeEngine(),
      backend: () => undefined,
      upscale: async () => Promise.reject(new NoBackendError(failures)),
    };
    const noBackend = host({ engine });
    await noBackend.host.run(request())!.done;
    expect(noBackend.events.at(-1)).toMatchObject({
      error: { kind: 'unsupported_model', message: /wasm: failed to initialise\)\. Use a cloud provider/ },
    });
    expect(noBackend.host.status()).toEqual({
      backend: null,
      failures,
      running: [],
    });

    const huge = host({ encode: async () => new Uint8Array(41 * 1024 * 1024) });
    await huge.host.run(request())!.done;
    expect(huge.events.at(-1)).toMatchObject({
      error: { kind: 'limit_exceeded', message: /Choose a smaller scale/ },
    });
  });

  it('answers status with the backend in use, and ignores what is not its protocol', async () => {
    const { host: h, events } = host();
    expect(h.status()).toEqual({
      backend: 'wasm',
      failures: [{ name: 'webgpu', reason: 'WebGPU is not available' }],
      running: [],
    });
    expect(h.run({ work: 'upscale', jobId: 'x', scale: 3, mime: 'image/png', bytes: 'AA==' })).toBe(
      undefined,
    );
    expect(h.run({ work: 'upscale', jobId: 'x', scale: 2, mime: 'text/html', bytes: 'AA==' })).toBe(
      undefined,
    );
    expect(h.run({ type: 'pageInspect' })).toBeUndefined();
    expect(h.run('offscreenRun')).toBeUndefined();
    h.cancel({ jobId: '' });
    h.cancel(null);
    expect(events).toEqual([]);
  });

  it('joins a repeated request for a job already running instead of starting it twice', async () => {
    const upscale = vi.fn(fakeEngine().upscale);
    const { host: h } = host({ engine: { ...fakeEngine(), upscale } });
    const first = h.run(request())!;
    expect(h.status().running).toEqual(['job-1']);
    await h.run(request())!.done; // joined: resolves at once, nothing started
    await first.done;
    expect(upscale).toHaveBeenCalledTimes(1);
  });

  it('removes a background into a PNG with alpha, without loading the upscaler or naming its backend', async () => {
    const upscale = vi.fn(fakeEngine().upscale);
    const segmenter = vi.fn(fakeRemover);
    const encoded: RgbaImage[] = [];
    const encode = vi.fn(async (image: RgbaImage, _mime: 'image/png' | 'image/jpeg') => {
      encoded.push(image);
      return new Uint8Array([encoded.length]);
    });
    const decode = async () => {
      const image = createImage(4, 1);
      image.data.fill(200);
      return image;
    };
    const { host: h, events } = host({ engine: { ...fakeEngine(), upscale }, segmenter, encode, decode });
    await h.run({ ...request('cut', 'image/jpeg'), work: 'remove-background', scale: undefined })!.done;
    expect(upscale).not.toHaveBeenCalled();
    expect(segmenter).toHaveBeenCalledTimes(1);
    expect(encode.mock.calls.map(([, mime]) => mime)).toEqual(['image/png', 'image/png']); // even from a JPEG
    const [cutout, mask] = encoded;
    expect(Array.from(cutout!.data.filter((_, i) => i % 4 === 3))).toEqual([0, 0, 200, 200]);
    // The mask beside it: opaque grey, white where the subject is.
    expect(Array.from(mask!.data)).toEqual([
      0, 0, 0, 255, 0, 0, 0, 255, 200, 200, 200, 255, 200, 200, 200, 255,
    ]);
    expect(events.map((e) => e.type)).toEqual(['engineProgress', 'engineProgress', 'engineResult']);
    const result = events.at(-1)!;
    expect(result).toMatchObject({ type: 'engineResult', jobId: 'cut', mime: 'image/png', width: 4 });
    expect(result).toMatchObject({
      bytes: toBase64(new Uint8Array([1])),
      mask: toBase64(new Uint8Array([2])),
    });
    expect('backend' in result && result.backend).toBeFalsy();

    // A second cut-out reuses the same remover.
    await h.run({ ...request('cut-2'), work: 'remove-background', scale: undefined })!.done;
    expect(segmenter).toHaveBeenCalledTimes(1);
  });

  it('cancels a background removal that has not finished', async () => {
    const { host: h, events } = host();
    const { done } = h.run({ ...request('cut'), work: 'remove-background', scale: undefined })!;
    h.cancel({ jobId: 'cut' });
    await done;
    expect(events.at(-1)).toEqual({ type: 'engineCancelled', jobId: 'cut' });
  });

  it('offers to be closed after a quiet minute, never while a job is queued or running', async () => {
    vi.useFakeTimers();
    try {
      const { host: h, events } = host({ engine: fakeEngine(2) });
      const idle = () => events.filter((e) => e.type === 'engineIdle').length;
      await vi.advanceTimersByTimeAsync(IDLE_CLOSE_MS - 1);
      expect(idle()).toBe(0);
      const { done } = h.run(request())!; // a job arrives: the countdown stops
      await vi.advanceTimersByTimeAsync(10);
      await done;
      expect(events.at(-1)).toMatchObject({ type: 'engineResult' });
      expect(idle()).toBe(0);
      await vi.advanceTimersByTimeAsync(IDLE_CLOSE_MS - 100);
      expect(idle()).toBe(0); // counted from the end of the job, not from the document's start
      await vi.advanceTimersByTimeAsync(100);
      expect(idle()).toBe(1);
      expect(h.status().running).toEqual([]);
    } finally {
      vi.useRealTimers();
    }
  });
});
