import { describe, expect, it } from 'vitest';
import { clampPan, fitStage, panToActual, splitAt, splitForKey } from '@/components/compare-logic';

describe('compare slider: the divider from the keyboard', () => {
  it('arrows step by 1, with Shift by 10; Page keys by 10; Home and End go to the ends', () => {
    expect(splitForKey(50, 'ArrowLeft')).toBe(49);
    expect(splitForKey(50, 'ArrowRight')).toBe(51);
    expect(splitForKey(50, 'ArrowDown')).toBe(49);
    expect(splitForKey(50, 'ArrowUp')).toBe(51);
    expect(splitForKey(50, 'ArrowLeft', true)).toBe(40);
    expect(splitForKey(50, 'ArrowRight', true)).toBe(60);
    expect(splitForKey(50, 'PageDown')).toBe(40);
    expect(splitForKey(50, 'PageUp')).toBe(60);
    expect(splitForKey(37, 'Home')).toBe(0);
    expect(splitForKey(37, 'End')).toBe(100);
  });

  it('stays within 0–100 at the ends', () => {
    expect(splitForKey(0, 'ArrowLeft')).toBe(0);
    expect(splitForKey(5, 'PageDown')).toBe(0);
    expect(splitForKey(100, 'ArrowRight')).toBe(100);
    expect(splitForKey(95, 'ArrowUp', true)).toBe(100);
  });

  it('leaves every other key to the page (Tab, Enter, letters)', () => {
    for (const key of ['Tab', 'Enter', ' ', 'a', 'Escape']) expect(splitForKey(50, key)).toBeNull();
  });
});

describe('compare slider: the divider from the pointer', () => {
  it('is the pointer’s share of the stage width, to a tenth of a percent, clamped', () => {
    expect(splitAt(150, 100, 400)).toBe(12.5);
    expect(splitAt(100, 100, 400)).toBe(0);
    expect(splitAt(50, 100, 400)).toBe(0);
    expect(splitAt(900, 100, 400)).toBe(100);
    expect(splitAt(10, 0, 0)).toBe(50); // no stage yet
  });
});

describe('compare slider: sizes', () => {
  it('fits the result into the room, never enlarging it', () => {
    expect(fitStage({ width: 800, height: 600 }, { width: 400, height: 1000 })).toEqual({
      width: 400,
      height: 300,
      scale: 0.5,
    });
    expect(fitStage({ width: 800, height: 600 }, { width: 2000, height: 300 })).toEqual({
      width: 400,
      height: 300,
      scale: 0.5,
    });
    expect(fitStage({ width: 200, height: 100 }, { width: 2000, height: 2000 })).toEqual({
      width: 200,
      height: 100,
      scale: 1,
    });
  });

  it('keeps a panned full-size image covering the stage, and centres one smaller than it', () => {
    const image = { width: 800, height: 600 };
    const stage = { width: 400, height: 300 };
    expect(clampPan({ x: 50, y: 50 }, image, stage)).toEqual({ x: 0, y: 0 });
    expect(clampPan({ x: -1000, y: -1000 }, image, stage)).toEqual({ x: -400, y: -300 });
    expect(clampPan({ x: -120, y: -30 }, image, stage)).toEqual({ x: -120, y: -30 });
    expect(clampPan({ x: -50, y: 0 }, { width: 300, height: 600 }, stage)).toEqual({ x: 50, y: 0 });
  });

  it('zooming to 100 % keeps the point under the divider where it was', () => {
    const stage = { width: 400, height: 300, scale: 0.5 };
    const image = { width: 800, height: 600 };
    // The stage point (100, 150) shows image pixel (200, 300); at 100 % it must stay at (100, 150).
    expect(panToActual({ x: 100, y: 150 }, stage, image)).toEqual({ x: -100, y: -150 });
  });
});
