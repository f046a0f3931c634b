import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { drawMask, pngDataUrl, readPngDataUrl } from '@/utils/mask/drawn-mask';
import { pngSize } from '@/utils/mask/png';
import { rasterise } from '@/utils/mask/strokes';

/** The PNG decoded by an independent decoder (libvips): size, channels and grey values. */
async function decode(png: Uint8Array) {
  const { channels, format } = await sharp(png).metadata();
  const { data, info } = await sharp(png).extractChannel(0).raw().toBuffer({ resolveWithObject: true });
  return { format, width: info.width, height: info.height, channels, grey: new Uint8Array(data) };
}

describe('drawn mask: strokes → PNG the image’s size, white where drawn', () => {
  it('a horizontal stroke covers exactly the pixels within the brush radius of its path', () => {
    const raster = rasterise(
      [
        {
          radius: 2,
          points: [
            { x: 3, y: 5 },
            { x: 12, y: 5 },
          ],
        },
      ],
      16,
      10,
    );
    const row = (y: number) => Array.from(raster.subarray(y * 16, y * 16 + 16), (v) => (v ? 1 : 0)).join('');
    // Pixel centres sit at +0.5. Row 3 (centre 3.5, 1.5 off the path) reaches √(4 − 2.25) ≈ 1.32 px past
    // each end: centres 1.68..13.32, so pixels 2..12. Row 5 (0.5 off) reaches 1.94 px: pixels 1..13.
    expect(row(2)).toBe('0000000000000000');
    expect(row(3)).toBe('0011111111111000');
    expect(row(5)).toBe('0111111111111100');
    expect(row(7)).toBe('0000000000000000');
  });

  it('a single tap is a disc; nothing drawn is all black', () => {
    const raster = rasterise([{ radius: 3, points: [{ x: 10, y: 10 }] }], 20, 20);
    const marked = raster.reduce((n, v) => n + (v ? 1 : 0), 0);
    expect(marked).toBeGreaterThan(Math.PI * 2.5 * 2.5);
    expect(marked).toBeLessThan(Math.PI * 3.5 * 3.5);
    expect(raster[10 * 20 + 10]).toBe(255);
    expect(raster[0]).toBe(0);
    expect(rasterise([], 5, 5).every((v) => v === 0)).toBe(true);
  });

  it('strokes leaving the image are clipped to it', () => {
    const raster = rasterise(
      [
        {
          radius: 4,
          points: [
            { x: -50, y: 2 },
            { x: 50, y: 2 },
          ],
        },
      ],
      8,
      8,
    );
    expect(raster.subarray(0, 8).every((v) => v === 255)).toBe(true);
    expect(raster.length).toBe(64);
  });

  it('encodes a greyscale PNG of exactly the image size that another decoder reads back pixel for pixel', async () => {
    const strokes = [
      {
        radius: 6,
        points: [
          { x: 20, y: 30 },
          { x: 120, y: 60 },
          { x: 150, y: 140 },
        ],
      },
      { radius: 2.5, points: [{ x: 5, y: 5 }] },
    ];
    const mask = await drawMask(strokes, 200, 150);
    expect(pngSize(mask.png)).toEqual({ width: 200, height: 150 });
    const decoded = await decode(mask.png);
    expect([decoded.format, decoded.width, decoded.height, decoded.channels]).toEqual(['png', 200, 150, 1]);
    expect(decoded.grey).toEqual(rasterise(strokes, 200, 150));
    expect(new Set(decoded.grey)).toEqual(new Set([0, 255]));
    expect(mask.marked).toBe(decoded.grey.filter((v) => v === 255).length);
    expect(mask.marked).toBeGreaterThan(1000);
  });

  it('travels as a data:image/png;base64 URL and is read back with its size; anything else is refused', async () => {
    const mask = await drawMask([{ radius: 3, points: [{ x: 4, y: 4 }] }], 9, 7);
    const url = pngDataUrl(mask.png);
    expect(url).toMatch(/^data:image\/png;base64,[A-Za-z0-9+/]+=*$/);
    expect(readPngDataUrl(url)).toMatchObject({ width: 9, height: 7 });
    expect(readPngDataUrl('data:image/jpeg;base64,AAAA')).toBeNull();
    expect(readPngDataUrl('data:image/png;base64,AAAA')).toBeNull();
    expect(readPngDataUrl('data:image/png;base64,%%%')).toBeNull();
  });

  it('a large image stays small: runs of black and white deflate well', async () => {
    const mask = await drawMask(
      [
        {
          radius: 40,
          points: [
            { x: 100, y: 100 },
            { x: 3000, y: 2000 },
          ],
        },
      ],
      4000,
      3000,
    );
    expect(mask.png.length).toBeLessThan(200_000);
    expect(pngSize(mask.png)).toEqual({ width: 4000, height: 3000 });
  });
});
