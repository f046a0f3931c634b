import { deepQueryAll } from '../common/deep';
import { absoluteUrl } from '../common/urls';
import { parseBackgroundImage, type BackgroundLayer } from './parse';

/** Elements that never draw a background. */
const SKIPPED = new Set(['head', 'script', 'style', 'link', 'meta', 'title', 'template', 'source']);

export type Pseudo = '' | '::before' | '::after';

export interface BackgroundMatch {
  el: HTMLElement;
  /** Where the layer is drawn: the element itself, or its `::before` / `::after` box. */
  pseudo: Pseudo;
  /** Index of the layer that shows the URL, in the computed `background-image` list. */
  layer: number;
}

/** The computed background layers of `el` (or of one of its pseudo-elements). */
export function backgroundLayers(el: Element, pseudo: Pseudo = ''): BackgroundLayer[] {
  const view = el.ownerDocument.defaultView;
  const style = view?.getComputedStyle(el, pseudo || null);
  return parseBackgroundImage(style?.getPropertyValue('background-image') ?? '');
}

/**
 * The elements in `doc` (shadow roots included) with a background layer that shows `srcUrl`: a CSS image
 * the person right-clicked (Chrome reports it when nothing else is under the pointer) or picked. Only
 * looked for when no `<img>` or `<video>` shows the URL: reading every element's style costs more.
 */
export function findBackgroundsBySrc(doc: Document, srcUrl: string): BackgroundMatch[] {
  const target = absoluteUrl(srcUrl, doc.baseURI);
  if (!target) return [];
  const matches: BackgroundMatch[] = [];
  for (const el of deepQueryAll<HTMLElement>(doc, '*')) {
    if (SKIPPED.has(el.localName) || el.localName.startsWith('eip-')) continue;
    for (const pseudo of ['', '::before', '::after'] as const) {
      const layer = backgroundLayers(el, pseudo).findIndex(
        (l) => l.url !== null && absoluteUrl(l.url, doc.baseURI) === target,
      );
      if (layer >= 0) matches.push({ el, pseudo, layer });
    }
  }
  return matches;
}
