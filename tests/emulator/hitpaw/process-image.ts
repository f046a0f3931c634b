import sharp, { type Sharp } from 'sharp';
import type { StoredFile } from '../core/http';

const TYPES: Record<string, string> = {
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.png': 'image/png',
  '.webp': 'image/webp',
  '.bmp': 'image/bmp',
  '.tif': 'image/tiff',
  '.tiff': 'image/tiff',
};

export interface EnhanceOptions {
  scale: number;
  extension: string;
  /** Keep EXIF (`exif: true`). */
  exif: boolean;
  /** Print density metadata only; pixels are unchanged. Generative models ignore it. */
  dpi?: number;
}

/**
 * A stand-in for a super-resolution model: Lanczos upscale by the model's factor plus a light
 * sharpen; 1x models denoise (median) and sharpen at the same size. Encoded in the requested
 * output format: PNG/WebP/TIFF keep alpha, JPEG/BMP are flattened onto white.
 */
export async function enhanceImage(input: Buffer, options: EnhanceOptions): Promise<StoredFile> {
  const { width = 0, height = 0 } = await sharp(input).metadata();
  let image = sharp(input).rotate();
  image =
    options.scale > 1
      ? image
          .resize(width * options.scale, height * options.scale, { kernel: 'lanczos3' })
          .sharpen({ sigma: 0.7 })
      : image.median(3).sharpen({ sigma: 1 });
  if (options.exif) image = image.keepExif();
  if (options.dpi) image = image.withMetadata({ density: options.dpi });
  return encode(image, options.extension);
}

async function encode(image: Sharp, extension: string): Promise<StoredFile> {
  const type = TYPES[extension] ?? 'application/octet-stream';
  switch (extension) {
    case '.png':
      return { type, bytes: await image.png().toBuffer() };
    case '.webp':
      return { type, bytes: await image.webp({ quality: 90 }).toBuffer() };
    case '.tif':
    case '.tiff':
      return { type, bytes: await image.tiff().toBuffer() };
    case '.bmp': {
      const { data, info } = await image
        .flatten({ background: '#ffffff' })
        .raw()
        .toBuffer({ resolveWithObject: true });
      return { type, bytes: encodeBmp(data, info.width, info.height) };
    }
    default:
      return { type, bytes: await image.flatten({ background: '#ffffff' }).jpeg({ quality: 92 }).toBuffer() };
  }
}

/** 24-bit BMP (sharp cannot write BMP): bottom-up rows, BGR, each row padded to 4 bytes. */
function encodeBmp(rgb: Buffer, width: number, height: number): Buffer {
  const rowSize = Math.ceil((width * 3) / 4) * 4;
  const header = Buffer.alloc(54);
  header.write('BM', 0, 'ascii');
  header.writeUInt32LE(54 + rowSize * height, 2);
  header.writeUInt32LE(54, 10);
  header.writeUInt32LE(40, 14);
  header.writeInt32LE(width, 18);
  header.writeInt32LE(height, 22);
  header.writeUInt16LE(1, 26);
  header.writeUInt16LE(24, 28);
  header.writeUInt32LE(rowSize * height, 34);
  const pixels = Buffer.alloc(rowSize * height);
  for (let y = 0; y < height; y++) {
    const row = (height - 1 - y) * rowSize;
    for (let x = 0; x < width; x++) {
      const src = (y * width + x) * 3;
      pixels[row + x * 3] = rgb[src + 2]!;
      pixels[row + x * 3 + 1] = rgb[src + 1]!;
      pixels[row + x * 3 + 2] = rgb[src]!;
    }
  }
  return Buffer.concat([header, pixels]);
}
