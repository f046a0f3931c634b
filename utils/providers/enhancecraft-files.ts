/**
 * Image types for EnhanceCraft uploads and results. A Blob's own type wins; when it is missing or
 * generic (servers often say `application/octet-stream`), the first bytes decide.
 */
import { sniffImageType } from '../image-type';

export { sniffImageType };

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
