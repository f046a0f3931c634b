import { bestCandidate } from './image/best-url';
import { readAlpha } from './image/pixels';
import { findMediaBySrc } from './find-media';
import type { PageInspectReply } from './common/protocol';
import { recordsOf } from './common/records';
import { absoluteUrl } from './common/urls';
import { videoFacts, videoUrl } from './video/find';

/**
 * Finds what shows `srcUrl` in this frame, remembers it for the job (in our memory, never on the element)
 * and describes it. The reply for images keeps its original shape (no `kind`); a CSS background is
 * described as an image showing the clicked URL itself.
 */
export function inspectMedia(doc: Document, jobId: string, srcUrl: string): PageInspectReply {
  const match = findMediaBySrc(doc, srcUrl);
  recordsOf(doc).tag(jobId, match.elements);
  const fallbackUrl = absoluteUrl(srcUrl, doc.baseURI) ?? srcUrl;
  if (match.kind === 'video' && match.elements.length > 0) {
    const sample = widest(match.elements, (v) => v.videoWidth);
    const facts = videoFacts(sample);
    return {
      count: match.elements.length,
      bestUrl: videoUrl(sample) ?? fallbackUrl,
      naturalWidth: facts.naturalWidth,
      naturalHeight: facts.naturalHeight,
      hasAlpha: null,
      kind: 'video',
      duration: facts.duration,
      stream: facts.stream,
    };
  }
  // The copy with the most pixels says most about the picture.
  const sample =
    match.kind === 'image' && match.elements.length > 0
      ? widest(match.elements, (i) => i.naturalWidth)
      : undefined;
  return {
    count: match.elements.length,
    bestUrl: sample ? bestCandidate(sample) : fallbackUrl,
    naturalWidth: sample?.naturalWidth || null,
    naturalHeight: sample?.naturalHeight || null,
    hasAlpha: sample ? readAlpha(sample, doc) : null,
  };
}

function widest<T>(elements: T[], width: (el: T) => number): T {
  return elements.reduce((best, el) => ((width(el) || 0) > (width(best) || 0) ? el : best));
}
