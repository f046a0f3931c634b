import { z } from 'zod';
import type { MediaVersion } from '../messages';
import { videoSources } from './find-video';
import { applyPin, captureInline, dropEmptyStyle, inlineDecl, restoreInline, type Pin } from './inline-style';
import {
  ENHANCED_ATTR,
  ORIGINAL_ATTR,
  SHOWN_ATTR,
  readEnhanced,
  readJson,
  setOrRemove,
} from './media-record';
import { shownVersion } from './media-state';

/**
 * The `<video>` counterpart of media-state.ts, on the same attributes and in the same states (see
 * media-record.ts). Only the `src` attributes are recorded: a video picks one source, from its own `src`
 * if it has one, else from its `<source>` children, which is all a restore must put back.
 */
const videoOriginal = z.object({
  src: z.string().nullable(),
  width: inlineDecl,
  height: inlineDecl,
  hadStyle: z.boolean(),
});
type VideoOriginal = z.infer<typeof videoOriginal>;
const sourceOriginal = z.object({ src: z.string().nullable() });

const readOriginal = (video: HTMLVideoElement): VideoOriginal | null =>
  readJson(video, ORIGINAL_ATTR, videoOriginal);

/** Which version a replaced video shows, or null when it is not ours (never replaced, or the page took over). */
export function shownVideoVersion(video: HTMLVideoElement): MediaVersion | null {
  const record = readEnhanced(video);
  if (!record) return null;
  const shown = video.getAttribute(SHOWN_ATTR);
  if (shown === 'enhanced' && readOriginal(video) && video.getAttribute('src') === record.url)
    return 'enhanced';
  if (shown === 'original' && !video.hasAttribute(ORIGINAL_ATTR)) return 'original';
  return null;
}

/** shownVersion / shownVideoVersion, for either kind of element. */
export const shownMediaVersion = (el: HTMLImageElement | HTMLVideoElement): MediaVersion | null =>
  el.localName === 'video' ? shownVideoVersion(el as HTMLVideoElement) : shownVersion(el as HTMLImageElement);

/** Saves the element as it is now, unless a record exists: a second job keeps the very first original. */
export function recordVideoOriginal(video: HTMLVideoElement): void {
  if (readOriginal(video) === null) {
    const { width, height } = captureInline(video, ['width', 'height']);
    const original: VideoOriginal = {
      src: video.getAttribute('src'),
      width: width!,
      height: height!,
      hadStyle: video.hasAttribute('style'),
    };
    video.setAttribute(ORIGINAL_ATTR, JSON.stringify(original));
  }
  for (const source of videoSources(video)) {
    if (readJson(source, ORIGINAL_ATTR, sourceOriginal) !== null) continue;
    source.setAttribute(ORIGINAL_ATTR, JSON.stringify({ src: source.getAttribute('src') }));
  }
}

/**
 * Plays `url` alone. The `<source>` children are emptied (an empty src is a candidate the browser skips),
 * so no later `load()` by the page can fall back to the old file; `src` set as a property starts the load.
 * Call recordVideoOriginal first.
 */
export function applyVideoResult(video: HTMLVideoElement, url: string, size?: Pin): void {
  for (const source of videoSources(video)) if (source.hasAttribute('src')) source.setAttribute('src', '');
  if (size) applyPin(video, size);
  video.src = url;
}

/** Puts back exactly what recordVideoOriginal saw and drops the records. False when there was no record. */
export function restoreVideoOriginal(video: HTMLVideoElement): boolean {
  const original = readOriginal(video);
  if (!original) return false;
  restoreSources(video);
  unpinVideo(video);
  dropEmptyStyle(video, original.hadStyle);
  video.removeAttribute(ORIGINAL_ATTR);
  if (original.src !== null) {
    video.setAttribute('src', original.src); // a changed src starts the load by itself
  } else {
    // Removing src does not reload (HTML spec); load() runs the source selection over the children again.
    video.removeAttribute('src');
    video.load();
  }
  return true;
}

/** Puts back the inline width/height the page had (drops a pin). */
export function unpinVideo(video: HTMLVideoElement): void {
  const original = readOriginal(video);
  if (original) restoreInline(video, { width: original.width, height: original.height });
}

/**
 * Drops every record without touching what plays (the page has taken the element over). The `<source>`
 * children get their src back: a source edited in place changes nothing that plays, and a later `load()`
 * by the page then finds its own sources.
 */
export function forgetVideo(video: HTMLVideoElement): void {
  restoreSources(video);
  for (const attr of [ORIGINAL_ATTR, ENHANCED_ATTR, SHOWN_ATTR]) video.removeAttribute(attr);
}

function restoreSources(video: HTMLVideoElement): void {
  for (const source of videoSources(video)) {
    const saved = readJson(source, ORIGINAL_ATTR, sourceOriginal);
    if (!saved) continue;
    setOrRemove(source, 'src', saved.src);
    source.removeAttribute(ORIGINAL_ATTR);
  }
}
