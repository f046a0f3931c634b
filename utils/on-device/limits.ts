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

/** A sentence a person can act on when the image is too large, or undefined when it may be processed. */
export function sizeRefusal(
  width: number,
  height: number,
  scale: number,
  limits: SizeLimits = ON_DEVICE_LIMITS,
): string | undefined {
  if (!(width > 0 && height > 0)) return 'This image has no pixels to enhance.';
  const input = width * height;
  if (input > limits.maxInputPixels) {
    return (
      `This image is ${width}×${height} (${megapixels(input)}); on-device enhancement takes images up to ` +
      `${megapixels(limits.maxInputPixels)}. Use a cloud provider, or a smaller copy of the image.`
    );
  }
  const outWidth = width * scale;
  const outHeight = height * scale;
  const output = outWidth * outHeight;
  if (output > limits.maxOutputPixels || Math.max(outWidth, outHeight) > limits.maxOutputSide) {
    return (
      `Upscaling this ${width}×${height} image ${scale}× would make ${outWidth}×${outHeight} ` +
      `(${megapixels(output)}); on device the result may be at most ${megapixels(limits.maxOutputPixels)} ` +
      `and ${limits.maxOutputSide} px on a side. Choose a smaller scale, or a cloud provider.`
    );
  }
  return undefined;
}
