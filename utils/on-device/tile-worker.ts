import { oneAtATime } from '../one-at-a-time';
import type { TileModel, Tf } from './model';
import { predictRect } from './predict';
import { toTileWorker, START_ID, type FromTileWorker } from './worker-protocol';

/**
 * The logic of one tile worker, apart from its wiring (entrypoints/offscreen/tile-worker.ts): its own
 * tfjs on WebAssembly, one model per scale loaded on first use and kept, tiles run one at a time in
 * arrival order. Each reply names the message it answers; failures are replies, never thrown.
 */
export interface TileWorkerDeps {
  tf: Tf;
  /** Starts the WebAssembly backend with its binaries in `wasmDir`. */
  startBackend(wasmDir: string): Promise<void>;
  loadModel(scale: number, url: string): Promise<TileModel>;
}

export interface TileWorkerReply {
  reply: FromTileWorker;
  /** Buffers to move rather than copy. */
  transfer: ArrayBuffer[];
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

export function createTileWorker(deps: TileWorkerDeps) {
  const { tf } = deps;
  const inTurn = oneAtATime();
  let modelUrls: Record<string, string> | undefined;
  const models = new Map<number, Promise<TileModel>>();

  const modelFor = (scale: number) => {
    let model = models.get(scale);
    if (!model) {
      const url = modelUrls?.[String(scale)];
      if (!url) return Promise.reject(new Error(`No on-device model for ${scale}×.`));
      model = deps.loadModel(scale, url);
      models.set(scale, model);
      model.catch(() => models.delete(scale)); // a failed load is tried again by the next tile
    }
    return model;
  };

  async function handle(raw: unknown): Promise<TileWorkerReply> {
    const parsed = toTileWorker.safeParse(raw);
    const id = typeof (raw as { id?: unknown })?.id === 'number' ? (raw as { id: number }).id : START_ID;
    if (!parsed.success) {
      return {
        reply: { type: 'failed', id, message: 'The tile worker got a malformed message.' },
        transfer: [],
      };
    }
    const request = parsed.data;
    if (request.type === 'start') {
      try {
        modelUrls = request.models;
        await deps.startBackend(request.wasmDir);
        // Not awaited: the start is answered at once and the first tile waits for its model (the same
        // promise). A failed preload is retried by that tile and reported there.
        for (const scale of request.preload ?? []) modelFor(scale).catch(() => undefined);
        return { reply: { type: 'started', backend: tf.getBackend() }, transfer: [] };
      } catch (error) {
        return { reply: { type: 'failed', id: START_ID, message: message(error) }, transfer: [] };
      }
    }
    try {
      const { width, height, pixels, scale } = request;
      if (pixels.length !== width * height * 4)
        throw new RangeError(`expected ${width}×${height} RGBA pixels`);
      const image = { width, height, data: pixels as Uint8ClampedArray<ArrayBuffer> };
      const out = await predictRect(tf, await modelFor(scale), image, { x: 0, y: 0, width, height }, scale);
      return {
        reply: { type: 'done', id: request.id, width: out.width, height: out.height, pixels: out.data },
        transfer: [out.data.buffer],
      };
    } catch (error) {
      return { reply: { type: 'failed', id: request.id, message: message(error) }, transfer: [] };
    }
  }

  return {
    /** Answers one message from the document; tiles are run strictly one after another. */
    handle: (raw: unknown) => inTurn(() => handle(raw)),
  };
}
