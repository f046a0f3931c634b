import { waitForImage, type WaitForLoad } from '../common/load-wait';
import type { Entry } from '../common/records';
import {
  oncePerElement,
  priorResult,
  type ReplaceOutcome,
  type ReplaceRequest,
} from '../common/replace-request';
import { backgroundKind, captureBackground, swappedDeclarations, type BackgroundOriginal } from './state';

export interface BackgroundReplaceOptions {
  loadTimeoutMs: number;
  /** Injectable because test DOMs do not load images. */
  waitForLoad?: WaitForLoad;
}

/** The pixel size of the result each background shows, for the reply (a background has no naturalWidth). */
const resultSizes = new WeakMap<HTMLElement, [number, number]>();
export const backgroundResultSize = (el: HTMLElement): [number, number] => resultSizes.get(el) ?? [0, 0];

/**
 * Shows `resultUrl` in the layer of `el`'s CSS background that shows the job's picture, keeping the other
 * layers and every layer's size, position and repeat. The result is loaded first, off the page, so a result
 * that does not load never shows as a broken background: 'refused', and nothing changed.
 */
export function replaceBackground(
  el: HTMLElement,
  request: ReplaceRequest,
  options: BackgroundReplaceOptions,
): Promise<ReplaceOutcome> {
  return oncePerElement(el, request, () => swap(el, request, options));
}

async function swap(el: HTMLElement, request: ReplaceRequest, options: BackgroundReplaceOptions) {
  const { records, previous } = priorResult(el, backgroundKind as Entry['kind']);
  const original =
    (previous?.original as BackgroundOriginal | undefined) ?? captureBackground(el, request.srcUrl);
  if (!original) return 'refused';

  const view = el.ownerDocument.defaultView ?? globalThis;
  const wait = options.waitForLoad ?? waitForImage;
  const result = new view.Image();
  result.src = request.resultUrl;
  if (!(await wait(result, options.loadTimeoutMs))) return 'refused';
  const pin = previous ? previous.record.pin : await autoSizePin(el, original, request, wait, options);

  const { jobId: job, resultUrl: url, label, srcUrl } = request;
  const record = { job, url, label, srcUrl, ...(pin ? { pin } : {}) };
  if (!swappedDeclarations(el, record, original)) return 'refused'; // the page changed its background meanwhile
  backgroundKind.show(el, record, original);
  resultSizes.set(el, [result.naturalWidth, result.naturalHeight]);
  records.set(el, { kind: backgroundKind as Entry['kind'], record, shown: 'enhanced', original });
  return 'replaced';
}

/** For a layer sized `auto` (drawn at the file's own size): the original picture's size, to keep it. */
async function autoSizePin(
  el: HTMLElement,
  original: BackgroundOriginal,
  request: ReplaceRequest,
  wait: WaitForLoad,
  options: BackgroundReplaceOptions,
) {
  const sizes = (el.ownerDocument.defaultView?.getComputedStyle(el).getPropertyValue('background-size') ?? '')
    .split(',')
    .map((s) => s.trim());
  const size = sizes[original.layer % Math.max(1, sizes.length)] || 'auto';
  if (size !== 'auto' && size !== 'auto auto') return undefined;
  const picture = new (el.ownerDocument.defaultView ?? globalThis).Image();
  picture.src = request.srcUrl;
  if (!(await wait(picture, options.loadTimeoutMs)) || !picture.naturalWidth) return undefined;
  return { width: `${picture.naturalWidth}px`, height: `${picture.naturalHeight}px` };
}
