import type { RgbaImage } from './tiles';

/**
 * Background removal's pure half: a subject mask (0 = background, 255 = subject, soft in between) turned
 * into the image's alpha. The colour is kept as it was, unpremultiplied, so the cut-out can be put on any
 * backdrop; an input that was already transparent stays transparent where it was.
 */
export function applyMask(image: RgbaImage, mask: ArrayLike<number>): RgbaImage {
  const pixels = image.width * image.height;
  if (mask.length !== pixels) {
    throw new Error(`The mask has ${mask.length} values for ${pixels} pixels.`);
  }
  const data = new Uint8ClampedArray(image.data);
  for (let p = 0, i = 3; p < pixels; p++, i += 4) {
    data[i] = Math.round((data[i]! * mask[p]!) / 255);
  }
  return { width: image.width, height: image.height, data };
}

/**
 * The size the segmentation model is shown: it works at 256×256 inside, so a 4000×3000 photo only costs
 * a 16-megapixel texture upload (and may pass a GPU's texture limit) for nothing. The mask is scaled back
 * to the full size with smoothing, which is where its soft edge comes from anyway.
 */
export function modelInputSize(
  width: number,
  height: number,
  maxSide = 1024,
): { width: number; height: number } {
  const factor = Math.min(1, maxSide / Math.max(width, height));
  return { width: Math.max(1, Math.round(width * factor)), height: Math.max(1, Math.round(height * factor)) };
}

/**
 * The mask a person downloads beside the cut-out, in the shape HitPaw's matting gives: opaque grey,
 * white where the subject is, black where the background was.
 */
export function maskImage(cutout: RgbaImage): RgbaImage {
  const data = new Uint8ClampedArray(cutout.data.length);
  for (let i = 0; i < data.length; i += 4) {
    const alpha = cutout.data[i + 3]!;
    data[i] = data[i + 1] = data[i + 2] = alpha;
    data[i + 3] = 255;
  }
  return { width: cutout.width, height: cutout.height, data };
}
