import {
  pageInspectRequest,
  pageNoticeRequest,
  pageReplaceRequest,
  pageShowRequest,
  type PageInspectReply,
  type PageReplaceReply,
  type PageShowReply,
} from '../messages';
import { JOB_ATTR, absoluteUrl, bestCandidate, findImagesBySrc } from './find-media';
import type { WaitForLoad } from './load-wait';
import { showNotice } from './notice';
import { readAlpha } from './pixels';
import { replaceImage, showVersion } from './replace-media';
import { checkResultUrl } from './safe-url';

/** Under the 25 s request budget of reliability rule 4, so the background's reply never waits longer. */
export const LOAD_TIMEOUT_MS = 20_000;

export interface PageHandlerOptions {
  loadTimeoutMs?: number;
  waitForLoad?: WaitForLoad;
}

/**
 * Only the extension's own background may drive the page code: a sender with another id, or one inside a
 * tab (another content script, an extension page opened as a tab), is refused.
 */
export function isTrustedSender(sender: { id?: string; tab?: unknown }, extensionId: string): boolean {
  return sender.id === extensionId && sender.tab == null;
}

/** The four page messages. Each payload is zod-parsed here; a payload that does not parse throws. */
export function createPageHandlers(doc: Document, options: PageHandlerOptions = {}) {
  return {
    inspect(data: unknown): PageInspectReply {
      const { jobId, srcUrl } = pageInspectRequest.parse(data);
      const images = findImagesBySrc(doc, srcUrl);
      for (const img of images) img.setAttribute(JOB_ATTR, jobId);
      // The copy with the most pixels says most about the picture.
      const sample = images.reduce<HTMLImageElement | undefined>(
        (best, img) => (!best || img.naturalWidth > best.naturalWidth ? img : best),
        undefined,
      );
      return {
        count: images.length,
        bestUrl: sample ? bestCandidate(sample) : (absoluteUrl(srcUrl, doc.baseURI) ?? srcUrl),
        naturalWidth: sample?.naturalWidth || null,
        naturalHeight: sample?.naturalHeight || null,
        hasAlpha: sample ? readAlpha(sample, doc) : null,
      };
    },

    async replace(data: unknown): Promise<PageReplaceReply> {
      const { jobId, srcUrl, resultUrl, label } = pageReplaceRequest.parse(data);
      const safeUrl = checkResultUrl(resultUrl);
      if (!safeUrl) throw new Error('Refused a result URL that is not a plain https: address.');
      const images = taggedImages(doc, jobId);
      const targets = images.length > 0 ? images : findImagesBySrc(doc, srcUrl);
      if (targets.length === 0) {
        return { outcome: 'not-found', replacedCount: 0, naturalWidth: null, naturalHeight: null };
      }
      const request = { jobId, resultUrl: safeUrl, label };
      const loadTimeoutMs = options.loadTimeoutMs ?? LOAD_TIMEOUT_MS;
      const outcomes = await Promise.all(
        targets.map((img) => replaceImage(img, request, { loadTimeoutMs, waitForLoad: options.waitForLoad })),
      );
      const replaced = targets.filter((_, i) => outcomes[i] === 'replaced');
      const first = replaced[0];
      return {
        outcome: first ? 'replaced' : 'refused',
        replacedCount: replaced.length,
        naturalWidth: first?.naturalWidth || null,
        naturalHeight: first?.naturalHeight || null,
      };
    },

    show(data: unknown): PageShowReply {
      const { jobId, version } = pageShowRequest.parse(data);
      return { changed: showVersion(doc, jobId, version) };
    },

    notice(data: unknown): void {
      const { message, tone } = pageNoticeRequest.parse(data);
      showNotice(doc, message, tone);
    },
  };
}

function taggedImages(doc: Document, jobId: string): HTMLImageElement[] {
  // Compared in code rather than in the selector: a job id needs no CSS escaping this way.
  return Array.from(doc.querySelectorAll<HTMLImageElement>(`img[${JOB_ATTR}]`)).filter(
    (img) => img.getAttribute(JOB_ATTR) === jobId,
  );
}
