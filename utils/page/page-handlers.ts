import {
  pageBackdropRequest,
  pageInspectRequest,
  pageNoticeRequest,
  pageReadBytesRequest,
  pageReplaceRequest,
  pageShowRequest,
  type PageBackdropReply,
  type PageInspectReply,
  type PageReadBytesReply,
  type PageReplaceReply,
  type PageShowReply,
} from '../messages';
import { findImagesBySrc } from './find-media';
import { findVideosBySrc } from './find-video';
import { inspectMedia, taggedMedia } from './inspect-media';
import type { WaitForLoad, WaitForMetadata } from './load-wait';
import { showNotice } from './notice';
import { readImageBytes, type ReadBytesOptions } from './read-bytes';
import { replaceImage, type ReplaceOutcome, type ReplaceRequest } from './replace-media';
import { replaceVideo } from './replace-video';
import { localResultUrl } from './local-result';
import { checkResultUrl } from './safe-url';
import { changeBackdrop, showVersion } from './show-version';

/**
 * Under the 25 s every request is allowed (Chrome drops a worker whose fetch waits 30 s), so the
 * background's reply never waits longer.
 */
export const LOAD_TIMEOUT_MS = 20_000;

export interface PageHandlerOptions {
  loadTimeoutMs?: number;
  waitForLoad?: WaitForLoad;
  waitForMetadata?: WaitForMetadata;
  /** For pageReadBytes; injectable because test DOMs have no network. */
  fetch?: ReadBytesOptions['fetch'];
}

/**
 * Only the extension's own background may drive the page code: a sender with another id, or one inside a
 * tab (another content script, an extension page opened as a tab), is refused.
 */
export function isTrustedSender(sender: { id?: string; tab?: unknown }, extensionId: string): boolean {
  return sender.id === extensionId && sender.tab == null;
}

/** The page messages. Each payload is zod-parsed here; a payload that does not parse throws. */
export function createPageHandlers(doc: Document, options: PageHandlerOptions = {}) {
  const loadTimeoutMs = options.loadTimeoutMs ?? LOAD_TIMEOUT_MS;
  const replaceOne = (
    el: HTMLImageElement | HTMLVideoElement,
    request: ReplaceRequest,
  ): Promise<ReplaceOutcome> =>
    el.localName === 'video'
      ? replaceVideo(el as HTMLVideoElement, request, {
          loadTimeoutMs,
          waitForMetadata: options.waitForMetadata,
        })
      : replaceImage(el as HTMLImageElement, request, { loadTimeoutMs, waitForLoad: options.waitForLoad });

  return {
    inspect(data: unknown): PageInspectReply {
      const { jobId, srcUrl } = pageInspectRequest.parse(data);
      return inspectMedia(doc, jobId, srcUrl);
    },

    async replace(data: unknown): Promise<PageReplaceReply> {
      const { jobId, srcUrl, resultUrl, resultData, label, backdrop } = pageReplaceRequest.parse(data);
      const safeUrl = resultData ? localResultUrl(doc, jobId, resultData) : checkResultUrl(resultUrl ?? '');
      if (!safeUrl) throw new Error('Refused a result URL that is not a plain https: address.');
      const tagged = taggedMedia(doc, jobId);
      const images = tagged.length > 0 ? [] : findImagesBySrc(doc, srcUrl);
      const targets = tagged.length > 0 ? tagged : images.length > 0 ? images : findVideosBySrc(doc, srcUrl);
      if (targets.length === 0) {
        return { outcome: 'not-found', replacedCount: 0, naturalWidth: null, naturalHeight: null };
      }
      const request: ReplaceRequest = { jobId, resultUrl: safeUrl, label, ...(backdrop ? { backdrop } : {}) };
      const outcomes = await Promise.all(targets.map((el) => replaceOne(el, request)));
      const replaced = targets.filter((_, i) => outcomes[i] === 'replaced');
      const first = replaced[0];
      const [width, height] = first ? shownSize(first) : [0, 0];
      return {
        outcome: first ? 'replaced' : 'refused',
        replacedCount: replaced.length,
        naturalWidth: width || null,
        naturalHeight: height || null,
      };
    },

    show(data: unknown): PageShowReply {
      const { jobId, version } = pageShowRequest.parse(data);
      return { changed: showVersion(doc, jobId, version) };
    },

    backdrop(data: unknown): PageBackdropReply {
      const { jobId, backdrop } = pageBackdropRequest.parse(data);
      return { changed: changeBackdrop(doc, jobId, backdrop) };
    },

    async readBytes(data: unknown): Promise<PageReadBytesReply> {
      const { jobId, srcUrl } = pageReadBytesRequest.parse(data);
      return readImageBytes(doc, jobId, srcUrl, { fetch: options.fetch });
    },

    notice(data: unknown): void {
      const { message, tone } = pageNoticeRequest.parse(data);
      showNotice(doc, message, tone);
    },
  };
}

/** The pixel size of what the element now shows: an image's natural size, a video's frame size. */
function shownSize(el: HTMLImageElement | HTMLVideoElement): [number, number] {
  if (el.localName === 'video') {
    const video = el as HTMLVideoElement;
    return [video.videoWidth, video.videoHeight];
  }
  const img = el as HTMLImageElement;
  return [img.naturalWidth, img.naturalHeight];
}
