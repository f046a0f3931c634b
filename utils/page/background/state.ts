import { captureInline, dropEmptyStyle, restoreInline, type InlineDecls } from '../common/inline-style';
import type { Enhanced, MediaKind } from '../common/records';
import { absoluteUrl } from '../common/urls';
import { backgroundLayers } from './find';
import { cssUrl, splitTopLevel } from './parse';

/** What a swapped CSS background changes: two inline declarations, saved as the page had them. */
export interface BackgroundOriginal {
  inline: InlineDecls;
  hadStyle: boolean;
  /** Index of the layer that showed the picture. */
  layer: number;
}

const PROPERTIES = ['background-image', 'background-size'];

/** Null when no layer of the element's own background shows `srcUrl` now. */
export function captureBackground(el: HTMLElement, srcUrl: string): BackgroundOriginal | null {
  const base = el.ownerDocument.baseURI;
  const target = absoluteUrl(srcUrl, base);
  const layer = backgroundLayers(el).findIndex((l) => l.url !== null && absoluteUrl(l.url, base) === target);
  if (layer < 0) return null;
  return { inline: captureInline(el, PROPERTIES), hadStyle: el.hasAttribute('style'), layer };
}

/**
 * The declarations that show `record.url` in the picture's layer and keep every other layer, and the
 * layers' sizes, positions and repeats, as they are. A layer sized `auto` is drawn at the file's own size,
 * so a 2× result would draw twice as large: it gets the original picture's size (kept as the record's pin).
 */
export function swappedDeclarations(el: HTMLElement, record: Enhanced, original: BackgroundOriginal) {
  const layers = backgroundLayers(el).map((l) => l.text);
  if (original.layer >= layers.length) return null;
  layers[original.layer] = cssUrl(record.url);
  const declarations: [string, string][] = [['background-image', layers.join(', ')]];
  if (record.pin) {
    const style = el.ownerDocument.defaultView?.getComputedStyle(el);
    const given = splitTopLevel(style?.getPropertyValue('background-size') || 'auto', ',');
    // A shorter list repeats over the layers (CSS Backgrounds and Borders, "Layering Multiple Background Images").
    const sizes = layers.map((_, i) => given[i % given.length] ?? 'auto');
    sizes[original.layer] = `${record.pin.width} ${record.pin.height}`;
    declarations.push(['background-size', sizes.join(', ')]);
  }
  return declarations;
}

/**
 * `!important` inline declarations: they beat the page's stylesheets (even their `!important` rules)
 * without touching them, and a restore puts the page's own inline values back.
 */
function show(el: HTMLElement, record: Enhanced, original: BackgroundOriginal): void {
  for (const [name, value] of swappedDeclarations(el, record, original) ?? []) {
    el.style.setProperty(name, value, 'important');
  }
}

function restore(el: HTMLElement, original: BackgroundOriginal): void {
  restoreInline(el, original.inline);
  dropEmptyStyle(el, original.hadStyle);
}

export const backgroundKind: MediaKind<HTMLElement, BackgroundOriginal> = {
  holds: (el, record) => el.style.getPropertyValue('background-image').includes(record.url),
  capture: (el, record) =>
    captureBackground(el, record.srcUrl) ?? {
      inline: captureInline(el, PROPERTIES),
      hadStyle: true,
      layer: 0,
    },
  show,
  restore,
  // The page has set its own background: only our size pin is ours to take away.
  release(el, original) {
    if (original) restoreInline(el, { 'background-size': original.inline['background-size']! });
  },
  watchBroken(el, record, broken) {
    const probe = new (el.ownerDocument.defaultView ?? globalThis).Image();
    probe.addEventListener('error', () => backgroundKind.holds(el, record) && broken(), { once: true });
    probe.src = record.url;
  },
};
