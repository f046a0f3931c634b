import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { crop, DEFAULT_TILING, pasteTile, planTiles, stitch, createImage } from '@/utils/on-device/tiles';
import { nearest, pattern } from './images';

const sizes = fc
  .record({
    width: fc.integer({ min: 1, max: 300 }),
    height: fc.integer({ min: 1, max: 300 }),
    tile: fc.integer({ min: 1, max: 70 }),
    overlap: fc.integer({ min: 0, max: 20 }),
  })
  // 1-px tiles are worth covering, on images small enough to stay quick
  .filter(({ width, height, tile }) => (width / tile) * (height / tile) <= 2_000);

/** Index of the first differing byte, or -1 (toEqual on megabyte arrays is slow). */
const firstDifference = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  if (a.length !== b.length) return -2;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return i;
  return -1;
};

describe('planTiles', () => {
  it('owns every pixel exactly once, with inputs inside the image around what they own', () => {
    fc.assert(
      fc.property(sizes, ({ width, height, tile, overlap }) => {
        const tiles = planTiles(width, height, { tile, overlap });
        expect(tiles).toHaveLength(Math.ceil(width / tile) * Math.ceil(height / tile));
        const owners = new Uint8Array(width * height);
        const wrong = tiles.filter(
          ({ own, input }, index) =>
            tiles[index]!.index !== index ||
            own.width < 1 ||
            own.height < 1 ||
            // input = own grown by the overlap on each side, clamped to the image
            input.x !== Math.max(0, own.x - overlap) ||
            input.y !== Math.max(0, own.y - overlap) ||
            input.x + input.width !== Math.min(width, own.x + own.width + overlap) ||
            input.y + input.height !== Math.min(height, own.y + own.height + overlap),
        );
        expect(wrong).toEqual([]);
        for (const { own } of tiles) {
          for (let y = own.y; y < own.y + own.height; y++) {
            for (let x = own.x; x < own.x + own.width; x++) owners[y * width + x]! += 1;
          }
        }
        expect(owners.every((count) => count === 1)).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it('uses 256-px tiles with 8 px of context by default; a small image is one tile', () => {
    expect(DEFAULT_TILING).toEqual({ tile: 256, overlap: 8 });
    expect(planTiles(256, 200)).toEqual([
      expect.objectContaining({
        own: { x: 0, y: 0, width: 256, height: 200 },
        input: { x: 0, y: 0, width: 256, height: 200 },
      }),
    ]);
    expect(planTiles(600, 300)).toHaveLength(6);
  });

  it('cuts smaller tiles at the edges, each with its context', () => {
    const tiles = planTiles(300, 200, { tile: 128, overlap: 8 });
    expect(tiles.map((t) => t.own)).toEqual([
      { x: 0, y: 0, width: 128, height: 128 },
      { x: 128, y: 0, width: 128, height: 128 },
      { x: 256, y: 0, width: 44, height: 128 },
      { x: 0, y: 128, width: 128, height: 72 },
      { x: 128, y: 128, width: 128, height: 72 },
      { x: 256, y: 128, width: 44, height: 72 },
    ]);
    expect(tiles[4]!.input).toEqual({ x: 120, y: 120, width: 144, height: 80 });
  });

  it('refuses sizes that are not positive integers', () => {
    expect(() => planTiles(0, 10)).toThrow(RangeError);
    expect(() => planTiles(10, 10, { tile: 0, overlap: 0 })).toThrow(/tile/);
    expect(() => planTiles(10, 10, { tile: 8, overlap: -1 })).toThrow(/overlap/);
    expect(() => planTiles(10.5, 10)).toThrow(/width/);
  });
});

describe('stitch', () => {
  it('gives exactly the whole-image result for a per-pixel model, whatever the tiling', () => {
    fc.assert(
      fc.property(sizes, fc.integer({ min: 1, max: 4 }), ({ width, height, tile, overlap }, scale) => {
        const image = pattern(Math.min(width, 80), Math.min(height, 80), width * 31 + height);
        const tiles = planTiles(image.width, image.height, { tile, overlap });
        const outputs = tiles.map((t) => ({ tile: t, image: nearest(crop(image, t.input), scale) }));
        const stitched = stitch(outputs, scale, image.width * scale, image.height * scale);
        expect(firstDifference(stitched.data, nearest(image, scale).data)).toBe(-1);
      }),
      { numRuns: 60 },
    );
  });

  it('refuses a tile output of the wrong size rather than smearing it', () => {
    const [tile] = planTiles(10, 10, { tile: 10, overlap: 0 });
    expect(() => pasteTile(createImage(20, 20), tile!, createImage(19, 20), 2)).toThrow(/expected a 20×20/);
  });
});
