/**
 * The arithmetic behind the before/after compare slider, kept apart from React so it is unit-tested:
 * where the divider goes for a key, how large the images show, and how far a zoomed image may be panned.
 */

/** The divider's position: percent of the visible width shown as the original (left of the divider). */
export const SPLIT_MIN = 0;
export const SPLIT_MAX = 100;
/** One arrow press; with Shift (or PageUp/PageDown) ten of them, as native range inputs do. */
export const SPLIT_STEP = 1;
export const SPLIT_BIG_STEP = 10;

const clampSplit = (value: number) => Math.min(SPLIT_MAX, Math.max(SPLIT_MIN, value));

/**
 * The divider's next position for a key press, or null when the key is not the slider's (so the page
 * keeps it). Follows the WAI-ARIA slider pattern: arrows step, PageUp/PageDown take big steps, Home/End go
 * to the ends. Up and Right both move towards the result, as for any horizontal slider.
 */
export function splitForKey(value: number, key: string, shift = false): number | null {
  const step = shift ? SPLIT_BIG_STEP : SPLIT_STEP;
  switch (key) {
    case 'ArrowLeft':
    case 'ArrowDown':
      return clampSplit(value - step);
    case 'ArrowRight':
    case 'ArrowUp':
      return clampSplit(value + step);
    case 'PageDown':
      return clampSplit(value - SPLIT_BIG_STEP);
    case 'PageUp':
      return clampSplit(value + SPLIT_BIG_STEP);
    case 'Home':
      return SPLIT_MIN;
    case 'End':
      return SPLIT_MAX;
    default:
      return null;
  }
}

/** The divider's position for a pointer at `x` in a box starting at `left`, `width` wide. */
export function splitAt(x: number, left: number, width: number): number {
  if (!(width > 0)) return 50;
  return clampSplit(Math.round(((x - left) / width) * 1000) / 10);
}

export interface Size {
  width: number;
  height: number;
}

/**
 * The stage: the result's shape, scaled down (never up) to fit the room there is. Both images show at
 * this size, so the original is scaled up to the result's size and the same detail sits at the same spot.
 */
export function fitStage(result: Size, room: Size): Size & { scale: number } {
  if (!(result.width > 0 && result.height > 0)) return { width: 0, height: 0, scale: 1 };
  const scale = Math.min(1, room.width / result.width, room.height / result.height);
  const safe = scale > 0 ? scale : 1;
  return {
    width: Math.round(result.width * safe),
    height: Math.round(result.height * safe),
    scale: safe,
  };
}

export interface Offset {
  x: number;
  y: number;
}

/**
 * Keeps a panned image covering the stage: an image larger than the stage moves between its two edges,
 * one smaller than the stage (on that axis) stays centred.
 */
export function clampPan(offset: Offset, image: Size, stage: Size): Offset {
  const axis = (value: number, inner: number, outer: number) =>
    inner <= outer ? Math.round((outer - inner) / 2) : Math.min(0, Math.max(outer - inner, value));
  return { x: axis(offset.x, image.width, stage.width), y: axis(offset.y, image.height, stage.height) };
}

/**
 * Switching to 100 %: the point under the divider's middle stays where it was, so the person sees the
 * detail they were looking at, at full size.
 */
export function panToActual(focus: Offset, stage: Size & { scale: number }, image: Size): Offset {
  const x = focus.x - focus.x / stage.scale;
  const y = focus.y - focus.y / stage.scale;
  return clampPan({ x: Math.round(x), y: Math.round(y) }, image, stage);
}
