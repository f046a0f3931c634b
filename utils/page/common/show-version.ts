import type { MediaVersion } from './protocol';
import { recordsOf, shownBy, type Entry, type PageRecords } from './records';

/**
 * Shows one version of every element `jobId` replaced (images, videos, backgrounds alike); returns how
 * many changed. An element the page has taken over since (it set its own source) is left alone and
 * forgotten.
 */
export function showVersion(doc: Document, jobId: string, version: MediaVersion): number {
  const records = recordsOf(doc);
  let changed = 0;
  for (const [el, entry] of records.ofJob(jobId)) {
    const shown = shownBy(el, entry);
    if (!shown) {
      entry.kind.release(el, entry.original);
      records.drop(el);
    } else if (shown !== version) {
      if (version === 'original') showOriginal(records, el, entry);
      else showEnhanced(records, el, entry);
      changed++;
    }
  }
  return changed;
}

function showOriginal(records: PageRecords, el: HTMLElement, entry: Entry): void {
  entry.kind.restore(el, entry.original);
  records.set(el, { ...entry, shown: 'original', original: null });
}

function showEnhanced(records: PageRecords, el: HTMLElement, entry: Entry): void {
  const original = entry.kind.capture(el, entry.record);
  entry.kind.show(el, entry.record, original);
  const shown: Entry = { ...entry, shown: 'enhanced', original };
  records.set(el, shown);
  // A result that no longer loads (an expired link) must not leave a broken element: show the original.
  entry.kind.watchBroken(el, entry.record, () => {
    if (records.get(el) === shown) showOriginal(records, el, shown);
  });
}
