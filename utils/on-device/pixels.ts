import type { Rect, RgbaImage } from './tiles';

/**
 * RGBA ↔ the models' RGB. Super-resolution models see colour only; alpha is carried over by nearest
 * neighbour from the source (a transparent PNG stays transparent where it was, with blocky-but-correct
 * edges — better than losing it).
 */

/** One rect of `image` as float RGB in 0–255, row-major, ready for a [1, h, w, 3] tensor. */
export function rgbOf(image: RgbaImage, rect: Rect): Float32Array {
  const out = new Float32Array(rect.width * rect.height * 3);
  let o = 0;
  for (let y = rect.y; y < rect.y + rect.height; y++) {
    let i = (y * image.width + rect.x) * 4;
    for (let x = 0; x < rect.width; x++, i += 4) {
      out[o++] = image.data[i]!;
      out[o++] = image.data[i + 1]!;
      out[o++] = image.data[i + 2]!;
    }
  }
  return out;
}

/**
 * The model's RGB output for `rect` (`scale`× its size) as RGBA. Writing floats into a
 * Uint8ClampedArray rounds and clamps them, so the model's output needs no clip op on the backend.
 */
export function rgbaFromModel(
  rgb: ArrayLike<number>,
  source: RgbaImage,
  rect: Rect,
  scale: number,
): RgbaImage {
  const width = rect.width * scale;
  const height = rect.height * scale;
  if (rgb.length !== width * height * 3) {
    throw new RangeError(`model output has ${rgb.length} values, expected ${width * height * 3}`);
  }
  const data = new Uint8ClampedArray(width * height * 4);
  let i = 0;
  let o = 0;
  for (let y = 0; y < height; y++) {
    const sourceRow = (rect.y + Math.floor(y / scale)) * source.width + rect.x;
    for (let x = 0; x < width; x++, o += 4) {
      data[o] = rgb[i++]!;
      data[o + 1] = rgb[i++]!;
      data[o + 2] = rgb[i++]!;
      data[o + 3] = source.data[(sourceRow + Math.floor(x / scale)) * 4 + 3]!;
    }
  }
  return { width, height, data };
}
