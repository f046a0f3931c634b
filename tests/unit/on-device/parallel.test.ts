import * as tf from '@tensorflow/tfjs';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { fakeBackendTf } from './fake-tf';
import { bilinearModel, blurModel } from './fake-models';
import { FakeWorker } from './fake-workers';
import { maxDifference, nearest, pattern } from './images';
import { dealTiles } from '@/utils/on-device/deal';
import type { TileModel } from '@/utils/on-device/model';
import { createParallelEngine } from '@/utils/on-device/parallel-engine';
import { crop, planTiles, type RgbaImage } from '@/utils/on-device/tiles';
import { createUpscaleEngine } from '@/utils/on-device/upscale';
import { workerCount } from '@/utils/on-device/worker-count';
import { createTilePool } from '@/utils/on-device/worker-pool';
import { createTileWorker } from '@/utils/on-device/tile-worker';

const TILING = { tile: 16, overlap: 2 };
const START = { wasmDir: '/tfjs-wasm/', models: { 2: '/x2.json', 4: '/x4.json' } };

/** The engine of today: one tfjs on this thread, tile after tile. */
const singleEngine = (model: TileModel, tiling = TILING) =>
  createUpscaleEngine({ tf, loadModel: async () => model, backendOrder: ['cpu'], tiling });

