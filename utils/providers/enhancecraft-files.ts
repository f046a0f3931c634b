/**
 * Image types for EnhanceCraft uploads and results. A Blob's own type wins; when it is missing or
 * generic (servers often say `application/octet-stream`), the first bytes decide.
 */
const EXTENSIONS: Record<string, string> = {
  'image/jpeg': 'jpg',
  'image/jpg': 'jpg',
  'image/pjpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
  'image/gif': 'gif',
  'image/avif': 'avif',
  'image/bmp': 'bmp',
  'image/tiff': 'tiff',
  'image/heic': 'heic',
  'image/heif': 'heif',
  'image/svg+xml': 'svg',
};

const ascii = (bytes: Uint8Array, start: number, text: string) =>
  [...text].every((char, i) => bytes[start + i] === char.charCodeAt(0));

/** The image type the leading bytes announce, or undefined. */
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

const mime = (type: string | null | undefined) => (type ?? '').split(';')[0]!.trim().toLowerCase();

/** The declared type when it is an image type we know, else what the bytes say, else undefined. */
export async function imageType(
  blob: Blob,
  declared: string | null = blob.type,
): Promise<string | undefined> {
  const type = mime(declared);
  if (EXTENSIONS[type]) return type === 'image/jpg' || type === 'image/pjpeg' ? 'image/jpeg' : type;
  return sniffImageType(new Uint8Array(await blob.slice(0, 16).arrayBuffer()));
}

/**
 * The upload as EnhanceCraft should see it: a file name whose extension matches the type, and the Blob
 * re-typed when its own type was missing. An unrecognised file goes as `image` and the server decides.
 */
export async function uploadFile(blob: Blob): Promise<{ file: Blob; filename: string }> {
  const type = await imageType(blob);
  if (!type) return { file: blob, filename: 'image' };
  const file = mime(blob.type) === type ? blob : new Blob([blob], { type });
  return { file, filename: `image.${EXTENSIONS[type]}` };
}
