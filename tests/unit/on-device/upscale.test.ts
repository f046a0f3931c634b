import * as tf from '@tensorflow/tfjs';
import slim2x from '@upscalerjs/esrgan-slim/2x';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { ProviderError } from '@/utils/errors';
import { loadUpscalerModel, type TileModel } from '@/utils/on-device/model';
import { createUpscaleEngine, type UpscaleEngineOptions } from '@/utils/on-device/upscale';
import { bilinearModel, blurModel, slimModelFiles } from './fake-models';
import { maxDifference, pattern, psnr } from './images';

const WHOLE = { tile: 10_000, overlap: 0 };

function engine(model: TileModel, options: Partial<UpscaleEngineOptions> = {}) {
  return createUpscaleEngine({ tf, loadModel: async () => model, backendOrder: ['cpu'], ...options });
}

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('on-device upscale engine (real tfjs, CPU backend, deterministic models)', () => {
  it('gives exactly the whole-image result when tiled, colour and alpha', async () => {
    const image = pattern(45, 37);
    const whole = await engine(bilinearModel(), { tiling: WHOLE }).upscale(image, 2);
    const tiled = await engine(bilinearModel(), { tiling: { tile: 16, overlap: 2 } }).upscale(image, 2);
    expect(tiled.width).toBe(90);
    expect(tiled.height).toBe(74);
    expect(maxDifference(tiled, whole)).toBe(0);
    expect(tiled.data[3]).toBe(image.data[3]); // alpha carried over
  });

  it('needs the overlap: without context the seams differ, with one pixel they vanish', async () => {
    const image = pattern(40, 40, 7);
    const whole = await engine(blurModel(), { tiling: WHOLE }).upscale(image, 2);
    const noContext = await engine(blurModel(), { tiling: { tile: 16, overlap: 0 } }).upscale(image, 2);
    const withContext = await engine(blurModel(), { tiling: { tile: 16, overlap: 1 } }).upscale(image, 2);
    expect(maxDifference(noContext, whole)).toBeGreaterThan(0);
    expect(maxDifference(withContext, whole)).toBe(0);
  });

  it('reports tiles done out of tiles total, and runs one tile at a time', async () => {
    const model = bilinearModel();
    const progress: [number, number][] = [];
    await engine(model, { tiling: { tile: 16, overlap: 2 } }).upscale(pattern(40, 20), 2, {
      onProgress: (done, total) => progress.push([done, total]),
    });
    expect(progress).toEqual([0, 1, 2, 3, 4, 5, 6].map((done) => [done, 6]));
    expect(model.calls).toEqual([
      [18, 18],
      [18, 20],
      [18, 10],
      [6, 18],
      [6, 20],
      [6, 10],
    ]);
  });

  it('stops between tiles when cancelled', async () => {
    const model = bilinearModel();
    const controller = new AbortController();
    const run = engine(model, { tiling: { tile: 8, overlap: 1 } }).upscale(pattern(32, 32), 2, {
      signal: controller.signal,
      onProgress: (done) => done === 2 && controller.abort(),
    });
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
    expect(model.calls).toHaveLength(2);
  });

  it('refuses an image above the limit before loading a model', async () => {
    const loadModel = vi.fn(async () => bilinearModel());
    const refused = createUpscaleEngine({ tf, loadModel, backendOrder: ['cpu'] }).upscale(
      { width: 5000, height: 4000, data: new Uint8ClampedArray(4) },
      2,
    );
    await expect(refused).rejects.toBeInstanceOf(ProviderError);
    await expect(refused).rejects.toMatchObject({ kind: 'limit_exceeded', message: /16\.0 MP/ });
    expect(loadModel).not.toHaveBeenCalled();
  });

  it('runs queued calls one after the other, never interleaving tiles', async () => {
    const order: string[] = [];
    const tagged = (tag: string): TileModel => ({
      scale: 2,
      predict: (x) => (order.push(tag), tf.image.resizeNearestNeighbor(x, [x.shape[1] * 2, x.shape[2] * 2])),
      dispose: () => undefined,
    });
    const shared = createUpscaleEngine({
      tf,
      backendOrder: ['cpu'],
      tiling: { tile: 8, overlap: 0 },
      loadModel: async () => tagged(order.length === 0 ? 'a' : 'b'),
    });
    await Promise.all([shared.upscale(pattern(16, 16), 2), shared.upscale(pattern(16, 16), 2)]);
    expect(order.join('')).toBe('aaaaaaaa');
    expect(order).toHaveLength(8);
  });

  it('leaks no tensors across runs', async () => {
    const shared = engine(bilinearModel(), { tiling: { tile: 16, overlap: 2 } });
    await shared.upscale(pattern(30, 30), 2);
    const before = tf.memory().numTensors;
    await shared.upscale(pattern(50, 20), 2);
    await shared.upscale(pattern(30, 30), 2, { signal: AbortSignal.abort() }).catch(() => undefined);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('moves to the next backend and reloads the model when one runs out of texture size', async () => {
    let backend = '';
    const fakeTf = Object.assign(Object.create(tf) as typeof tf, {
      setBackend: async (name: string) => ((backend = name), true),
      ready: async () => undefined,
      getBackend: () => backend,
    });
    const loadModel = vi.fn(async (): Promise<TileModel> => {
      const model = bilinearModel();
      return {
        ...model,
        predict: (x) => {
          if (backend === 'webgl')
            throw new Error('Requested texture size [9000x9000] greater than WebGL maximum');
          return model.predict(x);
        },
      };
    });
    const fallback = createUpscaleEngine({ tf: fakeTf, loadModel, backendOrder: ['webgl', 'wasm'] });
    const result = await fallback.upscale(pattern(20, 20), 2);
    expect(result.width).toBe(40);
    expect(loadModel).toHaveBeenCalledTimes(2);
    expect(fallback.backend()).toEqual({
      name: 'wasm',
      failures: [{ name: 'webgl', reason: expect.stringMatching(/texture size/) }],
    });
  });
});

describe('on-device upscale engine with the shipped ESRGAN-slim 2× weights (CPU)', () => {
  it('tiles with a result within tolerance of the whole image, and no leaked tensors', async () => {
    const model = await loadUpscalerModel(tf, slim2x, slimModelFiles(2));
    const image = pattern(40, 24, 3);
    const whole = await engine(model, { tiling: WHOLE }).upscale(image, 2);
    const tiledEngine = engine(model, { tiling: { tile: 16, overlap: 8 } });
    const before = tf.memory().numTensors;
    const tiled = await tiledEngine.upscale(image, 2);
    expect(tf.memory().numTensors).toBe(before);
    expect(tiled.width).toBe(80);
    // The RDN sees a little past 8 px, so seams are not bit-exact, only invisible: measured PSNR ≈ 82 dB,
    // at most 1 level apart (2026-05).
    expect(psnr(tiled, whole)).toBeGreaterThan(60);
    expect(maxDifference(tiled, whole)).toBeLessThanOrEqual(2);
    model.dispose();
  }, 60_000);
});
