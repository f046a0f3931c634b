import { deepQueryAll } from '../common/deep';
import { absoluteUrl } from '../common/urls';
import { parseSrcset } from './srcset';

/** Attributes lazy loaders park the real image in until it scrolls into view. */
export const LAZY_SRC_ATTRS = ['data-src', 'data-lazy', 'data-lazy-src', 'data-original'] as const;
export const LAZY_SRCSET_ATTRS = ['data-srcset', 'data-lazy-srcset'] as const;

/**
 * The `<img>` elements in `doc`, its shadow roots included, that show or could show `srcUrl`: any
 * candidate of theirs, lazy ones too. Finding only decides where the result goes; what is sent to a
 * provider is decided apart (best-url.ts), never from these lazy attributes alone.
 */
export function findImagesBySrc(doc: Document, srcUrl: string): HTMLImageElement[] {
  const target = absoluteUrl(srcUrl, doc.baseURI);
  if (!target) return [];
  return deepQueryAll<HTMLImageElement>(doc, 'img').filter((img) => candidateUrls(img).has(target));
}

function candidateUrls(img: HTMLImageElement): Set<string> {
  const base = img.ownerDocument.baseURI;
  const raw: (string | null)[] = [img.currentSrc, img.getAttribute('src')];
  for (const attr of LAZY_SRC_ATTRS) raw.push(img.getAttribute(attr));
  for (const el of [img, ...pictureSources(img)]) {
    for (const attr of ['srcset', ...LAZY_SRCSET_ATTRS]) {
      raw.push(...parseSrcset(el.getAttribute(attr) ?? '').map((c) => c.url));
    }
  }
  const urls = new Set<string>();
  for (const url of raw) {
    const abs = absoluteUrl(url, base);
    if (abs) urls.add(abs);
  }
  return urls;
}

/** The `<source>` elements the browser considers for `img`: those before it in its `<picture>`. */
export function pictureSources(img: HTMLImageElement): HTMLSourceElement[] {
  const picture = img.parentElement;
  if (picture?.localName !== 'picture') return [];
  const sources: HTMLSourceElement[] = [];
  for (const child of Array.from(picture.children)) {
    if (child === img) break;
    if (child.localName === 'source') sources.push(child as HTMLSourceElement);
  }
  return sources;
}
