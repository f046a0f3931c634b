import { findBackgroundsBySrc } from './background/find';
import { findImagesBySrc } from './image/find';
import { findVideosBySrc } from './video/find';
import type { Finders, MediaKindName, MediaMatch } from './common/world';

export type { MediaMatch };

/**
 * What shows `srcUrl` in this frame, of one kind only (a result is either a picture or a film): images
 * first, then videos, then CSS backgrounds of the element itself. A background drawn by `::before` /
 * `::after` is found but not offered: a pseudo-element has no inline style to swap the layer in.
 */
export function findMediaBySrc(doc: Document, srcUrl: string): MediaMatch {
  const images = findImagesBySrc(doc, srcUrl);
  if (images.length > 0) return { kind: 'image', elements: images };
  const videos = findVideosBySrc(doc, srcUrl);
  if (videos.length > 0) return { kind: 'video', elements: videos };
  return { kind: 'background', elements: findOfKind('background', doc, srcUrl) };
}

/** The elements of one kind that show `srcUrl` (a re-rendered copy of an element we replaced, say). */
export function findOfKind(kind: MediaKindName, doc: Document, srcUrl: string): HTMLElement[] {
  if (kind === 'image') return findImagesBySrc(doc, srcUrl);
  if (kind === 'video') return findVideosBySrc(doc, srcUrl);
  return findBackgroundsBySrc(doc, srcUrl)
    .filter((m) => m.pseudo === '')
    .map((m) => m.el);
}

/** The finders the core lends to the files that join it, so they need no copy of their own. */
export const finders: Finders = {
  media: findMediaBySrc,
  ofKind: findOfKind,
  anyBackground: (doc, srcUrl) => findBackgroundsBySrc(doc, srcUrl).length > 0,
};
