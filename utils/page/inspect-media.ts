import type { PageInspectReply } from '../messages';
import { JOB_ATTR, absoluteUrl, bestCandidate, findImagesBySrc } from './find-media';
import { findVideosBySrc, videoFacts, videoUrl } from './find-video';
import { readAlpha } from './pixels';

/**
 * Finds what shows `srcUrl` in this frame, tags it with the job and describes it. Images are looked for
 * first and the reply for them keeps its original shape (no `kind`); videos only when no image matches, so
 * one job never mixes the two (a result is either a picture or a film).
 */
export function inspectMedia(doc: Document, jobId: string, srcUrl: string): PageInspectReply {
  const images = findImagesBySrc(doc, srcUrl);
  const videos = images.length === 0 ? findVideosBySrc(doc, srcUrl) : [];
  const fallbackUrl = absoluteUrl(srcUrl, doc.baseURI) ?? srcUrl;
  if (videos.length > 0) {
    for (const video of videos) video.setAttribute(JOB_ATTR, jobId);
    const sample = widest(videos, (v) => v.videoWidth);
    const facts = videoFacts(sample);
    return {
      count: videos.length,
      bestUrl: videoUrl(sample) ?? fallbackUrl,
      naturalWidth: facts.naturalWidth,
      naturalHeight: facts.naturalHeight,
      hasAlpha: null,
      kind: 'video',
      duration: facts.duration,
      stream: facts.stream,
    };
  }
  for (const img of images) img.setAttribute(JOB_ATTR, jobId);
  // The copy with the most pixels says most about the picture.
  const sample = images.length > 0 ? widest(images, (img) => img.naturalWidth) : undefined;
  return {
    count: images.length,
    bestUrl: sample ? bestCandidate(sample) : fallbackUrl,
    naturalWidth: sample?.naturalWidth || null,
    naturalHeight: sample?.naturalHeight || null,
    hasAlpha: sample ? readAlpha(sample, doc) : null,
  };
}

function widest<T>(elements: T[], width: (el: T) => number): T {
  return elements.reduce((best, el) => ((width(el) || 0) > (width(best) || 0) ? el : best));
}

/** The images and videos tagged with `jobId` (by pageInspect, or by an earlier replace). */
export function taggedMedia(doc: Document, jobId: string): (HTMLImageElement | HTMLVideoElement)[] {
  // Compared in code rather than in the selector: a job id needs no CSS escaping this way.
  return Array.from(
    doc.querySelectorAll<HTMLImageElement | HTMLVideoElement>(`img[${JOB_ATTR}], video[${JOB_ATTR}]`),
  ).filter((el) => el.getAttribute(JOB_ATTR) === jobId);
}
