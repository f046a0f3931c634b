// @vitest-environment happy-dom
import { describe, expect, it, vi } from 'vitest';
import { readAlpha } from '@/utils/page/image/pixels';

/** happy-dom has no 2D canvas: a canvas whose pixels are `alphaAt(i)` for pixel i, as drawn. */
function docWithCanvas(
  alphaAt: (i: number) => number,
  options: { tainted?: boolean; noContext?: boolean } = {},
) {
  const drawn: number[][] = [];
  const canvas = { width: 0, height: 0, getContext: () => (options.noContext ? null : context) };
  const context = {
    drawImage: (_img: unknown, _x: number, _y: number, w: number, h: number) => drawn.push([w, h]),
    getImageData: (_x: number, _y: number, w: number, h: number) => {
      if (options.tainted) throw new DOMException('The canvas has been tainted', 'SecurityError');
      const data = new Uint8ClampedArray(w * h * 4).fill(255);
      for (let i = 0; i < w * h; i++) data[i * 4 + 3] = alphaAt(i);
      return { data };
    },
  };
  const doc = { createElement: vi.fn(() => canvas) } as unknown as Document;
  return { doc, drawn };
}

function loadedImage(width: number, height: number, complete = true): HTMLImageElement {
  const img = document.createElement('img');
  Object.defineProperties(img, {
    naturalWidth: { value: width },
    naturalHeight: { value: height },
    complete: { value: complete },
  });
  return img;
}

describe('readAlpha', () => {
  it('is false for opaque pixels and true when any pixel is transparent', () => {
    expect(readAlpha(loadedImage(40, 30), docWithCanvas(() => 255).doc)).toBe(false);
    expect(readAlpha(loadedImage(40, 30), docWithCanvas((i) => (i === 599 ? 128 : 255)).doc)).toBe(true);
  });

  it('samples a huge image at a bounded size, keeping its aspect ratio', () => {
    const { doc, drawn } = docWithCanvas(() => 255);
    readAlpha(loadedImage(8000, 2000), doc);
    expect(drawn).toEqual([[256, 64]]);
  });

  it('is null when the canvas is tainted (cross-origin without CORS)', () => {
    expect(readAlpha(loadedImage(40, 30), docWithCanvas(() => 0, { tainted: true }).doc)).toBeNull();
  });

  it('is null before the image has loaded, for a broken image, or without a 2D context', () => {
    expect(readAlpha(loadedImage(40, 30, false), docWithCanvas(() => 0).doc)).toBeNull();
    expect(readAlpha(loadedImage(0, 0), docWithCanvas(() => 0).doc)).toBeNull();
    expect(readAlpha(loadedImage(40, 30), docWithCanvas(() => 0, { noContext: true }).doc)).toBeNull();
  });

  it('is null in a DOM without canvas support at all', () => {
    expect(readAlpha(loadedImage(40, 30), document)).toBeNull();
  });
});
