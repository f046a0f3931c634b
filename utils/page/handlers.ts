import { backgroundPart } from './background/part';
import { finders } from './find-media';
import { imagePart } from './image/part';
import { readImageBytes, type ReadBytesOptions } from './image/read-bytes';
import { inspectMedia } from './inspect';
import { inspectRequest, noticeRequest, readBytesRequest } from './common/guards';
import { showNotice } from './common/notice';
import type { PageInspectReply, PageReadBytesReply } from './common/protocol';
import type { ReplaceRequest } from './common/replace-request';
import type { KindPart, MediaKindName } from './common/world';
import {
  createResultHandlers,
  replaceElement as replaceWith,
  type ResultHandlerOptions,
  type ResultWiring,
} from './result-handlers';
import { videoPart } from './video/part';

export { LOAD_TIMEOUT_MS } from './result-handlers';
export { kindOf } from './common/world';

export interface PageHandlerOptions extends ResultHandlerOptions {
  /** For pageReadBytes; injectable because test DOMs have no network. */
  fetch?: ReadBytesOptions['fetch'];
}

/** Every kind of element, as the whole page code handles them once each file has joined. */
export const ALL_KINDS: ReadonlyMap<MediaKindName, KindPart> = new Map<MediaKindName, KindPart>([
  ['image', imagePart],
  ['video', videoPart],
  ['background', backgroundPart],
]);
export const WHOLE: ResultWiring = { finders, kinds: ALL_KINDS };

/**
 * Only the extension's own background may drive the page code: a sender with another id, or one inside a
 * tab (another content script, an extension page opened as a tab), is refused.
 */
export function isTrustedSender(sender: { id?: string; tab?: unknown }, extensionId: string): boolean {
  return sender.id === extensionId && sender.tab == null;
}

/** Puts a result into one element of any kind. */
export const replaceElement = (el: HTMLElement, request: ReplaceRequest, options: PageHandlerOptions = {}) =>
  replaceWith(el, request, { ...WHOLE, ...options });

/**
 * All the page messages, as the page code answers them once every file has joined (the entrypoints share
 * them out: the click's core answers pageInspect, the rest come with the files that join it). Each payload
 * is checked here; a payload that does not pass throws.
 */
export function createPageHandlers(doc: Document, options: PageHandlerOptions & Partial<ResultWiring> = {}) {
  return {
    inspect(data: unknown): PageInspectReply {
      const { jobId, srcUrl } = inspectRequest(data);
      return inspectMedia(doc, jobId, srcUrl);
    },
    ...createResultHandlers(doc, { ...WHOLE, ...options }),
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
