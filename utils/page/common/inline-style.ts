/**
 * Inline declarations the page code sets (a layout pin, a backdrop) are saved before and put back after, so
 * the element's `style` ends up exactly as the page left it. All writes go through the CSSOM: a page CSP
 * without 'unsafe-inline' blocks `style` attributes written as markup, not these.
 */
export interface InlineDecl {
  value: string;
  priority: string;
}
export type InlineDecls = Record<string, InlineDecl>;

export function captureInline(el: HTMLElement, names: readonly string[]): InlineDecls {
  const saved: InlineDecls = {};
  for (const name of names) {
    saved[name] = { value: el.style.getPropertyValue(name), priority: el.style.getPropertyPriority(name) };
  }
  return saved;
}

/** Puts back each saved declaration; untouched ones stay untouched, so an unchanged `style` keeps its text. */
export function restoreInline(el: HTMLElement, saved: InlineDecls): void {
  for (const [name, { value, priority }] of Object.entries(saved)) {
    if (el.style.getPropertyValue(name) === value && el.style.getPropertyPriority(name) === priority)
      continue;
    if (value) el.style.setProperty(name, value, priority);
    else el.style.removeProperty(name);
  }
}

/** Emptying the declarations leaves `style=""` behind in Chromium: drop it when the page had none. */
export function dropEmptyStyle(el: HTMLElement, hadStyle: boolean): void {
  if (!hadStyle && el.getAttribute('style') === '') el.removeAttribute('style');
}

export interface Pin {
  width: string;
  height: string;
}

export function applyPin(el: HTMLElement, size: Pin): void {
  el.style.setProperty('width', size.width);
  el.style.setProperty('height', size.height);
}

/**
 * The used width/height (what an inline `width`/`height` would need to keep the box), falling back to the
 * border box where the computed style has no pixel size (e.g. not rendered).
 */
export function measure(el: HTMLElement): { width: number; height: number } {
  const style = el.ownerDocument.defaultView?.getComputedStyle(el);
  const width = Number.parseFloat(style?.width ?? '');
  const height = Number.parseFloat(style?.height ?? '');
  if (Number.isFinite(width) && Number.isFinite(height)) return { width, height };
  const rect = el.getBoundingClientRect();
  return { width: rect.width, height: rect.height };
}

/** The pin that keeps box `before`, when the element now lays out at another size; else undefined. */
export function pinFor(el: HTMLElement, before: { width: number; height: number }): Pin | undefined {
  const after = measure(el);
  const changed = Math.abs(after.width - before.width) > 0.5 || Math.abs(after.height - before.height) > 0.5;
  if (before.width > 0 && before.height > 0 && changed) {
    return { width: `${before.width}px`, height: `${before.height}px` };
  }
  return undefined;
}
