import type { BackdropChoice } from './protocol';
import { recordsOf, shownBy, type Entry, type MediaKind } from './records';
import { shared } from './world';

export interface ReplaceRequest {
  jobId: string;
  /** Must already have passed checkResultUrl (or be a blob: URL this page code made). */
  resultUrl: string;
  label: string;
  /** Absolute URL the job was made for (what the person clicked). */
  srcUrl: string;
  /** What shows behind a transparent result; absent: nothing. Images only. */
  backdrop?: BackdropChoice;
}
export type ReplaceOutcome = 'replaced' | 'refused';

/**
 * Swaps in flight, so a repeated request for the same job waits for the first instead of starting over
 * (shared by the page code's files: a video and an image part must see each other's swaps).
 */
const inflights = () =>
  shared('inflight', () => new WeakMap<HTMLElement, { key: string; done: Promise<ReplaceOutcome> }>());

/** Whether a swap is loading on `el` now (its state is ours, mid-way: nobody else may judge it). */
export const isSwapping = (el: HTMLElement): boolean => inflights().has(el);

/**
 * Runs `swap` for `request` on `el` at most once at a time: a repeat of the same job and result waits for
 * the first; the same job already shown (either version) is a no-op, `same` then applies any change it
 * carries (a new backdrop); another job's swap waits for the one in flight, or it would record its
 * half-done state as the original.
 */
export function oncePerElement(
  el: HTMLElement,
  request: ReplaceRequest,
  swap: () => Promise<ReplaceOutcome>,
  same: () => void = () => undefined,
): Promise<ReplaceOutcome> {
  const inflight = inflights();
  const key = `${request.jobId}\n${request.resultUrl}`;
  const pending = inflight.get(el);
  if (pending?.key === key) return pending.done;
  const entry = recordsOf(el.ownerDocument).get(el);
  const current = entry?.record;
  if (current?.job === request.jobId && current.url === request.resultUrl && shownBy(el, entry)) {
    same();
    return Promise.resolve('replaced');
  }
  const done = (pending ? pending.done.then(swap) : swap()).finally(() => {
    if (inflight.get(el)?.done === done) inflight.delete(el);
  });
  inflight.set(el, { key, done });
  return done;
}

/**
 * What `el` shows before a swap: an earlier job's result still shown is returned (its original is kept and
 * it comes back if the new result fails); an entry the page has made stale by reusing the element is
 * released and forgotten. `shown` is null when nothing of ours is on the element.
 */
export function priorResult(el: HTMLElement, kind: MediaKind<HTMLElement, unknown>) {
  const records = recordsOf(el.ownerDocument);
  const entry = records.get(el);
  const shown = shownBy(el, entry);
  if (entry && !shown) {
    kind.release(el, entry.original);
    records.drop(el);
  }
  const previous: Entry | undefined = shown === 'enhanced' ? entry : undefined;
  return { records, shown, previous };
}
