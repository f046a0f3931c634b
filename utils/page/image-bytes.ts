/** Byte-level helpers for pageReadBytes (read-bytes.ts). */

/** Signatures of the formats a provider might take, for servers that label images application/octet-stream. */
const SIGNATURES: [type: string, offset: number, bytes: number[]][] = [
  ['image/jpeg', 0, [0xff, 0xd8, 0xff]],
  ['image/png', 0, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]],
  ['image/gif', 0, [0x47, 0x49, 0x46, 0x38]], // GIF8
  ['image/webp', 8, [0x57, 0x45, 0x42, 0x50]], // WEBP, after RIFF....
  ['image/avif', 4, [0x66, 0x74, 0x79, 0x70, 0x61, 0x76, 0x69, 0x66]], // ftypavif
  ['image/bmp', 0, [0x42, 0x4d]], // BM
];

export function sniffImageType(bytes: Uint8Array): string | null {
  for (const [type, offset, signature] of SIGNATURES) {
    if (signature.every((b, i) => bytes[offset + i] === b)) return type;
  }
  return null;
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
