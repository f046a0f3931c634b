import { ProviderError } from '../errors';
import { oneAtATime } from '../one-at-a-time';
import {
  chooseBackend,
  DEFAULT_BACKEND_ORDER,
  NoBackendError,
  type BackendChoice,
  type BackendFailure,
  type BackendName,
  type BackendTf,
  type PrepareBackend,
} from './backend';
import { dealTiles } from './deal';
import { ON_DEVICE_LIMITS, sizeRefusal, type SizeLimits } from './limits';
import { crop, DEFAULT_TILING, planTiles, type TilingOptions } from './tiles';
import type { UpscaleEngine } from './upscale';
import type { TilePool } from './worker-pool';

/**
 * The offscreen document's upscaler: a GPU backend when the browser has one, else WebAssembly on every
 * core. A GPU runs one tile at a time faster than all the cores together, so it keeps the one engine on
 * the document's thread (createUpscaleEngine, with its fallback to the next backend on a tile too big).
 * Without one, the tiles are dealt to a pool of workers, each with its own tfjs-WASM and model, and
 * stitched as they come back: the same tiles and seams as the one engine, so the same pixels.
 */
export interface ParallelEngineOptions {
  /** The document's tfjs, to try the GPU backends (those before 'wasm' in the order). */
  tf: BackendTf;
  backendOrder?: readonly BackendName[];
  prepareBackend?: PrepareBackend;
  /** The engine on the document's thread, for the backends from `order[0]` on. Created at most once. */
  single(order: readonly BackendName[]): UpscaleEngine;
  /** Tile workers; undefined where the document cannot start workers. */
  pool?: TilePool;
  tiling?: TilingOptions;
  limits?: SizeLimits;
}

type Mode =
  | { kind: 'single'; engine: UpscaleEngine; failures: BackendFailure[] }
  | { kind: 'pool'; failures: BackendFailure[] };

/**
 * The same workers, lane 0 being whichever is ready first, lane 1 the next, and so on: a job whose
 * tiles are fewer than the workers takes the running ones, not the one still starting. Rejections keep
 * their place after every success.
 */
function orderedByReadiness<T>(starts: Promise<T>[]): Promise<T>[] {
  const waiting: { resolve(value: T): void; reject(error: unknown): void }[] = [];
  const lanes = starts.map(() => new Promise<T>((resolve, reject) => waiting.push({ resolve, reject })));
  let ok = 0;
  let failed = 0;
  for (const start of starts) {
    start.then(
      (value) => waiting[ok++]!.resolve(value),
      (error: unknown) => waiting[starts.length - 1 - failed++]!.reject(error),
    );
  }
  return lanes;
}

const reasonOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

export function createParallelEngine(options: ParallelEngineOptions): UpscaleEngine {
  const { tf, prepareBackend: prepare, pool } = options;
  const order = options.backendOrder ?? DEFAULT_BACKEND_ORDER;
  const tiling = options.tiling ?? DEFAULT_TILING;
  const limits = options.limits ?? ON_DEVICE_LIMITS;
  const inTurn = oneAtATime();
  let mode: Mode | undefined;
  let choosing: Promise<Mode> | undefined;
  let single: UpscaleEngine | undefined;

  const singleFrom = (rest: readonly BackendName[], failures: BackendFailure[]): Mode => {
    if (rest.length === 0) throw new NoBackendError(failures);
    single ??= options.single(rest);
    return { kind: 'single', engine: single, failures };
  };

  async function choose(scale: number): Promise<Mode> {
    const wasmAt = order.indexOf('wasm');
    const gpu = wasmAt < 0 ? order : order.slice(0, wasmAt);
    const failures: BackendFailure[] = [];
    if (gpu.length > 0) {
      try {
        const choice = await chooseBackend(tf, gpu, { prepare });
        return singleFrom(order.slice(order.indexOf(choice.name)), choice.failures);
      } catch (error) {
        if (!(error instanceof NoBackendError)) throw error;
        failures.push(...error.failures);
      }
    }
    if (wasmAt < 0) throw new NoBackendError(failures);
    if (pool) {
      try {
        await pool.ensure(1, scale);
        return { kind: 'pool', failures };
      } catch (error) {
        // Workers refused to start (no module workers, a blocked script): WebAssembly on this thread.
        failures.push({ name: 'wasm', reason: `in workers: ${reasonOf(error)}` });
      }
    }
    return singleFrom(order.slice(wasmAt), failures);
  }

  /**
   * Deals the tiles to the pool's workers. Every worker is started (the ones past the tile count warm up
   * for the next job, with this job's model): a one-tile image runs at once on a running worker, as one
   * whole-image model call, while the others start beside it. The document closes when idle
   * (IDLE_CLOSE_MS), which ends the workers and frees their memory.
   */
  async function runOnPool(
    pool: TilePool,
    ...[image, scale, runOptions]: Parameters<UpscaleEngine['upscale']>
  ) {
    const { onProgress, signal } = runOptions ?? {};
    const tiles = planTiles(image.width, image.height, tiling);
    const ordered = orderedByReadiness(pool.start(pool.size, scale));
    // A lane's failed start is reported by dealTiles; a spare worker's is retried by the next job.
    for (const lane of ordered) lane.catch(() => undefined);
    const lanes = ordered.slice(0, Math.max(1, tiles.length));
    return dealTiles(
      tiles,
      image.width,
      image.height,
      scale,
      async (tile, lane) => (await lanes[lane]!).run(crop(image, tile.input), scale),
      { lanes: lanes.length, onProgress, signal, ready: (lane) => lanes[lane]! },
    );
  }

  /** One choice at a time, shared by a warm-up and the job after it; a failed one is tried again. */
  const chosen = (scale: number) =>
    (choosing ??= choose(scale).then(
      (choice) => (mode = choice),
      (error: unknown) => {
        choosing = undefined;
        throw error;
      },
    ));

  return {
    warm(scale) {
      void chosen(scale).then(
        (choice) => {
          if (choice.kind !== 'pool') return;
          for (const start of pool!.start(pool!.size, scale)) start.catch(() => undefined);
        },
        () => undefined, // the job that follows chooses again and reports why
      );
    },
    upscale(image, scale, runOptions = {}) {
      return inTurn(async () => {
        runOptions.signal?.throwIfAborted();
        const refusal = sizeRefusal(image.width, image.height, scale, limits);
        if (refusal) throw new ProviderError({ kind: 'limit_exceeded', message: refusal, retryable: false });
        mode ??= await chosen(scale);
        if (mode.kind === 'single') return mode.engine.upscale(image, scale, runOptions);
        return runOnPool(pool!, image, scale, runOptions);
      });
    },
    backend(): BackendChoice | undefined {
      if (!mode) return undefined;
      if (mode.kind === 'pool') return { name: 'wasm', failures: mode.failures };
      const inner = mode.engine.backend();
      return inner && { name: inner.name, failures: [...mode.failures, ...inner.failures] };
    },
    dispose() {
      single?.dispose();
      pool?.dispose();
    },
  };
}