function workersEngine(
  size: number,
  model: () => TileModel,
  behaviour: ConstructorParameters<typeof FakeWorker>[1] = {},
) {
  const workers: FakeWorker[] = [];
  const pool = createTilePool({
    size,
    start: START,
    createWorker: () => {
      const worker = new FakeWorker(model, behaviour);
      workers.push(worker);
      return worker;
    },
  });
  const engine = createParallelEngine({
    tf: fakeBackendTf({ wasm: 'ok' }).tf,
    backendOrder: ['wasm'],
    single: () => singleEngine(model()),
    pool,
    tiling: TILING,
  });
  const tilesPerWorker = () => workers.map((w) => w.received.filter((m) => m.type === 'tile').length);
  return { engine, pool, workers, tilesPerWorker };
}

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('dealTiles: tiles dealt to N engines, stitched as they come back', () => {
  /** A fake engine: nearest-neighbour upsample of the tile's input, after a random delay. */
  const fakeRun =
    (image: RgbaImage, scale: number, delays: number[]) =>
    async (
      tile: {
        input: RgbaImage extends never ? never : { x: number; y: number; width: number; height: number };
      },
      lane: number,
    ) => {
      await new Promise((resolve) => setTimeout(resolve, delays[lane % delays.length]));
      return nearest(crop(image, tile.input), scale);
    };

  it('gives the same pixels for any number of lanes and any finishing order', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          width: fc.integer({ min: 1, max: 70 }),
          height: fc.integer({ min: 1, max: 70 }),
          tile: fc.integer({ min: 4, max: 40 }),
          overlap: fc.integer({ min: 0, max: 4 }),
          lanes: fc.integer({ min: 1, max: 5 }),
          delays: fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 1, maxLength: 5 }),
        }),
        async ({ width, height, tile, overlap, lanes, delays }) => {
          const image = pattern(width, height, width * 31 + height);
          const tiles = planTiles(width, height, { tile, overlap });
          const one = await dealTiles(tiles, width, height, 2, fakeRun(image, 2, [0]), { lanes: 1 });
          const many = await dealTiles(tiles, width, height, 2, fakeRun(image, 2, delays), { lanes });
          expect(maxDifference(many, one)).toBe(0);
          expect(maxDifference(many, nearest(image, 2))).toBe(0);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('keeps every lane busy: each takes the next tile as soon as it is free', async () => {
    const image = pattern(64, 32);
    const tiles = planTiles(64, 32, { tile: 16, overlap: 0 }); // 8 tiles
    const byLane: number[][] = [[], [], []];
    let running = 0;
    let most = 0;
    await dealTiles(
      tiles,
      64,
      32,
      2,
      async (tile, lane) => {
        byLane[lane]!.push(tile.index);
        most = Math.max(most, ++running);
        await new Promise((resolve) => setTimeout(resolve, lane === 0 ? 1 : 15)); // lane 0 is fast
        running--;
        return nearest(crop(image, tile.input), 2);
      },
      { lanes: 3 },
    );
    expect(most).toBe(3);
    expect(byLane.flat().sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(byLane[0]!.length).toBeGreaterThan(byLane[1]!.length); // the fast lane did more
  });

  it('deals nothing more after a failure, and settles only once running tiles are back', async () => {
    const image = pattern(64, 16);
    const tiles = planTiles(64, 16, { tile: 8, overlap: 0 }); // 8 tiles
    const started: number[] = [];
    let finished = 0;
    const run = dealTiles(
      tiles,
      64,
      16,
      2,
      async (tile) => {
        started.push(tile.index);
        await new Promise((resolve) => setTimeout(resolve, tile.index === 1 ? 1 : 10));
        if (tile.index === 1) throw new Error('tile 1 broke');
        finished++;
        return nearest(crop(image, tile.input), 2);
      },
      { lanes: 2 },
    );
    await expect(run).rejects.toThrow('tile 1 broke');
    expect(started).toEqual([0, 1]); // tile 0 was still running when 1 failed: waited for, nothing new dealt
    expect(finished).toBe(1);
  });

  it('lets a lane join when it is ready: a slow starter takes only what is left, a failed one nothing', async () => {
    const image = pattern(64, 16);
    const tiles = planTiles(64, 16, { tile: 16, overlap: 0 }); // 4 tiles
    const byLane: number[][] = [[], [], []];
    let openLane1!: () => void;
    const lane1 = new Promise<void>((resolve) => (openLane1 = resolve));
    const result = await dealTiles(
      tiles,
      64,
      16,
      2,
      async (tile, lane) => {
        byLane[lane]!.push(tile.index);
        if (tile.index === 1) openLane1(); // lane 1 becomes ready while lane 0 works through the tiles
        await new Promise((resolve) => setTimeout(resolve, 5));
        return nearest(crop(image, tile.input), 2);
      },
      {
        lanes: 3,
        ready: (lane) =>
          lane === 0 ? Promise.resolve() : lane === 1 ? lane1 : Promise.reject(new Error('no SIMD')),
      },
    );
    expect(maxDifference(result, nearest(image, 2))).toBe(0);
    expect(byLane[0]!.slice(0, 2)).toEqual([0, 1]);
    expect(byLane[1]!.length).toBeGreaterThan(0);
    expect(byLane[2]).toEqual([]);
    expect([...byLane[0]!, ...byLane[1]!].sort((a, b) => a - b)).toEqual([0, 1, 2, 3]);
  });

  it('does not wait for a lane still starting once every tile is done', async () => {
    const output = nearest(pattern(20, 10), 2);
    const never = new Promise<void>(() => undefined);
    const result = await dealTiles(
      planTiles(20, 10, { tile: 32, overlap: 8 }),
      20,
      10,
      2,
      async () => output,
      {
        lanes: 2,
        ready: (lane) => (lane === 0 ? Promise.resolve() : never),
      },
    );
    expect(result).toBe(output);
  });

  it('fails with the first start error when no lane starts, and a cancel ends the wait', async () => {
    const tiles = planTiles(20, 10, { tile: 8, overlap: 0 });
    const run = async () => nearest(pattern(8, 8), 2);
    await expect(
      dealTiles(tiles, 20, 10, 2, run, {
        lanes: 2,
        ready: (lane) => Promise.reject(new Error(`worker ${lane} could not start`)),
      }),
    ).rejects.toThrow('worker 0 could not start');
    const controller = new AbortController();
    const waiting = dealTiles(tiles, 20, 10, 2, run, {
      lanes: 2,
      signal: controller.signal,
      ready: () => new Promise<void>(() => undefined),
    });
    controller.abort();
    await expect(waiting).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('returns a lone whole-image tile as the model gave it, without a copy', async () => {
    const output = nearest(pattern(20, 10), 2);
    const result = await dealTiles(
      planTiles(20, 10, { tile: 32, overlap: 8 }),
      20,
      10,
      2,
      async () => output,
      {
        lanes: 4,
      },
    );
    expect(result).toBe(output);
  });
});

describe('on-device engine on N tile workers (real worker logic, tfjs CPU, deterministic models)', () => {
  it('gives exactly the pixels of the one-engine run, using every worker', async () => {
    for (const [model, image] of [
      [bilinearModel, pattern(45, 37)],
      [blurModel, pattern(70, 40, 9)],
    ] as const) {
      const today = await singleEngine(model()).upscale(image, 2);
      for (const size of [2, 3]) {
        const { engine, tilesPerWorker } = workersEngine(size, () => model());
        const result = await engine.upscale(image, 2);
        expect(maxDifference(result, today)).toBe(0);
        expect(tilesPerWorker()).toHaveLength(size);
        expect(Math.min(...tilesPerWorker())).toBeGreaterThan(0);
        expect(engine.backend()).toEqual({ name: 'wasm', failures: [] });
      }
    }
  });

  it('reuses its workers across jobs and loads the model once per worker and scale', async () => {
    let loads = 0;
    const { engine, workers, pool } = workersEngine(2, () => (loads++, bilinearModel()));
    await engine.upscale(pattern(40, 40), 2);
    await engine.upscale(pattern(33, 20), 2);
    expect(workers).toHaveLength(2);
    expect(pool.live()).toBe(2);
    expect(loads).toBe(2);
    expect(workers.map((w) => w.received.filter((m) => m.type === 'start').length)).toEqual([1, 1]);
  });

  it('runs a one-tile image as one model call on one worker, and starts the others beside it for the next job', async () => {
    const { engine, workers, pool, tilesPerWorker } = workersEngine(4, () => bilinearModel());
    const small = pattern(12, 12); // one tile
    const result = await engine.upscale(small, 2);
    expect(maxDifference(result, await singleEngine(bilinearModel()).upscale(small, 2))).toBe(0);
    expect(tilesPerWorker().reduce((a, b) => a + b, 0)).toBe(1);
    expect(workers).toHaveLength(4);
    // Every worker is told to load this job's model as soon as its backend runs, before any tile.
    expect(workers.map((w) => w.received[0])).toEqual(
      Array.from({ length: 4 }, () => ({ type: 'start', ...START, preload: [2] })),
    );
    await expect.poll(() => pool.live()).toBe(4);
    await engine.upscale(pattern(64, 64), 2);
    expect(workers).toHaveLength(4); // the next job found them running
    expect(Math.min(...tilesPerWorker())).toBeGreaterThan(0);
  });

  it('warms up before a job: every worker started with the model of the scale asked, reused by the job', async () => {
    let loads = 0;
    const { engine, workers, pool } = workersEngine(3, () => (loads++, bilinearModel()));
    engine.warm!(2);
    await expect.poll(() => pool.live()).toBe(3);
    await expect.poll(() => loads).toBe(3); // loaded ahead of any tile
    expect(workers.map((w) => w.received)).toEqual(
      Array.from({ length: 3 }, () => [{ type: 'start', ...START, preload: [2] }]),
    );
    const image = pattern(40, 40);
    const model = bilinearModel();
    const result = await engine.upscale(image, 2);
    expect(result.width).toBe(80);
    expect(workers).toHaveLength(3);
    expect(loads).toBe(3);
    expect(maxDifference(result, await singleEngine(model).upscale(image, 2))).toBe(0);
  });

  it('does not wait for a worker still starting: the running ones take the tiles', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let made = 0;
    const workers: FakeWorker[] = [];
    const pool = createTilePool({
      size: 2,
      start: START,
      createWorker: () => {
        const worker = new FakeWorker(() => bilinearModel(), made++ === 1 ? { startGate: gate } : {});
        workers.push(worker);
        return worker;
      },
    });
    const engine = createParallelEngine({
      tf: fakeBackendTf({ wasm: 'ok' }).tf,
      backendOrder: ['wasm'],
      single: () => singleEngine(bilinearModel()),
      pool,
      tiling: TILING,
    });
    const image = pattern(40, 40); // 9 tiles
    const result = await engine.upscale(image, 2);
    expect(maxDifference(result, await singleEngine(bilinearModel()).upscale(image, 2))).toBe(0);
    expect(workers.map((w) => w.received.filter((m) => m.type === 'tile').length)).toEqual([9, 0]);
    release();
    await engine.upscale(image, 2);
    expect(
      Math.min(...workers.map((w) => w.received.filter((m) => m.type === 'tile').length)),
    ).toBeGreaterThan(0);
  });

  it('reports tiles done out of total and stops dealing when cancelled', async () => {
    const { engine, tilesPerWorker } = workersEngine(2, () => bilinearModel());
    const controller = new AbortController();
    const progress: number[] = [];
    const run = engine.upscale(pattern(64, 64), 2, {
      signal: controller.signal,
      onProgress: (done, total) => {
        progress.push(done);
        expect(total).toBe(16);
        if (done === 3) controller.abort();
      },
    });
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
    const dealt = tilesPerWorker().reduce((a, b) => a + b, 0);
    expect(dealt).toBeLessThanOrEqual(5); // 3 done + at most one more in flight per worker
    expect(progress.slice(0, 4)).toEqual([0, 1, 2, 3]);
  });

  it('fails the job readably when a worker crashes, and the next job runs on a fresh worker', async () => {
    let crash = true;
    const workers: FakeWorker[] = [];
    const pool = createTilePool({
      size: 2,
      start: START,
      createWorker: () => {
        // Read when a tile arrives: once `crash` is off, a worker that survived job 1 runs normally.
        const worker = new FakeWorker(() => bilinearModel(), {
          get crashOnTile() {
            return crash ? 1 : undefined;
          },
        });
        workers.push(worker);
        return worker;
      },
    });
    const engine = createParallelEngine({
      tf: fakeBackendTf({}).tf,
      backendOrder: ['wasm'],
      single: () => singleEngine(bilinearModel()),
      pool,
      tiling: TILING,
    });
    await expect(engine.upscale(pattern(64, 64), 2)).rejects.toThrow(
      'The on-device worker stopped (Uncaught RangeError: Aborted(OOM)).',
    );
    const crashed = workers.filter((w) => w.terminated).length;
    expect(crashed).toBeGreaterThan(0); // which worker reached its second tile first depends on timing
    crash = false;
    const image = pattern(64, 64);
    const result = await engine.upscale(image, 2);
    expect(maxDifference(result, await singleEngine(bilinearModel()).upscale(image, 2))).toBe(0);
    expect(workers).toHaveLength(2 + crashed); // each crashed one replaced, the others kept
    expect(pool.live()).toBe(2);
  });

  it('ends a worker that misses its tile deadline, failing the job with why', async () => {
    const pool = createTilePool({
      size: 1,
      start: START,
      tileTimeoutMs: 50,
      createWorker: () => new FakeWorker(() => bilinearModel(), { silent: true }),
    });
    const [runner] = await pool.ensure(1);
    await expect(runner!.run(pattern(4, 4), 2)).rejects.toThrow('did not finish a tile within 0.05 s');
    expect(pool.live()).toBe(0);
  });

  it('falls back to WebAssembly on the document thread when no worker can start', async () => {
    const pool = createTilePool({
      size: 2,
      start: START,
      createWorker: () => new FakeWorker(() => bilinearModel(), { failStart: 'no SIMD' }),
    });
    const engine = createParallelEngine({
      tf: fakeBackendTf({}).tf,
      backendOrder: ['wasm'],
      single: () => singleEngine(bilinearModel()),
      pool,
      tiling: TILING,
    });
    const image = pattern(40, 30);
    const result = await engine.upscale(image, 2);
    expect(maxDifference(result, await singleEngine(bilinearModel()).upscale(image, 2))).toBe(0);
    expect(engine.backend()).toEqual({
      name: 'cpu',
      failures: [
        { name: 'wasm', reason: 'in workers: The on-device worker could not start WebAssembly: no SIMD' },
      ],
    });
  });

  it('uses one GPU engine on the document thread when a GPU backend starts, and no workers', async () => {
    const workers: FakeWorker[] = [];
    const gpu = fakeBackendTf({ webgpu: 'false', webgl: 'ok' });
    let singleOrder: readonly string[] = [];
    const engine = createParallelEngine({
      tf: gpu.tf,
      single: (order) => ((singleOrder = order), singleEngine(bilinearModel())),
      pool: createTilePool({
        size: 2,
        start: START,
        createWorker: () => (workers.push(new FakeWorker(() => bilinearModel())), workers.at(-1)!),
      }),
      tiling: TILING,
    });
    const result = await engine.upscale(pattern(40, 40), 2);
    expect(result.width).toBe(80);
    expect(workers).toHaveLength(0);
    expect(singleOrder).toEqual(['webgl', 'wasm']); // the texture fallback order is kept
    expect(engine.backend()?.failures).toEqual([{ name: 'webgpu', reason: 'failed to initialise' }]);
  });
});

describe('a tile worker', () => {
  it('answers a malformed message with a failure, never a throw', async () => {
    const worker = createTileWorker({
      tf,
      startBackend: async () => undefined,
      loadModel: async () => bilinearModel(),
    });
    expect((await worker.handle({ type: 'tile', id: 3, scale: 2 })).reply).toEqual({
      type: 'failed',
      id: 3,
      message: 'The tile worker got a malformed message.',
    });
    expect(
      (
        await worker.handle({
          type: 'tile',
          id: 4,
          scale: 2,
          width: 2,
          height: 2,
          pixels: new Uint8ClampedArray(3),
        })
      ).reply,
    ).toMatchObject({ type: 'failed', id: 4 });
  });
});

describe('workerCount', () => {
  it('is one per core, capped by a quarter of the device memory and by 8', () => {
    expect(workerCount({ cores: 2, deviceMemoryGb: 8 })).toBe(2);
    expect(workerCount({ cores: 16, deviceMemoryGb: 8 })).toBe(8);
    expect(workerCount({ cores: 8, deviceMemoryGb: 2 })).toBe(2);
    expect(workerCount({ cores: 8, deviceMemoryGb: 0.5 })).toBe(1);
    expect(workerCount({ cores: 4 })).toBe(4); // no deviceMemory (Firefox): cores and the cap only
    expect(workerCount({})).toBe(1);
  });
});
