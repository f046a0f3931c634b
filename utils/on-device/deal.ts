import { createImage, pasteTile, type RgbaImage, type Tile } from './tiles';

/**
 * Dealing a job's tiles out to one or more engines ("lanes") and stitching the outputs as they come
 * back. Each lane takes the next tile as soon as it is free, so a slow tile holds up only its own lane;
 * every output is pasted into the one result as it arrives, so only one output per lane is alive at a
 * time. Which lane ran a tile does not change the result: each tile's pixels depend on its input alone.
 */

/** Runs one tile on lane `lane` (0 ≤ lane < lanes) and returns its model output (the whole input rect). */
export type RunTile = (tile: Tile, lane: number) => Promise<RgbaImage>;

export interface DealOptions {
  /** How many tiles may run at once (one per engine). At least 1; more lanes than tiles stay idle. */
  lanes: number;
  /** Tiles done out of tiles total: (0, n) before the first tile, then after each one. */
  onProgress?: (done: number, total: number) => void;
  /** Checked before every tile is dealt: a cancel takes effect within one tile's time. */
  signal?: AbortSignal;
  /**
   * Settles when lane `lane` can take tiles (its worker started). A lane joins the dealing as soon as it
   * is ready, so warm lanes start at once and slow starters take only the tiles left by then; a lane
   * whose start fails takes none. The job fails for a start only when no lane started.
   */
  ready?: (lane: number) => Promise<unknown>;
}

/**
 * Lets queued messages (a cancel) run between tiles. A MessageChannel task, not setTimeout: hidden and
 * offscreen documents clamp chained timers to ≥ 1 s, which would add a second per tile.
 */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(undefined);
  });
}

/**
 * Runs every tile of `tiles` (a plan of `width`×`height`) through `run`, at most `lanes` at a time, and
 * returns the stitched `scale`× result. A lone tile covering the whole image is returned as the model
 * gave it, with no copy. On the first failure or cancel no further tile is dealt; the call settles once
 * the tiles already running have finished, so the engines are idle again when it rejects.
 */
export async function dealTiles(
  tiles: readonly Tile[],
  width: number,
  height: number,
  scale: number,
  run: RunTile,
  { lanes, onProgress, signal, ready }: DealOptions,
): Promise<RgbaImage> {
  if (!Number.isInteger(lanes) || lanes < 1)
    throw new RangeError(`lanes must be an integer ≥ 1, got ${lanes}`);
  signal?.throwIfAborted();
  const only = tiles.length === 1 ? tiles[0]! : undefined;
  const whole =
    only && only.input.width === width && only.input.height === height && only.own.width === width
      ? only
      : undefined;
  let result: RgbaImage | undefined = whole ? undefined : createImage(width * scale, height * scale);
  let next = 0;
  let done = 0;
  let failure: { error: unknown } | undefined;
  const startErrors: unknown[] = [];
  // Settles once nothing is left for a lane still starting: every tile dealt, a failure, or a cancel.
  let nothingLeft!: () => void;
  const closed = new Promise<false>((resolve) => (nothingLeft = () => resolve(false)));
  signal?.addEventListener('abort', nothingLeft, { once: true });
  onProgress?.(0, tiles.length);

  const lane = async (index: number) => {
    if (ready) {
      const started = await Promise.race([
        ready(index).then(
          () => true,
          (error: unknown) => (startErrors.push(error), false),
        ),
        closed,
      ]);
      if (!started) return;
    }
    while (!failure && next < tiles.length) {
      if (signal?.aborted) {
        failure ??= { error: signal.reason };
        return;
      }
      const tile = tiles[next++]!;
      if (next === tiles.length) nothingLeft();
      try {
        const output = await run(tile, index);
        if (failure) return;
        if (whole) {
          if (output.width !== width * scale || output.height !== height * scale) {
            throw new RangeError(
              `expected a ${width * scale}×${height * scale} output, got ${output.width}×${output.height}`,
            );
          }
          result = output;
        } else {
          pasteTile(result!, tile, output, scale);
        }
        done++; // not inside the optional call: without onProgress it would never count
        onProgress?.(done, tiles.length);
        await yieldToEventLoop();
      } catch (error) {
        failure ??= { error };
        nothingLeft();
        return;
      }
    }
  };

  try {
    await Promise.all(Array.from({ length: Math.min(lanes, Math.max(1, tiles.length)) }, (_, i) => lane(i)));
  } finally {
    signal?.removeEventListener('abort', nothingLeft);
  }
  if (failure) throw failure.error;
  signal?.throwIfAborted();
  if (done < tiles.length && startErrors.length > 0) throw startErrors[0];
  if (!result) throw new Error('No tiles to run.');
  return result;
}
