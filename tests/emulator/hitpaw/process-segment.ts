import sharp from 'sharp';
import { subjectAlpha } from '../core/matte';
import type { StoredFile } from '../core/http';

/**
 * A stand-in for matting (core/matte.ts): the cut-out has a transparent border. Returns the RGBA
 * PNG (`res_url`) and the same alpha as an 8-bit greyscale PNG mask (`mask_url`) of the same size.
 */
export async function segmentImage(input: Buffer): Promise<{ cutout: StoredFile; mask: StoredFile }> {
  const { data, info } = await sharp(input)
    .rotate()
    .ensureAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  const { width, height } = info;
  const alpha = subjectAlpha(data, width, height);
  for (let i = 0; i < width * height; i++) data[i * 4 + 3] = alpha[i]!;
  const raw = { width, height };
  return {
    cutout: {
      type: 'image/png',
      bytes: await sharp(data, { raw: { ...raw, channels: 4 } })
        .png()
        .toBuffer(),
    },
    mask: {
      type: 'image/png',
      bytes: await sharp(alpha, { raw: { ...raw, channels: 1 } })
        .toColourspace('b-w')
        .png()
        .toBuffer(),
    },
  };
}
