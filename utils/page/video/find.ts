import { deepQueryAll } from '../common/deep';
import { absoluteUrl } from '../common/urls';

/** Manifests of adaptive streams: a player feeds them to the element piece by piece, not as one file. */
const MANIFEST = /\.(m3u8|mpd)$/i;

/** The `<video>` elements in `doc` (shadow roots included) that show or could show `srcUrl`: src, currentSrc or a `<source>`. */
export function findVideosBySrc(doc: Document, srcUrl: string): HTMLVideoElement[] {
  const target = absoluteUrl(srcUrl, doc.baseURI);
  if (!target) return [];
  return deepQueryAll<HTMLVideoElement>(doc, 'video').filter((video) => videoUrls(video).has(target));
}

function videoUrls(video: HTMLVideoElement): Set<string> {
  const base = video.ownerDocument.baseURI;
  const raw = [video.currentSrc, video.getAttribute('src'), ...videoSources(video).map(sourceSrc)];
  const urls = new Set<string>();
  for (const url of raw) {
    const abs = absoluteUrl(url, base);
    if (abs) urls.add(abs);
  }
  return urls;
}

/** The `<source>` children the browser's resource selection walks (only direct children count). */
export function videoSources(video: HTMLVideoElement): HTMLSourceElement[] {
  return Array.from(video.children).filter((c): c is HTMLSourceElement => c.localName === 'source');
}

const sourceSrc = (source: HTMLSourceElement): string | null => source.getAttribute('src');

/** What the video plays now, as an absolute URL: currentSrc, else what the browser would pick first. */
export function videoUrl(video: HTMLVideoElement): string | null {
  const base = video.ownerDocument.baseURI;
  if (video.currentSrc) return absoluteUrl(video.currentSrc, base);
  if (video.hasAttribute('src')) return absoluteUrl(video.getAttribute('src'), base);
  for (const source of videoSources(video)) {
    const url = absoluteUrl(sourceSrc(source), base);
    if (url) return url;
  }
  return null;
}

/**
 * Whether the element plays something that only exists in this document: a `srcObject` (MediaStream,
 * MediaSource handle) or a `blob:` URL (a MediaSource, or a file the page made). Setting another source
 * detaches it for good, so such a video is never replaced: there would be no way back.
 */
export function isUnrestorable(video: HTMLVideoElement): boolean {
  if (video.srcObject) return true;
  const url = videoUrl(video);
  return url?.startsWith('blob:') ?? false;
}

/** Reported to the background: a stream is not a file a provider could download (manifests included). */
export function isStream(video: HTMLVideoElement): boolean {
  if (isUnrestorable(video)) return true;
  const url = videoUrl(video);
  if (!url) return false;
  try {
    return MANIFEST.test(new URL(url).pathname);
  } catch {
    return false;
  }
}

export interface VideoFacts {
  naturalWidth: number | null;
  naturalHeight: number | null;
  duration: number | null;
  stream: boolean;
}

/** Sizes are 0 and duration NaN before metadata; a live stream's duration is Infinity: all unknown here. */
export function videoFacts(video: HTMLVideoElement): VideoFacts {
  const { duration } = video;
  return {
    naturalWidth: video.videoWidth || null,
    naturalHeight: video.videoHeight || null,
    duration: Number.isFinite(duration) && duration > 0 ? duration : null,
    stream: isStream(video),
  };
}
