/**
 * Which element under the pointer a pick means, as a pure function of geometry and paint order (so it is
 * unit-tested without a layout engine). Hit testing alone is not enough: `elementsFromPoint` skips
 * elements with `pointer-events: none`, which sites set on images under a transparent overlay to stop
 * right-click saving. So every image-showing element whose box contains the point is a candidate, and
 * its place in paint order is estimated from the hit-tested elements around it.
 */
export interface Rect {
  left: number;
  top: number;
  width: number;
  height: number;
}

export interface RankInput {
  rect: Rect;
  /** Paint order, nearest the viewer first (see `stackOf`). */
  stack: number;
  /** Document order; among equals the later element paints above the earlier one. */
  order: number;
  /** Rendered at all: not `display: none`, `visibility: hidden` or fully transparent. */
  visible: boolean;
}

/** Boxes smaller than this on either side (icons, tracking pixels, spacers) lose to any real picture. */
export const MIN_SIDE = 24;

export function containsPoint(rect: Rect, x: number, y: number): boolean {
  return x >= rect.left && x < rect.left + rect.width && y >= rect.top && y < rect.top + rect.height;
}

const area = (r: Rect) => r.width * r.height;
const tiny = (r: Rect) => (r.width < MIN_SIDE || r.height < MIN_SIDE ? 1 : 0);

/**
 * The candidates at (x, y), best first: visible, non-empty boxes containing the point; real pictures
 * before tiny ones; then nearest the viewer; then later in the document; then the larger box.
 */
export function rankCandidates<T extends RankInput>(x: number, y: number, candidates: readonly T[]): T[] {
  return candidates
    .filter((c) => c.visible && c.rect.width > 0 && c.rect.height > 0 && containsPoint(c.rect, x, y))
    .sort(
      (a, b) =>
        tiny(a.rect) - tiny(b.rect) || a.stack - b.stack || b.order - a.order || area(b.rect) - area(a.rect),
    );
}

/**
 * Paint-order estimate for an element, from hit testing at the point. `hits` is what hit testing
 * returned, topmost first; `chain` is the element then its ancestors (across shadow hosts). A hit
 * element's place is its index. One hit testing skipped paints just above its nearest hit ancestor
 * (a child paints over its parent's background), hence that index less a half. An element with no hit
 * ancestor (another document) goes below everything.
 */
export function stackOf<E>(chain: readonly E[], hits: readonly E[]): number {
  for (let depth = 0; depth < chain.length; depth++) {
    const index = hits.indexOf(chain[depth]!);
    if (index >= 0) return depth === 0 ? index : index - 0.5;
  }
  return Number.POSITIVE_INFINITY;
}
