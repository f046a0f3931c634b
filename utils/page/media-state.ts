import { z } from 'zod';
import type { MediaVersion } from '../messages';
import { pictureSources } from './find-media';

/**
 * What the page code changed is recorded on the elements themselves, not in a module variable: the page
 * code is injected again on every click (each injection replaces the previous one, see the entrypoint) and
 * after an extension update, and any later instance must still be able to undo.
 *
 * States of a replaced `<img>`:
 *  - enhanced shown: ORIGINAL_ATTR (on the img and each neutralised `<source>`), ENHANCED_ATTR, SHOWN_ATTR;
 *  - original shown: only ENHANCED_ATTR and SHOWN_ATTR; the element is otherwise exactly as it was.
 * The page can edit these attributes, but it owns the element anyway: nothing here is trusted beyond
 * being parsed with zod, and nothing gains privileges from it.
 */
export const ORIGINAL_ATTR = 'data-eip-original';
export const ENHANCED_ATTR = 'data-eip-enhanced';
export const SHOWN_ATTR = 'data-eip-shown';

const inlineSize = z.object({ value: z.string(), priority: z.string() });
const imgOriginal = z.object({
  src: z.string().nullable(),
  srcset: z.string().nullable(),
  sizes: z.string().nullable(),
  width: inlineSize,
  height: inlineSize,
  hadStyle: z.boolean(),
});
const sourceOriginal = z.object({ srcset: z.string().nullable(), sizes: z.string().nullable() });
const pin = z.object({ width: z.string(), height: z.string() });
const enhancedRecord = z.object({ job: z.string(), url: z.string(), label: z.string(), pin: pin.optional() });
export type Pin = z.infer<typeof pin>;
export type EnhancedRecord = z.infer<typeof enhancedRecord>;

function readJson<T>(el: Element, attr: string, schema: z.ZodType<T>): T | null {
  const raw = el.getAttribute(attr);
  if (raw === null) return null;
  try {
    const parsed = schema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export const readEnhanced = (img: HTMLImageElement): EnhancedRecord | null =>
  readJson(img, ENHANCED_ATTR, enhancedRecord);

export function writeEnhanced(img: HTMLImageElement, record: EnhancedRecord, shown: MediaVersion): void {
  img.setAttribute(ENHANCED_ATTR, JSON.stringify(record));
  img.setAttribute(SHOWN_ATTR, shown);
}

/** Which version a replaced image shows, or null when it is not ours (never replaced, or the page took over). */
export function shownVersion(img: HTMLImageElement): MediaVersion | null {
  const record = readEnhanced(img);
  if (!record) return null;
  const hasOriginal = readJson(img, ORIGINAL_ATTR, imgOriginal) !== null;
  const shown = img.getAttribute(SHOWN_ATTR);
  if (shown === 'enhanced' && hasOriginal && img.getAttribute('src') === record.url) return 'enhanced';
  if (shown === 'original' && !img.hasAttribute(ORIGINAL_ATTR)) return 'original';
  return null;
}

/** Saves the element as it is now, unless a record exists: a second job keeps the very first original. */
export function recordOriginal(img: HTMLImageElement): void {
  if (readJson(img, ORIGINAL_ATTR, imgOriginal) === null) {
    const inline = (name: string) => ({
      value: img.style.getPropertyValue(name),
      priority: img.style.getPropertyPriority(name),
    });
    const original: z.infer<typeof imgOriginal> = {
      src: img.getAttribute('src'),
      srcset: img.getAttribute('srcset'),
      sizes: img.getAttribute('sizes'),
      width: inline('width'),
      height: inline('height'),
      hadStyle: img.hasAttribute('style'),
    };
    img.setAttribute(ORIGINAL_ATTR, JSON.stringify(original));
  }
  for (const source of pictureSources(img)) {
    if (readJson(source, ORIGINAL_ATTR, sourceOriginal) !== null) continue;
    const original = { srcset: source.getAttribute('srcset'), sizes: source.getAttribute('sizes') };
    source.setAttribute(ORIGINAL_ATTR, JSON.stringify(original));
  }
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

// CSSOM writes, not a `style` attribute: a page CSP without 'unsafe-inline' blocks the latter.
export function applyPin(img: HTMLImageElement, size: Pin): void {
  img.style.setProperty('width', size.width);
  img.style.setProperty('height', size.height);
}

/** Puts back exactly what recordOriginal saw and drops the records. False when there was no record. */
export function restoreOriginal(img: HTMLImageElement): boolean {
  const original = readJson(img, ORIGINAL_ATTR, imgOriginal);
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
  for (const name of ['width', 'height'] as const) {
    const { value, priority } = original[name];
    // Untouched declarations stay untouched, so an unpinned style attribute keeps its exact text.
    if (img.style.getPropertyValue(name) === value && img.style.getPropertyPriority(name) === priority)
      continue;
    if (value) img.style.setProperty(name, value, priority);
    else img.style.removeProperty(name);
  }
  // Emptying the declarations leaves `style=""` behind in Chromium.
  if (!original.hadStyle && img.getAttribute('style') === '') img.removeAttribute('style');
  img.removeAttribute(ORIGINAL_ATTR);
  return true;
}

/** Drops every record without touching what is shown (the page has taken the element over). */
export function forget(img: HTMLImageElement): void {
  for (const source of pictureSources(img)) source.removeAttribute(ORIGINAL_ATTR);
  for (const attr of [ORIGINAL_ATTR, ENHANCED_ATTR, SHOWN_ATTR]) img.removeAttribute(attr);
}

function setOrRemove(el: Element, name: string, value: string | null): void {
  if (value === null) el.removeAttribute(name);
  else el.setAttribute(name, value);
}
