import { backgroundResultSize, replaceBackground } from './background/replace';
import { findMediaBySrc } from './find-media';
import { changeBackdrop } from './image/backdrop-change';
import { readImageBytes, type ReadBytesOptions } from './image/read-bytes';
import { replaceImage } from './image/replace';
import { inspectMedia } from './inspect';
import type { MediaKindName } from './rerender';
import type { WaitForLoad, WaitForMetadata } from './common/load-wait';
import {
  backdropRequest,
  inspectRequest,
  noticeRequest,
  readBytesRequest,
  replaceRequest,
  showRequest,
} from './common/guards';
import { localResultUrl } from './common/local-result';
import { showNotice } from './common/notice';
import type {
  MediaVersion,
  PageBackdropReply,
  PageInspectReply,
  PageReadBytesReply,
  PageReplaceReply,
  PageShowReply,
} from './common/protocol';
import { recordsOf } from './common/records';
import type { ReplaceOutcome, ReplaceRequest } from './common/replace-request';
import { checkResultUrl } from './common/safe-url';
import { showVersion } from './common/show-version';
import { absoluteUrl } from './common/urls';
import { replaceVideo } from './video/replace';

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
  /** Told of each result shown, so a re-rendered copy of the element can get it again. */
  onReplaced?: (request: ReplaceRequest, kind: MediaKindName) => void;
  /** Told of each version the person chose. */
  onShown?: (job: string, version: MediaVersion) => void;
}

/**
 * Only the extension's own background may drive the page code: a sender with another id, or one inside a
 * tab (another content script, an extension page opened as a tab), is refused.
 */
export function isTrustedSender(sender: { id?: string; tab?: unknown }, extensionId: string): boolean {
  return sender.id === extensionId && sender.tab == null;
}

export const kindOf = (el: HTMLElement): MediaKindName =>
  el.localName === 'img' ? 'image' : el.localName === 'video' ? 'video' : 'background';

/** Puts a result into one element of any kind. */
export function replaceElement(el: HTMLElement, request: ReplaceRequest, options: PageHandlerOptions = {}) {
  const loadTimeoutMs = options.loadTimeoutMs ?? LOAD_TIMEOUT_MS;
  const { waitForLoad, waitForMetadata } = options;
  const kind = kindOf(el);
  const outcome: Promise<ReplaceOutcome> =
    kind === 'image'
      ? replaceImage(el as HTMLImageElement, request, { loadTimeoutMs, waitForLoad })
      : kind === 'video'
        ? replaceVideo(el as HTMLVideoElement, request, { loadTimeoutMs, waitForMetadata })
        : replaceBackground(el, request, { loadTimeoutMs, waitForLoad });
  return outcome.then((result) => {
    if (result === 'replaced') options.onReplaced?.(request, kind);
    return result;
  });
}

/** The page messages. Each payload is checked here; a payload that does not pass throws. */
export function createPageHandlers(doc: Document, options: PageHandlerOptions = {}) {
  return {
    inspect(data: unknown): PageInspectReply {
      const { jobId, srcUrl } = inspectRequest(data);
      return inspectMedia(doc, jobId, srcUrl);
    },

    async replace(data: unknown): Promise<PageReplaceReply> {
      const { jobId, srcUrl, resultUrl, resultData, label, backdrop } = replaceRequest(data);
      const safeUrl = resultData ? localResultUrl(doc, jobId, resultData) : checkResultUrl(resultUrl ?? '');
      if (!safeUrl) throw new Error('Refused a result URL that is not a plain https: address.');
      const records = recordsOf(doc);
      // The elements pageInspect found for this job, or that show its result already (a repeated delivery).
      const known = new Set([...records.tagged(jobId), ...records.ofJob(jobId).map(([el]) => el)]);
      const targets = known.size > 0 ? [...known] : findMediaBySrc(doc, srcUrl).elements;
      records.tag(jobId, targets);
      if (targets.length === 0) {
        return { outcome: 'not-found', replacedCount: 0, naturalWidth: null, naturalHeight: null };
      }
      const absolute = absoluteUrl(srcUrl, doc.baseURI) ?? srcUrl;
      const request: ReplaceRequest = {
        jobId,
        resultUrl: safeUrl,
        label,
        srcUrl: absolute,
        ...(backdrop ? { backdrop } : {}),
      };
      const outcomes = await Promise.all(targets.map((el) => replaceElement(el, request, options)));
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
      const { jobId, version } = showRequest(data);
      options.onShown?.(jobId, version);
      return { changed: showVersion(doc, jobId, version) };
    },

    backdrop(data: unknown): PageBackdropReply {
      const { jobId, backdrop } = backdropRequest(data);
      return { changed: changeBackdrop(doc, jobId, backdrop) };
    },

    async readBytes(data: unknown): Promise<PageReadBytesReply> {
      const { jobId, srcUrl } = readBytesRequest(data);
      return readImageBytes(doc, jobId, srcUrl, { fetch: options.fetch });
    },

    notice(data: unknown): void {
      const { message, tone } = noticeRequest(data);
      showNotice(doc, message, tone);
    },
  };
}

/** The pixel size of what the element now shows: an image's natural size, a video's frame size. */
function shownSize(el: HTMLElement): [number, number] {
  const kind = kindOf(el);
  if (kind === 'video') return [(el as HTMLVideoElement).videoWidth, (el as HTMLVideoElement).videoHeight];
  if (kind === 'image')
    return [(el as HTMLImageElement).naturalWidth, (el as HTMLImageElement).naturalHeight];
  return backgroundResultSize(el);
}
