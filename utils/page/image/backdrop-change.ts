import type { BackdropChoice } from '../common/protocol';
import { recordsOf, shownBy } from '../common/records';
import { sameBackdrop } from './backdrop';
import { applyBackdrop, type ImageOriginal } from './state';

/**
 * Gives the images `jobId` replaced another backdrop (shown at once where the result is shown, else kept
 * for when it is); returns how many elements changed.
 */
export function changeBackdrop(doc: Document, jobId: string, backdrop: BackdropChoice): number {
  const images = recordsOf(doc)
    .ofJob(jobId)
    .filter(([el]) => el.localName === 'img');
  return images.filter(([img]) => updateBackdrop(img as HTMLImageElement, backdrop)).length;
}

/**
 * Gives a replaced image another backdrop: at once when its result is shown, else kept with its record for
 * when it is. False when nothing changed (not ours, or the same backdrop).
 */
export function updateBackdrop(img: HTMLImageElement, backdrop: BackdropChoice): boolean {
  const records = recordsOf(img.ownerDocument);
  const entry = records.get(img);
  const shown = shownBy(img, entry);
  if (!entry || !shown || sameBackdrop(entry.record.backdrop, backdrop)) return false;
  records.set(img, { ...entry, record: { ...entry.record, backdrop } });
  if (shown === 'enhanced') applyBackdrop(img, entry.original as ImageOriginal, backdrop);
  return true;
}
