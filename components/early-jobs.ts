import { newestJobRecords, watchJobs } from '@/utils/jobs/record-db';

/**
 * The popup's first read of the job records: only the newest ones, enough for its first page, started
 * by a small classic script (entrypoints/popup-first-read.ts) that runs while the page is still being
 * parsed, before React and the job schema have loaded. By the time the popup's code runs the records are
 * usually there, so its first render already has the rows; the whole list is read after that paint.
 * The changes announced meanwhile are collected too: the list's own watch takes both over.
 */
export interface FirstRead {
  newest: Promise<[string, unknown][]>;
  /** The newest records, once read: lets the first render use them without waiting a turn. */
  records?: [string, unknown][];
  changed: Set<string>;
  stop(): void;
}

/** Records read for the first paint: one page of the list (a batch's jobs count once there). */
export const FIRST_READ_RECORDS = 50;

declare global {
  interface Window {
    /** Set by the popup's first script, taken once by its list. Extension pages run no page code. */
    enhanceInPlaceFirstRead?: FirstRead;
  }
}

export function startFirstRead(): FirstRead {
  const changed = new Set<string>();
  const stop = watchJobs((id) => changed.add(id));
  const first: FirstRead = { newest: newestJobRecords(FIRST_READ_RECORDS), changed, stop };
  first.newest.then(
    (records) => (first.records = records),
    () => undefined, // the whole read follows and reports for itself
  );
  return first;
}

/** The first read the page's script started, once: whoever takes it owns it. */
export function takeFirstRead(): FirstRead | undefined {
  const first = window.enhanceInPlaceFirstRead;
  window.enhanceInPlaceFirstRead = undefined;
  return first;
}
