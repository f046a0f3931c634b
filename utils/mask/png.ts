import { encode } from 'fast-png';

/**
 * PNG for masks: 8-bit greyscale, one byte per pixel. Written with fast-png (small, maintained, pure
 * JavaScript, so the same code runs in the viewer and in unit tests where no canvas exists). The reader
 * only checks the signature and reads IHDR: all that is needed of a mask is its size.
 */
const SIGNATURE = [137, 80, 78, 71, 13, 10, 26, 10];

/** Encodes a width × height grey raster (one byte per pixel) as PNG bytes. */
export async function encodeGreyPng(grey: Uint8Array, width: number, height: number): Promise<Uint8Array> {
  if (!(Number.isInteger(width) && Number.isInteger(height) && width > 0 && height > 0))
    throw new RangeError('a PNG needs a positive whole width and height');
  if (grey.length !== width * height) throw new RangeError('the raster does not match its size');
  return encode({ width, height, data: grey, channels: 1, depth: 8 });
}

/** A PNG's pixel size from its IHDR, or null when the bytes are not a PNG. */
export function pngSize(bytes: Uint8Array): { width: number; height: number } | null {
  if (bytes.length < 24 || SIGNATURE.some((b, i) => bytes[i] !== b)) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const type = String.fromCharCode(...bytes.subarray(12, 16));
  if (type !== 'IHDR') return null;
  const width = view.getUint32(16);
  const height = view.getUint32(20);
  return width > 0 && height > 0 ? { width, height } : null;
}

export const PNG_DATA_URL_PREFIX = 'data:image/png;base64,';
