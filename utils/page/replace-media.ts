import type { BackdropChoice } from '../messages';
import { JOB_ATTR } from './find-media';
import { applyPin, measure, pinFor } from './inline-style';
import { waitForImage, type WaitForLoad } from './load-wait';
import {
  applyBackdrop,
  applyResult,
  forget,
  readEnhanced,
  recordOriginal,
  restoreOriginal,
  shownVersion,
  writeEnhanced,
  type Pin,
} from './media-state';

import { updateBackdrop } from './show-version';

// Showing a version lives in show-version.ts; re-exported so callers keep one import for images.
export { showVersion } from './show-version';

export interface ReplaceRequest {
  jobId: string;
  /** Must already have passed checkResultUrl. */
  resultUrl: string;
  label: string;
  /** What shows behind a transparent result; absent: nothing. */
  backdrop?: BackdropChoice;
}
export interface ReplaceOptions {
  loadTimeoutMs: number;
  /** Injectable because test DOMs do not load images. */
  waitForLoad?: WaitForLoad;
}
export type ReplaceOutcome = 'replaced' | 'refused';

/** Swaps in flight, so a repeated request for the same job waits for the first instead of starting over. */
const inflight = new WeakMap<HTMLImageElement, { key: string; done: Promise<ReplaceOutcome> }>();

/**
 * Shows `resultUrl` in place of `img`, keeping its layout box. 'refused' when the result does not load
 * (e.g. the page's CSP `img-src` blocks it, or the timeout passes): the element is then put back as it was.
 * Replacing again with the same job and result is a no-op.
 */
export function replaceImage(
  img: HTMLImageElement,
  request: ReplaceRequest,
  options: ReplaceOptions,
): Promise<ReplaceOutcome> {
  const key = `${request.jobId}\n${request.resultUrl}`;
  const pending = inflight.get(img);
  if (pending?.key === key) return pending.done;
  const current = readEnhanced(img);
  if (current?.job === request.jobId && current.url === request.resultUrl && shownVersion(img)) {
    // Also when the person chose to see the original meanwhile; a repeated delivery may carry a new backdrop.
    if (request.backdrop !== undefined) updateBackdrop(img, request.backdrop);
    return Promise.resolve('replaced');
  }
  // Another job's swap on this element must finish first, or this one would record its half-done state.
  const start = pending ? pending.done.then(() => swap(img, request, options)) : swap(img, request, options);
  const done = start.finally(() => {
    if (inflight.get(img)?.done === done) inflight.delete(img);
  });
  inflight.set(img, { key, done });
  return done;
}

async function swap(img: HTMLImageElement, request: ReplaceRequest, options: ReplaceOptions) {
  img.setAttribute(JOB_ATTR, request.jobId);
  const shown = shownVersion(img);
  // From an earlier job's result: keep its original record (and go back to that result if this one fails).
  const previous = shown === 'enhanced' ? readEnhanced(img) : null;
  if (!shown) forget(img); // stale records from an element the page has reused since
  recordOriginal(img);

  const before = measure(img);
  let pin: Pin | undefined = previous?.pin;
  let measured = false;
  // Runs in the `load` task, before the next paint, so the bigger result never shows at its own size, and
  // a cut-out never shows without its backdrop.
  const keepBox = () => {
    if (measured || img.getAttribute('src') !== request.resultUrl) return; // the page's own load, not ours
    measured = true;
    applyBackdrop(img, request.backdrop);
    const needed = pinFor(img, before);
    if (needed) applyPin(img, (pin = needed));
  };
  img.addEventListener('load', keepBox);
  applyResult(img, request.resultUrl);
  const loaded = await (options.waitForLoad ?? waitForImage)(img, options.loadTimeoutMs);
  img.removeEventListener('load', keepBox);

  if (img.getAttribute('src') !== request.resultUrl) {
    forget(img); // the page set its own src meanwhile: it wins, and there is nothing of ours to undo
    return 'refused';
  }
  if (loaded) {
    keepBox();
    const { jobId: job, resultUrl: url, label, backdrop } = request;
    writeEnhanced(
      img,
      { job, url, label, ...(pin ? { pin } : {}), ...(backdrop ? { backdrop } : {}) },
      'enhanced',
    );
    return 'replaced';
  }
  if (previous) {
    applyResult(img, previous.url, previous.pin);
    applyBackdrop(img, previous.backdrop);
  } else restoreOriginal(img);
  return 'refused';
}
