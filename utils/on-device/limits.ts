import { t, type MessageKey } from '../i18n';

/**
 * What the on-device engine agrees to take. Tiling bounds the model's memory, but the decoded input and
 * the stitched output still live whole in the offscreen document (4 bytes a pixel), and the output canvas
 * must be encodable: 16 MP in (a 4000×3000 photo fits) and 64 MP out (that photo at 2×; 4× needs ≤ 4 MP)
 * keep the document near 400 MB of pixel buffers on a 2-core, no-GPU machine.
 */
export interface SizeLimits {
  maxInputPixels: number;
  maxOutputPixels: number;
  /** Chromium refuses canvases wider or taller than this (and some GPUs less): refuse before the work. */
  maxOutputSide: number;
}

export const ON_DEVICE_LIMITS: SizeLimits = {
  maxInputPixels: 16_000_000,
  maxOutputPixels: 64_000_000,
  maxOutputSide: 16_384,
};

const megapixels = (pixels: number) => `${(pixels / 1e6).toFixed(1)} MP`;

/**
 * The message in the browser's language where there is `chrome.i18n` (the background's check before a
 * job is made); the English sentence in the offscreen document and its workers, which have only
 * `chrome.runtime` (measured in Chromium), where `t` would give back the bare key.
 */
function say(key: MessageKey, substitutions: readonly (string | number)[], english: string): string {
  const text = t(key, substitutions);
  return text === key ? english : text;
}

/** A sentence a person can act on when the image is too large, or undefined when it may be processed. */
export function sizeRefusal(
  width: number,
  height: number,
  scale: number,
  limits: SizeLimits = ON_DEVICE_LIMITS,
): string | undefined {
  if (!(width > 0 && height > 0)) return say('od_no_pixels', [], 'This image has no pixels to enhance.');
  const input = width * height;
  if (input > limits.maxInputPixels) {
    const size = `${width}×${height}`;
    const max = megapixels(limits.maxInputPixels);
    return say(
      'od_input_too_large',
      [size, megapixels(input), max],
      `This image is ${size} (${megapixels(input)}); on-device enhancement takes images up to ` +
        `${max}. Use a cloud provider, or a smaller copy of the image.`,
    );
  }
  const outWidth = width * scale;
  const outHeight = height * scale;
  const output = outWidth * outHeight;
  if (output > limits.maxOutputPixels || Math.max(outWidth, outHeight) > limits.maxOutputSide) {
    const [size, out, max] = [
      `${width}×${height}`,
      `${outWidth}×${outHeight}`,
      megapixels(limits.maxOutputPixels),
    ];
    return say(
      'od_output_too_large',
      [size, scale, out, megapixels(output), max, limits.maxOutputSide],
      `Upscaling this ${size} image ${scale}× would make ${out} (${megapixels(output)}); on device the result ` +
        `may be at most ${max} and ${limits.maxOutputSide} px on a side. Choose a smaller scale, or a cloud provider.`,
    );
  }
  return undefined;
}
