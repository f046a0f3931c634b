import { fromBase64, toBase64 } from '../base64';
import { encodeGreyPng, PNG_DATA_URL_PREFIX, pngSize } from './png';
import { markedPixels, rasterise, type Stroke } from './strokes';

/**
 * A drawn mask as EnhanceCraft's `mask_data_url` takes it: "a base64 data URL" (its API docs say no
 * more). Chosen shape: a PNG exactly the image's size, white (255) where the person painted — the area
 * to remove — and black elsewhere, the usual convention for inpainting masks.
 */
export interface DrawnMask {
  png: Uint8Array;
  width: number;
  height: number;
  /** Pixels painted white. */
  marked: number;
}

export async function drawMask(
  strokes: readonly Stroke[],
  width: number,
  height: number,
): Promise<DrawnMask> {
  const raster = rasterise(strokes, width, height);
  return { png: await encodeGreyPng(raster, width, height), width, height, marked: markedPixels(raster) };
}

export const pngDataUrl = (png: Uint8Array) => `${PNG_DATA_URL_PREFIX}${toBase64(png)}`;

/** The PNG bytes of a `data:image/png;base64,` URL and their size, or null for anything else. */
export function readPngDataUrl(url: string): { png: Uint8Array; width: number; height: number } | null {
  if (!url.startsWith(PNG_DATA_URL_PREFIX)) return null;
  let png: Uint8Array;
  try {
    png = fromBase64(url.slice(PNG_DATA_URL_PREFIX.length));
  } catch {
    return null;
  }
  const size = pngSize(png);
  return size ? { png, ...size } : null;
}
