import { mediaElements, type Candidate } from '../pick/candidates';
import { describePick } from '../pick/describe';

/** Smaller than this on either side as laid out (icons, avatars, spacers, tracking pixels): not listed. */
export const MIN_SIDE = 64;

export interface BatchImage {
  /** What will be sent: an `<img>`'s current source, or a background's largest layer. */
  url: string;
  kind: 'image' | 'background';
  /** Natural pixels, null when the browser does not know them (yet). */
  width: number | null;
  height: number | null;
}

/** Rendered at all: not `display: none`, `visibility: hidden` or fully transparent (itself or above). */
function shown(el: HTMLElement): boolean {
  if (typeof el.checkVisibility === 'function')
    return el.checkVisibility({ opacityProperty: true, visibilityProperty: true });
  const style = el.ownerDocument.defaultView?.getComputedStyle(el);
  return !!style && style.display !== 'none' && style.visibility !== 'hidden' && style.opacity !== '0';
}

const bigEnough = (el: Element, min: number) => {
  const { width, height } = el.getBoundingClientRect();
  return width >= min && height >= min;
};

/**
 * The images a batch offers in `doc`: `<img>` (also in `<picture>` and `srcset`) and CSS backgrounds,
 * open and readable closed shadow roots included, rendered and at least `min` px on both sides as laid
 * out, each URL once (the first in document order), in document order.
 */
export async function findBatchImages(doc: Document, min = MIN_SIDE): Promise<BatchImage[]> {
  const listed = mediaElements(doc, 'image').filter(
    (c): c is Candidate & { kind: 'image' | 'background' } =>
      c.kind !== 'video' && bigEnough(c.el, min) && shown(c.el),
  );
  const described = await Promise.all(listed.map((c) => describePick(c)));
  const seen = new Set<string>();
  const images: BatchImage[] = [];
  described.forEach((picked, i) => {
    if (!picked || seen.has(picked.url)) return;
    seen.add(picked.url);
    images.push({ url: picked.url, kind: listed[i]!.kind, width: picked.width, height: picked.height });
  });
  return images;
}
