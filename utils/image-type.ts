/**
 * The image type a file's leading bytes announce, for servers that label images
 * application/octet-stream (or not at all). Shared by page code (pageReadBytes) and the uploads.
 */
const ascii = (bytes: Uint8Array, start: number, text: string) =>
  [...text].every((char, i) => bytes[start + i] === char.charCodeAt(0));

export function sniffImageType(bytes: Uint8Array): string | undefined {
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (bytes[0] === 0x89 && ascii(bytes, 1, 'PNG\r\n\x1a\n')) return 'image/png';
  if (ascii(bytes, 0, 'GIF8')) return 'image/gif';
  if (ascii(bytes, 0, 'RIFF') && ascii(bytes, 8, 'WEBP')) return 'image/webp';
  if (ascii(bytes, 4, 'ftypavi')) return 'image/avif';
  if (ascii(bytes, 4, 'ftyphei') || ascii(bytes, 4, 'ftypmif1')) return 'image/heic';
  if (ascii(bytes, 0, 'II*\0') || ascii(bytes, 0, 'MM\0*')) return 'image/tiff';
  if (ascii(bytes, 0, 'BM')) return 'image/bmp';
  return undefined;
}
