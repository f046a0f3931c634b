import { expect } from 'vitest';
import type { RgbaImage } from '@/utils/on-device/tiles';

/** Deterministic test pictures and a plain-JS nearest upsample to compare against. */
export function pattern(width: number, height: number, seed = 1): RgbaImage {
  const data = new Uint8ClampedArray(width * height * 4);
  let s = seed >>> 0 || 1;
  for (let i = 0; i < data.length; i += 4) {
    const p = i / 4;
    const x = p % width;
    const y = Math.floor(p / width);
    s = (s * 1664525 + 1013904223) >>> 0; // a little noise, so a misplaced pixel shows
    data[i] = (x * 7 + (s & 15)) & 255;
    data[i + 1] = (y * 5 + ((s >> 4) & 15)) & 255;
    data[i + 2] = (x * y + ((s >> 8) & 31)) & 255;
    data[i + 3] = (x + y) % 3 === 0 ? 128 : 255;
  }
  return { width, height, data };
}

export function nearest(image: RgbaImage, scale: number): RgbaImage {
  const width = image.width * scale;
  const height = image.height * scale;
  const data = new Uint8ClampedArray(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const from = (Math.floor(y / scale) * image.width + Math.floor(x / scale)) * 4;
      data.set(image.data.subarray(from, from + 4), (y * width + x) * 4);
    }
  }
  return { width, height, data };
}

export function maxDifference(a: RgbaImage, b: RgbaImage): number {
  expect(a.width).toBe(b.width);
  expect(a.height).toBe(b.height);
  let max = 0;
  for (let i = 0; i < a.data.length; i++) max = Math.max(max, Math.abs(a.data[i]! - b.data[i]!));
  return max;
}

export function psnr(a: RgbaImage, b: RgbaImage): number {
  let sum = 0;
  for (let i = 0; i < a.data.length; i++) sum += (a.data[i]! - b.data[i]!) ** 2;
  const mse = sum / a.data.length;
  return mse === 0 ? Infinity : 10 * Math.log10(255 ** 2 / mse);
}
