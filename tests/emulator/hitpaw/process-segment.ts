import sharp from 'sharp';
import type { StoredFile } from '../core/http';

const smoothstep = (lo: number, hi: number, v: number) => {
  const t = Math.min(1, Math.max(0, (v - lo) / (hi - lo)));
  return t * t * (3 - 2 * t);
};

/**
 * A stand-in for matting. Foreground = pixels whose colour differs from the mean border colour,
 * always including a central core, inside a centred ellipse that touches no edge — so the cut-out
 * has a transparent border, as a real subject cut-out usually does. Returns the RGBA PNG
 * (`res_url`) and the same alpha as an 8-bit greyscale PNG mask (`mask_url`) of the same size.
 */
export async function segmentImage(input: Buffer): Promise<{ cutout: StoredFile; mask: StoredFile }> {
  const { data, info } = await sharp(input)
    .rotate()
    .ensureAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  const { width, height } = info;
  const border = borderMean(data, width, height);
  const alpha = Buffer.alloc(width * height);
  const cx = (width - 1) / 2;
  const cy = (height - 1) / 2;
  const rx = width * 0.46;
  const ry = height * 0.46;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = y * width + x;
      const e = ((x - cx) / rx) ** 2 + ((y - cy) / ry) ** 2;
      const distance =
        Math.hypot(data[i * 4]! - border[0], data[i * 4 + 1]! - border[1], data[i * 4 + 2]! - border[2]) /
        441.7;
      const foreground = Math.max(smoothstep(0.08, 0.25, distance), 1 - smoothstep(0.35, 0.6, e));
      const inside = 1 - smoothstep(0.8, 1, e);
      alpha[i] = Math.round(255 * foreground * inside * (data[i * 4 + 3]! / 255));
      data[i * 4 + 3] = alpha[i]!;
    }
  }
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

function borderMean(rgba: Buffer, width: number, height: number): [number, number, number] {
  const sum = [0, 0, 0];
  let count = 0;
  const add = (x: number, y: number) => {
    const i = (y * width + x) * 4;
    sum[0]! += rgba[i]!;
    sum[1]! += rgba[i + 1]!;
    sum[2]! += rgba[i + 2]!;
    count++;
  };
  for (let x = 0; x < width; x++) {
    add(x, 0);
    add(x, height - 1);
  }
  for (let y = 1; y < height - 1; y++) {
    add(0, y);
    add(width - 1, y);
  }
  return [sum[0]! / count, sum[1]! / count, sum[2]! / count];
}
