import { parseSrcset, type SrcsetCandidate } from './srcset';

/** Set by pageInspect so a later pageReplace finds the same elements even if the page changed their src. */
export const JOB_ATTR = 'data-eip-job';

/** Formats worth sending to a provider; AVIF/JXL/SVG sources are skipped when a sibling offers one of these. */
const RASTER_TYPES = new Set(['image/jpeg', 'image/jpg', 'image/png', 'image/webp']);

/** The URL as the browser resolves it (against the document's base URL), or null when it cannot. */
export function absoluteUrl(raw: string | null | undefined, base: string): string | null {
  if (!raw) return null;
  try {
    return new URL(raw, base).href;
  } catch {
    return null;
  }
}

/** The `<img>` elements in `doc` that show, or could show, `srcUrl` (any candidate of theirs, lazy too). */
export function findImagesBySrc(doc: Document, srcUrl: string): HTMLImageElement[] {
  const target = absoluteUrl(srcUrl, doc.baseURI);
  if (!target) return [];
  return Array.from(doc.querySelectorAll('img')).filter((img) => candidateUrls(img).has(target));
}

function candidateUrls(img: HTMLImageElement): Set<string> {
  const base = img.ownerDocument.baseURI;
  const raw: (string | null)[] = [img.currentSrc, img.getAttribute('src'), img.getAttribute('data-src')];
  for (const el of [img, ...pictureSources(img)]) {
    for (const attr of ['srcset', 'data-srcset']) {
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

interface CandidateGroup {
  type: string | null;
  media: string | null;
  candidates: SrcsetCandidate[];
}

/**
 * The URL to send to a provider: the widest (w) or densest (x) candidate of the `<source>` or `<img>` the
 * browser is showing, when that is a common raster format; else of the first raster one that applies.
 */
export function bestCandidate(img: HTMLImageElement): string {
  const base = img.ownerDocument.baseURI;
  const groups = [...pictureSources(img).map((s) => sourceGroup(s, base)), imgGroup(img, base)];
  const shown = absoluteUrl(img.currentSrc, base);
  const shownGroup = groups.find((g) => g.candidates.some((c) => c.url === shown));
  const view = img.ownerDocument.defaultView;
  const group =
    shownGroup && isRaster(shownGroup.type)
      ? shownGroup
      : groups.find((g) => g.candidates.length > 0 && isRaster(g.type) && mediaMatches(g.media, view));
  const best = group ? largest(group.candidates) : undefined;
  return best?.url ?? shown ?? absoluteUrl(img.getAttribute('src'), base) ?? img.src;
}

function sourceGroup(source: HTMLSourceElement, base: string): CandidateGroup {
  const srcset = source.getAttribute('srcset') || source.getAttribute('data-srcset') || '';
  return {
    type: source.getAttribute('type'),
    media: source.getAttribute('media'),
    candidates: resolve(parseSrcset(srcset), base),
  };
}

function imgGroup(img: HTMLImageElement, base: string): CandidateGroup {
  const srcset = img.getAttribute('srcset') || img.getAttribute('data-srcset') || '';
  const candidates = parseSrcset(srcset);
  // Lazy loaders park a data: placeholder in src and the real URL in data-src.
  const src = img.getAttribute('src');
  const realSrc = src && !src.startsWith('data:') ? src : img.getAttribute('data-src') || src;
  // The spec adds src as the 1x candidate unless srcset has a 1x or uses width descriptors.
  const srcCounts = !candidates.some((c) => c.width !== undefined || (c.density ?? 1) === 1);
  if (realSrc && srcCounts) candidates.push({ url: realSrc, density: 1 });
  return { type: null, media: null, candidates: resolve(candidates, base) };
}

function resolve(candidates: SrcsetCandidate[], base: string): SrcsetCandidate[] {
  return candidates.flatMap((c) => {
    const url = absoluteUrl(c.url, base);
    return url ? [{ ...c, url }] : [];
  });
}

function largest(candidates: SrcsetCandidate[]): SrcsetCandidate | undefined {
  const byWidth = candidates.filter((c) => c.width !== undefined);
  const pool = byWidth.length > 0 ? byWidth : candidates;
  const size = (c: SrcsetCandidate): number => c.width ?? c.density ?? 1;
  return pool.reduce<SrcsetCandidate | undefined>(
    (best, c) => (!best || size(c) > size(best) ? c : best),
    undefined,
  );
}

function isRaster(type: string | null): boolean {
  if (!type) return true;
  return RASTER_TYPES.has(type.split(';')[0]!.trim().toLowerCase());
}

function mediaMatches(media: string | null, view: Window | null): boolean {
  if (!media?.trim() || !view?.matchMedia) return true;
  return view.matchMedia(media).matches;
}
