/**
 * Bytes ↔ base64 for runtime messages (structured clone through extension messaging cannot carry Blobs
 * reliably) and for data: URLs in the worker (which has no object URLs). Shared by page code and the
 * background.
 */

/** Chunked, because spreading 25 MB into one String.fromCharCode call overflows the argument limit. */
const CHUNK = 0x8000;

export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += CHUNK) {
    binary += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  }
  return btoa(binary);
}

export function fromBase64(base64: string): Uint8Array<ArrayBuffer> {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
