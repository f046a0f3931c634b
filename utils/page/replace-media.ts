import type { MediaVersion } from '../messages';
import { JOB_ATTR } from './find-media';
import { waitForImage, type WaitForLoad } from './load-wait';
import {
  ENHANCED_ATTR,
  applyPin,
  applyResult,
  forget,
  readEnhanced,
  recordOriginal,
  restoreOriginal,
  shownVersion,
  writeEnhanced,
  type Pin,
} from './media-state';

export interface ReplaceRequest {
  jobId: string;
  /** Must already have passed checkResultUrl. */
  resultUrl: string;
  label: string;
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
    return Promise.resolve('replaced'); // also when the person chose to see the original meanwhile
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
  // Runs in the `load` task, before the next paint, so the bigger result never shows at its own size.
  const keepBox = () => {
    if (measured) return;
    measured = true;
    const after = measure(img);
    const changed =
      Math.abs(after.width - before.width) > 0.5 || Math.abs(after.height - before.height) > 0.5;
    if (before.width > 0 && before.height > 0 && changed) {
      pin = { width: `${before.width}px`, height: `${before.height}px` };
      applyPin(img, pin);
    }
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
    const { jobId: job, resultUrl: url, label } = request;
    writeEnhanced(img, { job, url, label, ...(pin ? { pin } : {}) }, 'enhanced');
    return 'replaced';
  }
  if (previous) applyResult(img, previous.url, previous.pin);
  else restoreOriginal(img);
  return 'refused';
}

/**
 * The used width/height (what an inline `width`/`height` would need to keep the box), falling back to the
 * border box where the computed style has no pixel size (e.g. not rendered).
 */
function measure(img: HTMLImageElement): { width: number; height: number } {
  const style = img.ownerDocument.defaultView?.getComputedStyle(img);
  const width = Number.parseFloat(style?.width ?? '');
  const height = Number.parseFloat(style?.height ?? '');
  if (Number.isFinite(width) && Number.isFinite(height)) return { width, height };
  const rect = img.getBoundingClientRect();
  return { width: rect.width, height: rect.height };
}

/** Shows one version of every image `jobId` replaced; returns how many elements changed. */
export function showVersion(doc: Document, jobId: string, version: MediaVersion): number {
  let changed = 0;
  for (const img of Array.from(doc.querySelectorAll<HTMLImageElement>(`img[${ENHANCED_ATTR}]`))) {
    const record = readEnhanced(img);
    if (record?.job !== jobId) continue;
    const shown = shownVersion(img);
    if (!shown) {
      forget(img); // the page replaced the element's source itself: leave it alone
      continue;
    }
    if (shown === version) continue;
    if (version === 'original') {
      restoreOriginal(img);
    } else {
      recordOriginal(img);
      applyResult(img, record.url, record.pin);
      fallBackOnError(img, record.url);
    }
    writeEnhanced(img, record, version);
    changed++;
  }
  return changed;
}

/** A result that no longer loads (an expired link) must not leave a broken image: show the original. */
function fallBackOnError(img: HTMLImageElement, url: string): void {
  const onError = () => {
    img.removeEventListener('load', onLoad);
    if (shownVersion(img) !== 'enhanced' || img.getAttribute('src') !== url) return;
    const record = readEnhanced(img);
    restoreOriginal(img);
    if (record) writeEnhanced(img, record, 'original');
  };
  const onLoad = () => img.removeEventListener('error', onError);
  img.addEventListener('error', onError, { once: true });
  img.addEventListener('load', onLoad, { once: true });
}
