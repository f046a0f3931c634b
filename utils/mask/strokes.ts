import { z } from 'zod';

/**
 * A mask drawn by hand: brush strokes in the image's own pixel coordinates (so the mask fits the image
 * whatever size it was shown at), and their rasterisation — 255 (white) where a stroke passed, 0 (black)
 * elsewhere, one byte per pixel. Pure, so the exact pixels are unit-tested.
 */
export const pointSchema = z.object({ x: z.number().finite(), y: z.number().finite() });
export const strokeSchema = z.object({
  /** Half the brush's width, in image pixels. */
  radius: z.number().positive().max(10_000),
  points: z.array(pointSchema).min(1).max(100_000),
});
export type Point = z.infer<typeof pointSchema>;
export type Stroke = z.infer<typeof strokeSchema>;

/** Marks every pixel whose centre lies within `radius` of the segment a–b. */
function paintSegment(out: Uint8Array, width: number, height: number, a: Point, b: Point, radius: number) {
  const x0 = Math.max(0, Math.floor(Math.min(a.x, b.x) - radius));
  const x1 = Math.min(width - 1, Math.ceil(Math.max(a.x, b.x) + radius));
  const y0 = Math.max(0, Math.floor(Math.min(a.y, b.y) - radius));
  const y1 = Math.min(height - 1, Math.ceil(Math.max(a.y, b.y) + radius));
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const length2 = dx * dx + dy * dy;
  const r2 = radius * radius;
  for (let y = y0; y <= y1; y++) {
    const cy = y + 0.5;
    for (let x = x0; x <= x1; x++) {
      const cx = x + 0.5;
      // The nearest point of the segment to the pixel's centre.
      const t = length2 > 0 ? Math.max(0, Math.min(1, ((cx - a.x) * dx + (cy - a.y) * dy) / length2)) : 0;
      const ex = cx - (a.x + t * dx);
      const ey = cy - (a.y + t * dy);
      if (ex * ex + ey * ey <= r2) out[y * width + x] = 255;
    }
  }
}

/** The strokes as a width × height grey raster: 255 where drawn, 0 elsewhere. */
export function rasterise(strokes: readonly Stroke[], width: number, height: number): Uint8Array {
  const out = new Uint8Array(width * height);
  for (const { radius, points } of strokes) {
    if (points.length === 1) paintSegment(out, width, height, points[0]!, points[0]!, radius);
    for (let i = 1; i < points.length; i++)
      paintSegment(out, width, height, points[i - 1]!, points[i]!, radius);
  }
  return out;
}

/** How many pixels a raster marks: none means nothing was drawn on the image itself. */
export const markedPixels = (raster: Uint8Array) => raster.reduce((n, v) => n + (v ? 1 : 0), 0);
