import { absoluteUrl } from '../common/urls';
import { LAZY_SRC_ATTRS, LAZY_SRCSET_ATTRS, pictureSources } from './find';
import { parseSrcset, type SrcsetCandidate } from './srcset';

/** Formats worth sending to a provider; AVIF/JXL/SVG sources are skipped when a sibling offers one of these. */
const RASTER_TYPES = new Set(['image/jpeg', 'image/jpg', 'image/png', 'image/webp']);
/** A loaded image this small in both directions is a lazy loader's placeholder, not the picture. */
const PLACEHOLDER_MAX_PX = 16;

interface CandidateGroup {
  type: string | null;
  media: string | null;
  candidates: SrcsetCandidate[];
}

/**
 * The URL to send to a provider (a bigger file can cost more, so the page must not be able to choose it
 * behind the person's back):
 *  - what the person sees, `currentSrc`, or the widest (w) / densest (x) candidate of the real `srcset` of
 *    the `<img>` or `<source>` showing it: the browser itself uses that attribute and would show the wider
 *    file on a wider or denser screen, so it is the same picture at its best;
 *  - a `data-*` attribute only when what shows is a lazy loader's placeholder (a `data:` GIF or SVG, or an
 *    image of at most 16 px): then the real picture is the one parked in `data-srcset` / `data-src`.
 */
export function bestCandidate(img: HTMLImageElement): string {
  const base = img.ownerDocument.baseURI;
  const shown = absoluteUrl(img.currentSrc || img.getAttribute('src'), base);
  if (isPlaceholder(img, shown)) {
    const lazy = lazyUrl(img, base);
    if (lazy) return lazy;
  }
  const groups = [...pictureSources(img).map((s) => sourceGroup(s, base)), imgGroup(img, base)];
  const shownGroup = groups.find((g) => g.candidates.some((c) => c.url === shown));
  const view = img.ownerDocument.defaultView;
  const group =
    shownGroup && isRaster(shownGroup.type)
      ? shownGroup
      : groups.find((g) => g.candidates.length > 0 && isRaster(g.type) && mediaMatches(g.media, view));
  const best = group ? largest(group.candidates) : undefined;
  return best?.url ?? shown ?? img.src;
}

/** A `data:` GIF or SVG (the usual 1×1 or aspect-ratio placeholders), or a loaded image of at most 16 px. */
export function isPlaceholder(img: HTMLImageElement, shown: string | null): boolean {
  if (shown && /^data:image\/(gif|svg\+xml)[;,]/i.test(shown)) return true;
  const { naturalWidth: w, naturalHeight: h } = img;
  return img.complete && w > 0 && h > 0 && w <= PLACEHOLDER_MAX_PX && h <= PLACEHOLDER_MAX_PX;
}

function lazyUrl(img: HTMLImageElement, base: string): string | null {
  for (const attr of LAZY_SRCSET_ATTRS) {
    const best = largest(resolve(parseSrcset(img.getAttribute(attr) ?? ''), base));
    if (best) return best.url;
  }
  for (const attr of LAZY_SRC_ATTRS) {
    const url = absoluteUrl(img.getAttribute(attr), base);
    if (url && !url.startsWith('data:')) return url;
  }
  return null;
}

function sourceGroup(source: HTMLSourceElement, base: string): CandidateGroup {
  return {
    type: source.getAttribute('type'),
    media: source.getAttribute('media'),
    candidates: resolve(parseSrcset(source.getAttribute('srcset') ?? ''), base),
  };
}

function imgGroup(img: HTMLImageElement, base: string): CandidateGroup {
  const candidates = parseSrcset(img.getAttribute('srcset') ?? '');
  const src = img.getAttribute('src');
  // The spec adds src as the 1x candidate unless srcset has a 1x or uses width descriptors.
  const srcCounts = !candidates.some((c) => c.width !== undefined || (c.density ?? 1) === 1);
  if (src && srcCounts) candidates.push({ url: src, density: 1 });
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
