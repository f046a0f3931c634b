/** Byte-level helpers for pageReadBytes (read-bytes.ts). */
import { sniffImageType as sniffBytes } from '../../image-type';

/** Null when the bytes are no image format we know. */
export function sniffImageType(bytes: Uint8Array): string | null {
  return sniffBytes(bytes) ?? null;
}

/**
 * The image type of a response: its declared `image/*` type, else what its first bytes say, else null (an
 * HTML login page or an error document served in place of the image must not be uploaded as one).
 */
export function imageTypeOf(declared: string | null, bytes: Uint8Array): string | null {
  const type = (declared ?? '').split(';')[0]!.trim().toLowerCase();
  if (type.startsWith('image/')) return type;
  return sniffImageType(bytes);
}

/**
 * The body as bytes, or 'too-big' as soon as it passes `max`: streamed, so a huge file is not held in
 * memory before being refused. A declared Content-Length over the cap is refused before reading.
 */
export async function readCapped(response: Response, max: number): Promise<Uint8Array | 'too-big'> {
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > max) {
    await response.body?.cancel().catch(() => undefined);
    return 'too-big';
  }
  const reader = response.body?.getReader();
  if (!reader) {
    const whole = new Uint8Array(await response.arrayBuffer());
    return whole.length > max ? 'too-big' : whole;
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.length;
    if (size > max) {
      await reader.cancel().catch(() => undefined);
      return 'too-big';
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.length;
  }
  return bytes;
}
