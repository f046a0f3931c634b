import { z } from 'zod';

/**
 * Messages between the offscreen document and its tile workers. A dedicated worker hears only the
 * document that created it, but both sides still check every message: a malformed one is a bug to
 * report, not data to use. Pixels travel as transferred RGBA buffers (moved, not copied).
 */

const dimension = z.number().int().min(1).max(16_384);
const pixels = z.instanceof(Uint8ClampedArray);

/** Document → worker. */
export const toTileWorker = z.discriminatedUnion('type', [
  /**
   * Start tfjs on WebAssembly with the binaries in `wasmDir`; models load from `models[scale]`, those of
   * `preload` right after the start (so a worker started ahead of its first tile has its model ready).
   */
  z.object({
    type: z.literal('start'),
    wasmDir: z.string().min(1),
    models: z.record(z.string().regex(/^\d+$/), z.string().min(1)),
    preload: z.array(z.number().int().min(1).max(8)).max(8).optional(),
  }),
  /** Upscale this crop (a tile's input rect) `scale`×. */
  z.object({
    type: z.literal('tile'),
    id: z.number().int().min(0),
    scale: z.number().int().min(1).max(8),
    width: dimension,
    height: dimension,
    pixels,
  }),
]);
export type ToTileWorker = z.infer<typeof toTileWorker>;

/** Worker → document. `id` -1 answers the start message. */
export const fromTileWorker = z.discriminatedUnion('type', [
  z.object({ type: z.literal('started'), backend: z.string() }),
  z.object({ type: z.literal('done'), id: z.number().int(), width: dimension, height: dimension, pixels }),
  z.object({ type: z.literal('failed'), id: z.number().int(), message: z.string() }),
]);
export type FromTileWorker = z.infer<typeof fromTileWorker>;

export const START_ID = -1;
