import { ProviderError } from '../errors';
import type { RgbaImage } from './tiles';

/**
 * Bytes ↔ pixels in the offscreen document. `createImageBitmap(blob)`, because
 * `HTMLImageElement.decode()` never settles in an offscreen document (seen in Chromium 156);
 * OffscreenCanvas, because nothing is shown.
 */
export async function decodeImage(
  bytes: Uint8Array,
  mime: string,
  refuse: (width: number, height: number) => string | undefined,
): Promise<RgbaImage> {
  // Unpremultiplied, so semi-transparent pixels keep their colour exactly.
  const bitmap = await createImageBitmap(new Blob([bytes as Uint8Array<ArrayBuffer>], { type: mime }), {
    premultiplyAlpha: 'none',
  });
  try {
    const { width, height } = bitmap;
    // Refuse before getImageData: a 100 MP decode would allocate 400 MB more just to be turned down.
    const refusal = refuse(width, height);
    if (refusal) throw new ProviderError({ kind: 'limit_exceeded', retryable: false, message: refusal });
    const context = new OffscreenCanvas(width, height).getContext('2d', { willReadFrequently: true });
    if (!context) throw new Error('no 2D context');
    context.drawImage(bitmap, 0, 0);
    return { width, height, data: context.getImageData(0, 0, width, height).data };
  } finally {
    bitmap.close();
  }
}

export async function encodeImage(image: RgbaImage, mime: 'image/png' | 'image/jpeg'): Promise<Uint8Array> {
  const canvas = new OffscreenCanvas(image.width, image.height);
  const context = canvas.getContext('2d');
  if (!context) throw new Error('no 2D context');
  context.putImageData(new ImageData(image.data, image.width, image.height), 0, 0);
  const blob = await canvas.convertToBlob({ type: mime, quality: mime === 'image/jpeg' ? 0.92 : undefined });
  return new Uint8Array(await blob.arrayBuffer());
}
