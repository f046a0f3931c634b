import type { BackdropChoice, MediaVersion } from './protocol';
import type { Pin } from './inline-style';
import { shared } from './world';

/**
 * What the page code changed, kept in the content script's own memory and nowhere in the page. The page
 * can read and forge any attribute, so nothing about a job is ever read back from the DOM: which elements
 * a job tagged, which result an element shows, its label and its original all live here, keyed by the
 * element itself. Page code is injected again on every click, but the first live instance keeps running
 * and the later ones stand down (see the entrypoint), so this memory outlives the injections.
 */

/** A result shown (or offered) on one element. */
export interface Enhanced {
  job: string;
  url: string;
  label: string;
  /** Absolute URL the job was made for: a re-rendered element that shows it again gets the result again. */
  srcUrl: string;
  pin?: Pin;
  /** Images only: what shows behind a transparent result. */
  backdrop?: BackdropChoice;
}

/** How one kind of element (image, video, CSS background) is switched between its versions. */
export interface MediaKind<E extends HTMLElement = HTMLElement, O = unknown> {
  /** Whether `el` still shows what we set for `record` (else the page has taken it over). */
  holds(el: E, record: Enhanced): boolean;
  /** What the element shows now, to put back later. */
  capture(el: E, record: Pick<Enhanced, 'srcUrl'>): O;
  /** Shows the result (a result known to load: toggled back by the person). */
  show(el: E, record: Enhanced, original: O): void;
  /** Puts `original` back exactly. */
  restore(el: E, original: O): void;
  /** Takes away what is ours without changing what shows (the page has taken the element over). */
  release(el: E, original: O | null): void;
  /** Calls `broken` once if the shown result fails to load (an expired link). */
  watchBroken(el: E, record: Enhanced, broken: () => void): void;
}

export interface Entry {
  kind: MediaKind<HTMLElement, unknown>;
  record: Enhanced;
  shown: MediaVersion;
  /** What the element showed before the result: kept only while the result is shown. */
  original: unknown;
}

/** Jobs whose tags are kept; older ones are dropped (a tab does not run this many jobs in one session). */
const MAX_TAGGED_JOBS = 500;

export class PageRecords {
  private readonly tags = new Map<string, Set<HTMLElement>>();
  private readonly entries = new Map<HTMLElement, Entry>();
  /** Told whenever an entry is set or dropped (the marker layer and the watcher follow). */
  onChange: () => void = () => undefined;

  tag(job: string, elements: HTMLElement[]): void {
    const set = this.tags.get(job) ?? new Set();
    elements.forEach((el) => set.add(el));
    this.tags.delete(job); // re-inserted last: the newest job is dropped last
    this.tags.set(job, set);
    if (this.tags.size > MAX_TAGGED_JOBS) this.tags.delete(this.tags.keys().next().value!);
  }

  /** The elements pageInspect tagged with `job` that are still in the page. */
  tagged(job: string): HTMLElement[] {
    return Array.from(this.tags.get(job) ?? []).filter((el) => el.isConnected);
  }

  get(el: HTMLElement): Entry | undefined {
    return this.entries.get(el);
  }

  set(el: HTMLElement, entry: Entry): void {
    this.entries.set(el, entry);
    this.onChange();
  }

  drop(el: HTMLElement): void {
    if (this.entries.delete(el)) this.onChange();
  }

  /** Every entry of an element still in the page; entries of removed elements are forgotten. */
  all(): [HTMLElement, Entry][] {
    const live: [HTMLElement, Entry][] = [];
    for (const [el, entry] of this.entries) {
      if (el.isConnected) live.push([el, entry]);
      else this.entries.delete(el);
    }
    return live;
  }

  ofJob(job: string): [HTMLElement, Entry][] {
    return this.all().filter(([, entry]) => entry.record.job === job);
  }

  get size(): number {
    return this.entries.size;
  }
}

/** Which version `entry` shows on `el`, or null when the page has taken the element over. */
export function shownBy(el: HTMLElement, entry: Entry | undefined): MediaVersion | null {
  if (!entry) return null;
  if (entry.shown === 'original') return 'original';
  return entry.kind.holds(el, entry.record) ? 'enhanced' : null;
}

/**
 * One memory per document, for as long as this instance of the page code runs; shared by the page code's
 * files through the isolated world (world.ts).
 */
export function recordsOf(doc: Document): PageRecords {
  const perDocument = shared('records', () => new WeakMap<Document, PageRecords>());
  let records = perDocument.get(doc);
  if (!records) perDocument.set(doc, (records = new PageRecords()));
  return records;
}

/** The entry of `el` in its document's memory. */
export const entryOf = (el: HTMLElement): Entry | undefined => recordsOf(el.ownerDocument).get(el);

/** Which version `el` shows, or null when it is not ours (never replaced, or the page took over). */
export const shownVersion = (el: HTMLElement): MediaVersion | null => shownBy(el, entryOf(el));
