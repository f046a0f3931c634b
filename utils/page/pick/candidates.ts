import { parseBackgroundImage } from '../background/parse';
import { deepQueryAll, shadowRootOf } from '../common/deep';
import { containsPoint, rankCandidates, stackOf, type Rect } from './rank';

export type PickMedia = 'image' | 'video';
export type PickKind = 'image' | 'video' | 'background';

export interface Candidate {
  el: HTMLElement;
  kind: PickKind;
  /** Document order in the deep walk that found it. */
  order: number;
}

/** Our own UI (marker, notices, the picker) is never a candidate. */
const ours = (el: Element) => el.localName.startsWith('eip-');

/** The URLs of the element's own `background-image` layers that show a file (gradients show none). */
export function backgroundUrls(el: Element): string[] {
  const style = el.ownerDocument.defaultView?.getComputedStyle(el);
  const layers = parseBackgroundImage(style?.getPropertyValue('background-image') ?? '');
  return layers.flatMap((layer) => (layer.url ? [layer.url] : []));
}

/**
 * Every element in `doc` (open and readable closed shadow roots included) that shows media of the kind
 * the operation takes: `<img>` and elements with a CSS background image for image operations (a
 * `<picture>` shows through its `<img>`), `<video>` for video ones. `::before`/`::after` backgrounds are
 * left out: a pseudo-element's background cannot be swapped in place.
 */
export function mediaElements(doc: Document, media: PickMedia): Candidate[] {
  const found: Candidate[] = [];
  deepQueryAll<HTMLElement>(doc, '*').forEach((el, order) => {
    if (ours(el)) return;
    if (media === 'video') {
      if (el.localName === 'video') found.push({ el, kind: 'video', order });
      return;
    }
    if (el.localName === 'img') found.push({ el, kind: 'image', order });
    else if (el.localName !== 'video' && backgroundUrls(el).length > 0)
      found.push({ el, kind: 'background', order });
  });
  return found;
}

/** Hit testing at (x, y) that goes on inside shadow roots, whose contents the document's list stops at. */
export function deepHits(root: Document | ShadowRoot, x: number, y: number, depth = 0): Element[] {
  const hits: Element[] = [];
  for (const el of root.elementsFromPoint(x, y)) {
    if (root !== el.ownerDocument && el.getRootNode() !== root) continue; // the host and its ancestors
    const inner = depth < 8 && !ours(el) ? shadowRootOf(el) : null;
    if (inner) hits.push(...deepHits(inner, x, y, depth + 1));
    hits.push(el);
  }
  return hits;
}

/** The element, then its ancestors, crossing from a shadow root to its host. */
function ancestry(el: Element): Element[] {
  const chain: Element[] = [];
  for (let at: Element | null = el; at;) {
    chain.push(at);
    const root = at.getRootNode();
    at = at.parentElement ?? (root instanceof ShadowRoot ? root.host : null);
  }
  return chain;
}

function isRendered(el: HTMLElement): boolean {
  if (typeof el.checkVisibility === 'function')
    return el.checkVisibility({ opacityProperty: true, visibilityProperty: true });
  const style = el.ownerDocument.defaultView?.getComputedStyle(el);
  return !!style && style.display !== 'none' && style.visibility !== 'hidden' && style.opacity !== '0';
}

function boxOf(el: HTMLElement): Rect {
  const { left, top, width, height } = el.getBoundingClientRect();
  return { left, top, width, height };
}

/** What a click at (x, y) would pick among `candidates`, or undefined when no media is there. */
export function candidateAt(
  root: Document,
  candidates: readonly Candidate[],
  x: number,
  y: number,
): (Candidate & { rect: Rect }) | undefined {
  const hits = deepHits(root, x, y);
  // Boxes first (cheap); paint order and visibility only for the few under the point.
  const near = candidates
    .map((c) => ({ ...c, rect: boxOf(c.el) }))
    .filter((c) => containsPoint(c.rect, x, y))
    .map((c) => ({ ...c, stack: stackOf(ancestry(c.el), hits), visible: isRendered(c.el) }));
  return rankCandidates(x, y, near)[0];
}
