import type { RgbaImage } from './tiles';
import { fromTileWorker, START_ID, type ToTileWorker } from './worker-protocol';

/**
 * A pool of tile workers (utils/on-device/tile-worker.ts), each with its own tfjs on WebAssembly and its
 * own copy of the model: one tile per worker at a time, so N workers keep N cores busy. Workers start
 * on demand and are kept for the pool's life (the offscreen document's): starting one costs a wasm
 * compile and a model load. A worker that throws, answers nonsense or misses its deadline is ended;
 * its tiles fail with a readable error and the next job starts a fresh one in its place.
 */

/** What the pool needs of a Worker (a fake in tests). */
export interface WorkerLike {
  postMessage(message: ToTileWorker, transfer: Transferable[]): void;
  terminate(): void;
  addEventListener(type: 'message' | 'messageerror' | 'error', listener: (event: Event) => void): void;
}

export interface TilePoolOptions {
  createWorker: () => WorkerLike;
  /** The most workers this pool starts (see workerCount). */
  size: number;
  /** Where each worker finds the WebAssembly binaries and the model of each scale. */
  start: { wasmDir: string; models: Record<string, string> };
  /** Deadline for a worker to start its backend (wasm compile); 30 s by default. */
  startTimeoutMs?: number;
  /** Deadline for one tile; a worker past it is taken as hung. 5 min by default (a 4× tile, slow CPU). */
  tileTimeoutMs?: number;
}

/** One started worker, as a lane of the engine sees it. */
export interface TileRunner {
  /** Upscales `crop` (a tile's input) `scale`×. The crop's buffer is moved to the worker. */
  run(crop: RgbaImage, scale: number): Promise<RgbaImage>;
}

export interface TilePool {
  readonly size: number;
  /**
   * Starts workers until `count` (≤ size) are alive, without waiting: one promise per worker, settled
   * when it can take tiles (at once for a running one). A worker started here loads the model of
   * `preload` right after its backend, before its first tile arrives.
   */
  start(count: number, preload?: number): Promise<TileRunner>[];
  /**
   * Starts workers until `count` (≤ size) are running, and resolves with the ones that run. Rejects only
   * when none could start, with why the first one failed. `preload` as for start().
   */
  ensure(count: number, preload?: number): Promise<TileRunner[]>;
  /** Workers alive now. */
  live(): number;
  dispose(): void;
}

interface Pending {
  resolve(image: RgbaImage): void;
  reject(error: Error): void;
  timer: ReturnType<typeof setTimeout>;
}

interface Slot extends TileRunner {
  started: Promise<void>;
  end(reason: string): void;
}

export class TileWorkerError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TileWorkerError';
  }
}

export function createTilePool(options: TilePoolOptions): TilePool {
  const { createWorker, size, start } = options;
  const startTimeoutMs = options.startTimeoutMs ?? 30_000;
  const tileTimeoutMs = options.tileTimeoutMs ?? 300_000;
  if (!Number.isInteger(size) || size < 1) throw new RangeError(`size must be an integer ≥ 1, got ${size}`);
  const slots: (Slot | undefined)[] = Array.from({ length: size }, () => undefined);
  let nextId = 0;

  function spawn(at: number, preload?: number): Slot {
    const worker = createWorker();
    const pending = new Map<number, Pending>();
    let ended: TileWorkerError | undefined;
    let settleStart: { resolve(): void; reject(error: Error): void } | undefined;
    const started = new Promise<void>((resolve, reject) => (settleStart = { resolve, reject }));
    started.catch(() => undefined); // observed by ensure(); never an unhandled rejection

    const end = (reason: string) => {
      if (ended) return;
      ended = new TileWorkerError(reason);
      worker.terminate();
      if (slots[at] === slot) slots[at] = undefined; // the next ensure() starts a fresh one here
      clearTimeout(startTimer);
      settleStart?.reject(ended);
      for (const { reject, timer } of pending.values()) {
        clearTimeout(timer);
        reject(ended);
      }
      pending.clear();
    };

    worker.addEventListener('message', (event) => {
      const parsed = fromTileWorker.safeParse((event as MessageEvent).data);
      if (!parsed.success) return end('The on-device worker sent a malformed reply.');
      const reply = parsed.data;
      if (reply.type === 'started') {
        clearTimeout(startTimer);
        settleStart?.resolve();
        return;
      }
      if (reply.id === START_ID && reply.type === 'failed') {
        return end(`The on-device worker could not start WebAssembly: ${reply.message}`);
      }
      const waiting = pending.get(reply.id);
      if (!waiting) return;
      pending.delete(reply.id);
      clearTimeout(waiting.timer);
      if (reply.type === 'failed') waiting.reject(new TileWorkerError(reply.message));
      else
        waiting.resolve({
          width: reply.width,
          height: reply.height,
          data: reply.pixels as Uint8ClampedArray<ArrayBuffer>,
        });
    });
    worker.addEventListener('messageerror', () =>
      end('The on-device worker sent a reply that could not be read.'),
    );
    worker.addEventListener('error', (event) => {
      const detail = (event as ErrorEvent).message;
      end(`The on-device worker stopped${detail ? ` (${detail})` : ''}.`);
    });

    const slot: Slot = {
      started,
      end,
      run(crop, scale) {
        if (ended) return Promise.reject(ended);
        const id = nextId++;
        return new Promise<RgbaImage>((resolve, reject) => {
          const timer = setTimeout(
            () => end(`The on-device worker did not finish a tile within ${tileTimeoutMs / 1000} s.`),
            tileTimeoutMs,
          );
          pending.set(id, { resolve, reject, timer });
          const { width, height, data } = crop;
          worker.postMessage({ type: 'tile', id, scale, width, height, pixels: data }, [data.buffer]);
        });
      },
    };
    slots[at] = slot;
    // Declared last; read only from events and timers, which run after this function returns.
    const startTimer = setTimeout(
      () => end(`The on-device worker did not start within ${startTimeoutMs / 1000} s.`),
      startTimeoutMs,
    );
    worker.postMessage(
      { type: 'start', ...start, ...(preload === undefined ? {} : { preload: [preload] }) },
      [],
    );
    return slot;
  }

  const startSlots = (count: number, preload?: number) =>
    slots.slice(0, Math.max(1, Math.min(size, count))).map((slot, at) => slot ?? spawn(at, preload));

  return {
    size,
    start: (count, preload) => startSlots(count, preload).map((slot) => slot.started.then(() => slot)),
    async ensure(count, preload) {
      const candidates = startSlots(count, preload);
      const outcomes = await Promise.allSettled(candidates.map((slot) => slot.started));
      const running = candidates.filter((_, i) => outcomes[i]!.status === 'fulfilled');
      if (running.length === 0) throw (outcomes[0] as PromiseRejectedResult).reason;
      return running;
    },
    live: () => slots.filter(Boolean).length,
    dispose() {
      for (const slot of [...slots]) slot?.end('The on-device engine was closed.');
    },
  };
}
