/** Longest side drawn for the alpha check: enough to see transparent regions, cheap on a 50-megapixel photo. */
const SAMPLE_SIDE = 256;

/**
 * Whether the shown image has transparent pixels: true/false when its pixels can be read, null when they
 * cannot (not loaded yet, cross-origin without CORS, so the canvas is tainted, or no 2D canvas).
 *
 * The image is drawn scaled down, so a lone transparent pixel in a huge image may be averaged away; the
 * answer guides the choice of output format, not correctness.
 */
export function readAlpha(img: HTMLImageElement, doc: Document): boolean | null {
  const { naturalWidth: width, naturalHeight: height } = img;
  if (!img.complete || width === 0 || height === 0) return null;
  const scale = Math.min(1, SAMPLE_SIDE / Math.max(width, height));
  const canvas = doc.createElement('canvas');
  canvas.width = Math.max(1, Math.round(width * scale));
  canvas.height = Math.max(1, Math.round(height * scale));
  try {
    const context = canvas.getContext('2d', { willReadFrequently: true });
    if (!context) return null;
    context.drawImage(img, 0, 0, canvas.width, canvas.height);
    // Throws a SecurityError when the image is cross-origin without CORS (the canvas is tainted).
    const { data } = context.getImageData(0, 0, canvas.width, canvas.height);
    for (let i = 3; i < data.length; i += 4) {
      if (data[i]! < 255) return true;
    }
    return false;
  } catch {
    return null;
  }
}
