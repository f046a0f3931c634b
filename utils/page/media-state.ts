import { z } from 'zod';
import type { BackdropChoice, MediaVersion } from '../messages';
import { BACKDROP_PROPERTIES, styleBackdrop } from './backdrop';
import { pictureSources } from './find-media';
import {
  applyPin,
  captureInline,
  dropEmptyStyle,
  inlineDecl,
  inlineDecls,
  restoreInline,
  type InlineDecls,
  type Pin,
} from './inline-style';
import {
  ENHANCED_ATTR,
  ORIGINAL_ATTR,
  SHOWN_ATTR,
  readEnhanced,
  readJson,
  setOrRemove,
  writeEnhanced,
} from './media-record';

// The record plumbing is shared with video (media-record.ts); re-exported so callers keep one import.
export { ENHANCED_ATTR, ORIGINAL_ATTR, SHOWN_ATTR, readEnhanced, writeEnhanced };
export type { EnhancedRecord } from './media-record';
export type { Pin };

/** The `<img>` as the page had it (layout-relevant inline declarations included). */
const imgOriginal = z.object({
  src: z.string().nullable(),
  srcset: z.string().nullable(),
  sizes: z.string().nullable(),
  width: inlineDecl,
  height: inlineDecl,
  hadStyle: z.boolean(),
  /** The page's own background declarations, saved before a backdrop covers them. Absent in old records. */
  background: inlineDecls.optional(),
});
type ImgOriginal = z.infer<typeof imgOriginal>;
const sourceOriginal = z.object({ srcset: z.string().nullable(), sizes: z.string().nullable() });

/** Which version a replaced image shows, or null when it is not ours (never replaced, or the page took over). */
export function shownVersion(img: HTMLImageElement): MediaVersion | null {
  const record = readEnhanced(img);
  if (!record) return null;
  const hasOriginal = readOriginal(img) !== null;
  const shown = img.getAttribute(SHOWN_ATTR);
  if (shown === 'enhanced' && hasOriginal && img.getAttribute('src') === record.url) return 'enhanced';
  if (shown === 'original' && !img.hasAttribute(ORIGINAL_ATTR)) return 'original';
  return null;
}

/** Saves the element as it is now, unless a record exists: a second job keeps the very first original. */
export function recordOriginal(img: HTMLImageElement): void {
  const existing = readOriginal(img);
  if (existing === null) {
    const { width, height } = captureInline(img, ['width', 'height']);
    const original: ImgOriginal = {
      src: img.getAttribute('src'),
      srcset: img.getAttribute('srcset'),
      sizes: img.getAttribute('sizes'),
      width: width!,
      height: height!,
      hadStyle: img.hasAttribute('style'),
      background: captureInline(img, BACKDROP_PROPERTIES),
    };
    img.setAttribute(ORIGINAL_ATTR, JSON.stringify(original));
  } else if (!existing.background) {
    // Written by page code older than backdrops, which never set one: what is there is the page's.
    const upgraded = { ...existing, background: captureInline(img, BACKDROP_PROPERTIES) };
    img.setAttribute(ORIGINAL_ATTR, JSON.stringify(upgraded));
  }
  for (const source of pictureSources(img)) {
    if (readJson(source, ORIGINAL_ATTR, sourceOriginal) !== null) continue;
    const original = { srcset: source.getAttribute('srcset'), sizes: source.getAttribute('sizes') };
    source.setAttribute(ORIGINAL_ATTR, JSON.stringify(original));
  }
}

const readOriginal = (img: HTMLImageElement): ImgOriginal | null => readJson(img, ORIGINAL_ATTR, imgOriginal);

/**
 * Shows `backdrop` behind the result (a different one replaces it; none puts the page's background back).
 * Call recordOriginal first: the page's declarations are restored from its record.
 */
export function applyBackdrop(img: HTMLImageElement, backdrop: BackdropChoice | undefined): void {
  // No record: no result of ours is shown to put a backdrop behind.
  if (clearBackdrop(img)) styleBackdrop(img, backdrop);
}

function clearBackdrop(img: HTMLImageElement): boolean {
  const original = readOriginal(img);
  if (!original?.background) return false;
  restoreInline(img, original.background);
  dropEmptyStyle(img, original.hadStyle);
  return true;
}

/**
 * Shows `url` alone: `srcset`, `sizes` and the `<source>` siblings are cleared, or the browser would keep
 * picking the old candidate. Only ever a property/attribute write, never HTML. Call recordOriginal first.
 */
export function applyResult(img: HTMLImageElement, url: string, size?: Pin): void {
  for (const el of [...pictureSources(img), img]) {
    // Emptied rather than removed, so a restore puts each value back in its place (attribute order too).
    // An empty srcset offers no candidate: a <source> is skipped and an <img> falls back to src.
    for (const name of ['srcset', 'sizes']) if (el.hasAttribute(name)) el.setAttribute(name, '');
  }
  img.src = url;
  if (size) applyPin(img, size);
}

/** Puts back exactly what recordOriginal saw and drops the records. False when there was no record. */
export function restoreOriginal(img: HTMLImageElement): boolean {
  const original = readOriginal(img);
  if (!original) return false;
  for (const source of pictureSources(img)) {
    const saved = readJson(source, ORIGINAL_ATTR, sourceOriginal);
    if (!saved) continue;
    setOrRemove(source, 'srcset', saved.srcset);
    setOrRemove(source, 'sizes', saved.sizes);
    source.removeAttribute(ORIGINAL_ATTR);
  }
  setOrRemove(img, 'srcset', original.srcset);
  setOrRemove(img, 'sizes', original.sizes);
  setOrRemove(img, 'src', original.src);
  const inline: InlineDecls = { width: original.width, height: original.height, ...original.background };
  restoreInline(img, inline);
  dropEmptyStyle(img, original.hadStyle);
  img.removeAttribute(ORIGINAL_ATTR);
  return true;
}

/**
 * Drops every record without touching what is shown (the page has taken the element over). Only a
 * backdrop is taken away: it belonged to our result, and would show behind the page's next transparent image.
 */
export function forget(img: HTMLImageElement): void {
  clearBackdrop(img);
  for (const source of pictureSources(img)) source.removeAttribute(ORIGINAL_ATTR);
  for (const attr of [ORIGINAL_ATTR, ENHANCED_ATTR, SHOWN_ATTR]) img.removeAttribute(attr);
}
