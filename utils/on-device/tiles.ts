/**
 * Tiling for on-device models: the image is cut into overlapping tiles so that memory stays bounded by
 * one tile's tensors (whole-image inference of a 512² photo took ≈ 714 MB of renderer memory against
 * ≈ 254 MB tiled, measured in headless Chromium). Each tile is run with `overlap` pixels of context on
 * every side that has a neighbour, and keeps only the part it owns: the seams fall inside the overlap,
 * where both sides had the same context, so for any model whose receptive field fits in the overlap the
 * stitched result is exactly the whole-image result. Pure functions over plain RGBA buffers, so Node
 * tests can check them.
 */

export interface RgbaImage {
  width: number;
  height: number;
  /** Row-major RGBA, 4 bytes per pixel. */
  data: Uint8ClampedArray<ArrayBuffer>;
}

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface Tile {
  index: number;
  /** What the model is given: `own` grown by the overlap, clamped to the image. */
  input: Rect;
  /** The pixels this tile is responsible for, in input coordinates; the owned rects partition the image. */
  own: Rect;
}

export interface TilingOptions {
  /** Side of an owned square (edge tiles may be smaller). */
  tile: number;
  /** Context added on each side of a tile that has a neighbour. */
  overlap: number;
}

/**
 * 256-px tiles with 8 px of context. Measured with `npm run bench:on-device` (ESRGAN-slim 2×, 512², WASM,
 * variants interleaved in one page): 128-px tiles 1.22× the time of one whole-image call, 192 px 1.14×,
 * 256 px 1.06× — the padding is recomputed per tile — while the renderer peaks near 330 MB against
 * 670 MB whole. Images up to 256² run as one tile, exactly like a plain call.
 */
export const DEFAULT_TILING: TilingOptions = { tile: 256, overlap: 8 };

function assertDimension(name: string, value: number, min: number): void {
  if (!Number.isInteger(value) || value < min) {
    throw new RangeError(`${name} must be an integer ≥ ${min}, got ${value}`);
  }
}

export function planTiles(width: number, height: number, options: TilingOptions = DEFAULT_TILING): Tile[] {
  const { tile, overlap } = options;
  assertDimension('width', width, 1);
  assertDimension('height', height, 1);
  assertDimension('tile', tile, 1);
  assertDimension('overlap', overlap, 0);
  const tiles: Tile[] = [];
  for (let y = 0; y < height; y += tile) {
    for (let x = 0; x < width; x += tile) {
      const own = { x, y, width: Math.min(tile, width - x), height: Math.min(tile, height - y) };
      const x0 = Math.max(0, x - overlap);
      const y0 = Math.max(0, y - overlap);
      const x1 = Math.min(width, own.x + own.width + overlap);
      const y1 = Math.min(height, own.y + own.height + overlap);
      tiles.push({ index: tiles.length, own, input: { x: x0, y: y0, width: x1 - x0, height: y1 - y0 } });
    }
  }
  return tiles;
}

export function createImage(width: number, height: number): RgbaImage {
  return { width, height, data: new Uint8ClampedArray(width * height * 4) };
}

/**
 * Copies the owned part of one tile's model output (the whole input rect, `scale` times larger) into
 * `target`. Called once per tile as it finishes, so only one tile output is alive at a time.
 */
export function pasteTile(target: RgbaImage, tile: Tile, output: RgbaImage, scale: number): void {
  const { input, own } = tile;
  if (output.width !== input.width * scale || output.height !== input.height * scale) {
    throw new RangeError(
      `tile ${tile.index}: expected a ${input.width * scale}×${input.height * scale} output, got ${output.width}×${output.height}`,
    );
  }
  const rowBytes = own.width * scale * 4;
  const srcX = (own.x - input.x) * scale;
  const srcY = (own.y - input.y) * scale;
  const dstX = own.x * scale;
  const dstY = own.y * scale;
  for (let row = 0; row < own.height * scale; row++) {
    const from = ((srcY + row) * output.width + srcX) * 4;
    const to = ((dstY + row) * target.width + dstX) * 4;
    target.data.set(output.data.subarray(from, from + rowBytes), to);
  }
}

/** The whole stitch in one call, for callers that already hold every tile output. */
export function stitch(
  outputs: Iterable<{ tile: Tile; image: RgbaImage }>,
  scale: number,
  outWidth: number,
  outHeight: number,
): RgbaImage {
  const target = createImage(outWidth, outHeight);
  for (const { tile, image } of outputs) pasteTile(target, tile, image, scale);
  return target;
}

/** A copy of one rect of an image (the tile's input), for models that take RGBA crops. */
export function crop(image: RgbaImage, rect: Rect): RgbaImage {
  const out = createImage(rect.width, rect.height);
  const rowBytes = rect.width * 4;
  for (let row = 0; row < rect.height; row++) {
    const from = ((rect.y + row) * image.width + rect.x) * 4;
    out.data.set(image.data.subarray(from, from + rowBytes), row * rowBytes);
  }
  return out;
}
