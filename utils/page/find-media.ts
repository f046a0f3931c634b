import { findBackgroundsBySrc } from './background/find';
import { findImagesBySrc } from './image/find';
import { findVideosBySrc } from './video/find';

export type MediaMatch =
  | { kind: 'image'; elements: HTMLImageElement[] }
  | { kind: 'video'; elements: HTMLVideoElement[] }
  | { kind: 'background'; elements: HTMLElement[] };

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
  const backgrounds = findBackgroundsBySrc(doc, srcUrl).filter((m) => m.pseudo === '');
  return { kind: 'background', elements: backgrounds.map((m) => m.el) };
}
