import { z } from 'zod';
import { backdropChoiceSchema, type MediaVersion } from '../messages';

/**
 * What the page code changed is recorded on the elements themselves, not in a module variable: the page
 * code is injected again on every click (each injection replaces the previous one, see the entrypoint) and
 * after an extension update, and any later instance must still be able to undo.
 *
 * States of a replaced `<img>` or `<video>` (media-state.ts, video-state.ts):
 *  - enhanced shown: ORIGINAL_ATTR (on the element and each neutralised `<source>`), ENHANCED_ATTR,
 *    SHOWN_ATTR;
 *  - original shown: only ENHANCED_ATTR and SHOWN_ATTR; the element is otherwise exactly as it was.
 * The page can edit these attributes, but it owns the element anyway: nothing here is trusted beyond
 * being parsed with zod, and nothing gains privileges from it.
 */
export const ORIGINAL_ATTR = 'data-eip-original';
export const ENHANCED_ATTR = 'data-eip-enhanced';
export const SHOWN_ATTR = 'data-eip-shown';

const pin = z.object({ width: z.string(), height: z.string() });
const enhancedRecord = z.object({
  job: z.string(),
  url: z.string(),
  label: z.string(),
  pin: pin.optional(),
  /** Images only: what shows behind a transparent result. */
  backdrop: backdropChoiceSchema.optional(),
});
export type EnhancedRecord = z.infer<typeof enhancedRecord>;

export function readJson<T>(el: Element, attr: string, schema: z.ZodType<T>): T | null {
  const raw = el.getAttribute(attr);
  if (raw === null) return null;
  try {
    const parsed = schema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export const readEnhanced = (el: Element): EnhancedRecord | null =>
  readJson(el, ENHANCED_ATTR, enhancedRecord);

export function writeEnhanced(el: Element, record: EnhancedRecord, shown: MediaVersion): void {
  el.setAttribute(ENHANCED_ATTR, JSON.stringify(record));
  el.setAttribute(SHOWN_ATTR, shown);
}

export function setOrRemove(el: Element, name: string, value: string | null): void {
  if (value === null) el.removeAttribute(name);
  else el.setAttribute(name, value);
}
