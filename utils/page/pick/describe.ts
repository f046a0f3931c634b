import { backgroundUrls, type Candidate, type PickKind } from './candidates';

export interface PickedMedia {
  url: string;
  kind: PickKind;
  width: number | null;
  height: number | null;
}

/** How long a background layer may take to report its size (it is on screen, so normally cached). */
const LAYER_DEADLINE_MS = 3000;

function naturalSize(
  url: string,
  doc: Document,
): Promise<{ url: string; area: number; w: number; h: number }> {
  const img = doc.createElement('img');
  const done = new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, LAYER_DEADLINE_MS);
    img.onload = img.onerror = () => {
      clearTimeout(timer);
      resolve();
    };
  });
  img.src = url;
  return done.then(() => {
    const [w, h] = [img.naturalWidth, img.naturalHeight];
    return { url, area: w * h, w, h };
  });
}

/**
 * What will be sent for the picked element: the URL the page shows (an `<img>`'s current source, a
 * video's, or a background's largest layer by natural size) with its pixel size where known.
 */
export async function describePick(candidate: Candidate): Promise<PickedMedia | undefined> {
  const { el, kind } = candidate;
  if (kind === 'image') {
    const img = el as HTMLImageElement;
    const url = img.currentSrc || img.src;
    return url
      ? { url, kind, width: img.naturalWidth || null, height: img.naturalHeight || null }
      : undefined;
  }
  if (kind === 'video') {
    const video = el as HTMLVideoElement;
    const url = video.currentSrc || video.src;
    return url
      ? { url, kind, width: video.videoWidth || null, height: video.videoHeight || null }
      : undefined;
  }
  const urls = backgroundUrls(el);
  if (urls.length === 0) return undefined;
  const sizes = await Promise.all(urls.map((url) => naturalSize(url, el.ownerDocument)));
  const largest = sizes.reduce((best, s) => (s.area > best.area ? s : best));
  return { url: largest.url, kind, width: largest.w || null, height: largest.h || null };
}
