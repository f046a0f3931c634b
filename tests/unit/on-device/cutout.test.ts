import { describe, expect, it } from 'vitest';
import { applyMask, modelInputSize } from '@/utils/on-device/cutout';
import { createImage } from '@/utils/on-device/tiles';

describe('cut-out from a mask', () => {
  it('sets alpha from the mask and keeps colour unpremultiplied', () => {
    const image = createImage(3, 1);
    image.data.set([10, 20, 30, 255, 40, 50, 60, 255, 70, 80, 90, 255]);
    const out = applyMask(image, [0, 128, 255]);
    expect(Array.from(out.data)).toEqual([10, 20, 30, 0, 40, 50, 60, 128, 70, 80, 90, 255]);
    expect(image.data[3]).toBe(255); // the input is left as it was
  });

  it('keeps an already transparent input transparent', () => {
    const image = createImage(2, 1);
    image.data.set([1, 1, 1, 0, 1, 1, 1, 128]);
    expect(Array.from(applyMask(image, [255, 255]).data.filter((_, i) => i % 4 === 3))).toEqual([0, 128]);
  });

  it('refuses a mask of the wrong size', () => {
    expect(() => applyMask(createImage(2, 2), [255])).toThrow(/1 values for 4 pixels/);
  });

  it('shows the model a copy at most 1024 px on its long side, keeping the aspect ratio', () => {
    expect(modelInputSize(512, 384)).toEqual({ width: 512, height: 384 });
    expect(modelInputSize(4000, 3000)).toEqual({ width: 1024, height: 768 });
    expect(modelInputSize(3000, 4000)).toEqual({ width: 768, height: 1024 });
    expect(modelInputSize(20000, 1)).toEqual({ width: 1024, height: 1 });
  });
});
