import {
  applyPin,
  captureInline,
  dropEmptyStyle,
  restoreInline,
  type InlineDecl,
  type Pin,
} from '../common/inline-style';
import type { MediaKind } from '../common/records';
import { videoSources } from './find';
import { capturePlayback, carryPlayback, type Playback } from './playback';

/**
 * The `<video>` as the page had it. Only the `src` attributes are kept: a video picks one source, from its
 * own `src` if it has one, else from its `<source>` children, which is all a restore must put back.
 */
export interface VideoOriginal {
  src: string | null;
  width: InlineDecl;
  height: InlineDecl;
  hadStyle: boolean;
  sources: { el: HTMLSourceElement; src: string | null }[];
}

export function captureVideo(video: HTMLVideoElement): VideoOriginal {
  const { width, height } = captureInline(video, ['width', 'height']);
  return {
    src: video.getAttribute('src'),
    width: width!,
    height: height!,
    hadStyle: video.hasAttribute('style'),
    sources: videoSources(video).map((el) => ({ el, src: el.getAttribute('src') })),
  };
}

/**
 * Plays `url` alone. The `<source>` children are emptied (an empty src is a candidate the browser skips),
 * so no later `load()` by the page can fall back to the old file; `src` set as a property starts the load.
 */
export function applyVideoResult(video: HTMLVideoElement, url: string, size?: Pin): void {
  for (const source of videoSources(video)) if (source.hasAttribute('src')) source.setAttribute('src', '');
  if (size) applyPin(video, size);
  video.src = url;
}

/** Puts back exactly what captureVideo saw. */
export function restoreVideo(video: HTMLVideoElement, original: VideoOriginal): void {
  restoreSources(original);
  unpinVideo(video, original);
  dropEmptyStyle(video, original.hadStyle);
  if (original.src !== null) {
    video.setAttribute('src', original.src); // a changed src starts the load by itself
  } else {
    // Removing src does not reload (HTML spec); load() runs the source selection over the children again.
    video.removeAttribute('src');
    video.load();
  }
}

/** Puts back the inline width/height the page had (drops a pin). */
export function unpinVideo(video: HTMLVideoElement, original: VideoOriginal): void {
  restoreInline(video, { width: original.width, height: original.height });
}

/**
 * A source edited in place changes nothing that plays, and a later `load()` by the page then finds its
 * own sources again.
 */
function restoreSources(original: VideoOriginal): void {
  for (const { el, src } of original.sources) {
    if (src === null) el.removeAttribute('src');
    else el.setAttribute('src', src);
  }
}

/** Where each video was when its result was last shown: a result that fails to load returns there. */
const shownAt = new WeakMap<HTMLVideoElement, Playback>();

/** Toggling keeps where the person was in the film, and whether it was playing. */
export const videoKind: MediaKind<HTMLVideoElement, VideoOriginal> = {
  holds: (video, record) => video.getAttribute('src') === record.url,
  capture: captureVideo,
  show(video, record) {
    const playback = capturePlayback(video);
    shownAt.set(video, playback);
    applyVideoResult(video, record.url, record.pin);
    carryPlayback(video, playback);
  },
  restore(video, original) {
    const playback = capturePlayback(video);
    restoreVideo(video, original);
    carryPlayback(video, playback);
  },
  release: (_video, original) => original && restoreSources(original),
  watchBroken(video, record, broken) {
    const playback = shownAt.get(video) ?? capturePlayback(video);
    const onError = () => {
      video.removeEventListener('loadedmetadata', onLoad);
      if (video.getAttribute('src') !== record.url) return;
      broken();
      carryPlayback(video, playback); // the failed load reset the position: the one from before it
    };
    const onLoad = () => video.removeEventListener('error', onError);
    video.addEventListener('error', onError, { once: true });
    video.addEventListener('loadedmetadata', onLoad, { once: true });
  },
};
