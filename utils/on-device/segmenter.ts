import type { RgbaImage } from './tiles';

/** Reports (0, 1) when a cut-out starts and (1, 1) when its mask is ready. */
export interface SegmentRunOptions {
  onProgress?: (done: number, total: number) => void;
  /** Checked before and after the model runs (one call of well under a second once loaded). */
  signal?: AbortSignal;
}

/** The background-removal engine the offscreen host drives: the same RGBA in, with alpha set, out. */
export interface BackgroundRemover {
  removeBackground(image: RgbaImage, options?: SegmentRunOptions): Promise<RgbaImage>;
}
