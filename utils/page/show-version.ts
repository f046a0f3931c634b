import type { BackdropChoice, MediaVersion } from '../messages';
import { sameBackdrop } from './backdrop';
import {
  ENHANCED_ATTR,
  applyBackdrop,
  applyResult,
  forget,
  readEnhanced,
  recordOriginal,
  restoreOriginal,
  shownVersion,
  writeEnhanced,
} from './media-state';
import { showVideoVersion } from './replace-video';

/** Shows one version of every image and video `jobId` replaced; returns how many elements changed. */
export function showVersion(doc: Document, jobId: string, version: MediaVersion): number {
  let changed = showVideoVersion(doc, jobId, version);
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
      applyBackdrop(img, record.backdrop);
      fallBackOnError(img, record.url);
    }
    writeEnhanced(img, record, version);
    changed++;
  }
  return changed;
}

/**
 * Gives the images `jobId` replaced another backdrop (shown at once where the result is shown, else kept
 * for when it is); returns how many elements changed.
 */
export function changeBackdrop(doc: Document, jobId: string, backdrop: BackdropChoice): number {
  let changed = 0;
  for (const img of Array.from(doc.querySelectorAll<HTMLImageElement>(`img[${ENHANCED_ATTR}]`))) {
    if (readEnhanced(img)?.job === jobId && updateBackdrop(img, backdrop)) changed++;
  }
  return changed;
}

/**
 * Gives a replaced image another backdrop: at once when its result is shown, else kept in its record for
 * when it is. False when nothing changed (not ours, or the same backdrop).
 */
export function updateBackdrop(img: HTMLImageElement, backdrop: BackdropChoice): boolean {
  const record = readEnhanced(img);
  const shown = shownVersion(img);
  if (!record || !shown || sameBackdrop(record.backdrop, backdrop)) return false;
  writeEnhanced(img, { ...record, backdrop }, shown);
  if (shown === 'enhanced') applyBackdrop(img, backdrop);
  return true;
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
