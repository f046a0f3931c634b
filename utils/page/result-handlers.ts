import { changeBackdrop } from './image/backdrop-change';
import type { WaitForLoad, WaitForMetadata } from './common/load-wait';
import { backdropRequest, replaceRequest, showRequest } from './common/guards';
import { localResultUrl } from './common/local-result';
import type { MediaVersion, PageBackdropReply, PageReplaceReply, PageShowReply } from './common/protocol';
import { recordsOf } from './common/records';
import type { ReplaceOutcome, ReplaceRequest } from './common/replace-request';
import { checkResultUrl } from './common/safe-url';
import { showVersion } from './common/show-version';
import { absoluteUrl } from './common/urls';
import { kindOf, type Finders, type Kinds, type MediaKindName } from './common/world';

/**
 * Under the 25 s every request is allowed (Chrome drops a worker whose fetch waits 30 s), so the
 * background's reply never waits longer.
 */
export const LOAD_TIMEOUT_MS = 20_000;

export interface ResultHandlerOptions {
  loadTimeoutMs?: number;
  waitForLoad?: WaitForLoad;
  waitForMetadata?: WaitForMetadata;
  /** Told of each result shown, so a re-rendered copy of the element can get it again. */
  onReplaced?: (request: ReplaceRequest, kind: MediaKindName) => void;
  /** Told of each version the person chose. */
  onShown?: (job: string, version: MediaVersion) => void;
}

/** Where the results go: the finders, and how each kind of element is swapped (those loaded so far). */
export interface ResultWiring {
  finders: Finders;
  kinds: Kinds;
}

/** Puts a result into one element of any kind; 'refused' for a kind whose code is not here. */
export function replaceElement(
  el: HTMLElement,
  request: ReplaceRequest,
  options: ResultHandlerOptions & ResultWiring,
): Promise<ReplaceOutcome> {
  const { waitForLoad, waitForMetadata } = options;
  const kind = kindOf(el);
  const part = options.kinds.get(kind);
  if (!part) return Promise.resolve('refused');
  const loadTimeoutMs = options.loadTimeoutMs ?? LOAD_TIMEOUT_MS;
  return part.replace(el, request, { loadTimeoutMs, waitForLoad, waitForMetadata }).then((result) => {
    if (result === 'replaced') options.onReplaced?.(request, kind);
    return result;
  });
}

/** The messages about results: put one in, show a version, change a backdrop. Payloads are checked here. */
export function createResultHandlers(doc: Document, options: ResultHandlerOptions & ResultWiring) {
  return {
    async replace(data: unknown): Promise<PageReplaceReply> {
      const { jobId, srcUrl, resultUrl, resultData, label, backdrop } = replaceRequest(data);
      const safeUrl = resultData ? localResultUrl(doc, jobId, resultData) : checkResultUrl(resultUrl ?? '');
      if (!safeUrl) throw new Error('Refused a result URL that is not a plain https: address.');
      const records = recordsOf(doc);
      // The elements pageInspect found for this job, or that show its result already (a repeated delivery).
      const known = new Set([...records.tagged(jobId), ...records.ofJob(jobId).map(([el]) => el)]);
      const targets = known.size > 0 ? [...known] : options.finders.media(doc, srcUrl).elements;
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
      const [width, height] = first ? (options.kinds.get(kindOf(first))?.size(first) ?? [0, 0]) : [0, 0];
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
  };
}
