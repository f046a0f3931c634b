import { applyPin, measure, pinFor, type Pin } from '../common/inline-style';
import { waitForImage, type WaitForLoad } from '../common/load-wait';
import type { Entry } from '../common/records';
import {
  oncePerElement,
  priorResult,
  type ReplaceOutcome,
  type ReplaceRequest,
} from '../common/replace-request';
import { updateBackdrop } from './backdrop-change';
import {
  applyBackdrop,
  applyResult,
  captureImage,
  imageKind,
  restoreImage,
  type ImageOriginal,
} from './state';

export interface ReplaceOptions {
  loadTimeoutMs: number;
  /** Injectable because test DOMs do not load images. */
  waitForLoad?: WaitForLoad;
}

/**
 * Shows `resultUrl` in place of `img`, keeping its layout box. 'refused' when the result does not load
 * (e.g. the page's CSP `img-src` blocks it, or the timeout passes): the element is then put back as it was.
 * Replacing again with the same job and result is a no-op (a repeated delivery may carry a new backdrop).
 */
export function replaceImage(
  img: HTMLImageElement,
  request: ReplaceRequest,
  options: ReplaceOptions,
): Promise<ReplaceOutcome> {
  return oncePerElement(
    img,
    request,
    () => swap(img, request, options),
    () => request.backdrop !== undefined && updateBackdrop(img, request.backdrop),
  );
}

async function swap(img: HTMLImageElement, request: ReplaceRequest, options: ReplaceOptions) {
  const { records, previous } = priorResult(img, imageKind as Entry['kind']);
  const original = (previous?.original as ImageOriginal | undefined) ?? captureImage(img);

  const before = measure(img);
  let pin: Pin | undefined = previous?.record.pin;
  let measured = false;
  // Runs in the `load` task, before the next paint, so the bigger result never shows at its own size, and
  // a cut-out never shows without its backdrop.
  const keepBox = () => {
    if (measured || img.getAttribute('src') !== request.resultUrl) return; // the page's own load, not ours
    measured = true;
    applyBackdrop(img, original, request.backdrop);
    const needed = pinFor(img, before);
    if (needed) applyPin(img, (pin = needed));
  };
  img.addEventListener('load', keepBox);
  applyResult(img, request.resultUrl);
  const loaded = await (options.waitForLoad ?? waitForImage)(img, options.loadTimeoutMs);
  img.removeEventListener('load', keepBox);

  if (img.getAttribute('src') !== request.resultUrl) {
    imageKind.release(img, original); // the page set its own src meanwhile: it wins
    records.drop(img);
    return 'refused';
  }
  if (loaded) {
    keepBox();
    const { jobId: job, resultUrl: url, label, srcUrl, backdrop } = request;
    const record = { job, url, label, srcUrl, ...(pin ? { pin } : {}), ...(backdrop ? { backdrop } : {}) };
    const replaced: Entry = { kind: imageKind as Entry['kind'], record, shown: 'enhanced', original };
    records.set(img, replaced);
    return 'replaced';
  }
  if (previous) imageKind.show(img, previous.record, original);
  else restoreImage(img, original);
  return 'refused';
}
