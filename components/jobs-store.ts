import type { Job } from '@/utils/jobs/schema';
import { mergeJobs, movesInList } from './job-list';
import { listedJob, listingOf, type ListedJob } from './job-listing';

/**
 * The popup's copy of the job records, with two kinds of subscriber: the list, told only when a job
 * comes, goes or moves (state, age, batch), and each row, told when its own record changed. A running
 * job's progress therefore re-renders its row and nothing else.
 *
 * The stored records arrive unchecked (one read of them all); the list, its counts and the search read
 * only each record's listed fields (job-listing.ts). A row's whole job is checked against the job
 * schema the first time that row asks for it, so opening the popup checks the first page of rows, not
 * 1,000 records. A record that fails leaves the list (and `check` quarantines it): nothing unchecked is
 * ever shown.
 */
export interface JobsStore {
  list(): ListedJob[] | undefined;
  /**
   * Whether the list holds every stored job, or only the newest ones read for the first paint (then
   * counts and "Clear finished" wait for the whole read). Changes with the list: subscribeList tells.
   */
  complete(): boolean;
  /** The job, checked when first asked for; undefined when there is none or it did not pass. */
  job(id: string): Job | undefined;
  subscribeList(listener: () => void): () => void;
  subscribeJob(id: string, listener: () => void): () => void;
  /**
   * Stored records as read, unchecked (key, record): every one, or (`complete` false) only the newest,
   * which the whole read replaces.
   */
  replaceAll(records: readonly (readonly [string, unknown])[], complete?: boolean): void;
  /** Records read again after a change, already checked (`undefined`: removed). */
  apply(changed: ReadonlyMap<string, Job | undefined>): void;
}

/** The job schema's verdict on one stored record (the job store's own reader, which quarantines). */
export type CheckRecord = (id: string, raw: unknown) => Job | undefined;

const newestFirst = (a: ListedJob, b: ListedJob) => b.createdAt - a.createdAt || a.id.localeCompare(b.id);

export function createJobsStore(check: CheckRecord): JobsStore {
  let list: ListedJob[] | undefined;
  let whole = false;
  let listed = new Map<string, ListedJob>();
  /** Records read but not yet asked for by a row: job id → [stored key, record]. */
  let unchecked = new Map<string, readonly [string, unknown]>();
  let checked = new Map<string, Job>();
  const listListeners = new Set<() => void>();
  const jobListeners = new Map<string, Set<() => void>>();
  const notifyJob = (id: string) => jobListeners.get(id)?.forEach((listener) => listener());
  const notifyList = () => listListeners.forEach((listener) => listener());

  /** A record that failed its check leaves the list; told after the render that asked for it. */
  function drop(id: string) {
    if (!listed.delete(id)) return;
    list = list?.filter((job) => job.id !== id);
    notifyList();
    notifyJob(id);
  }

  return {
    list: () => list,
    complete: () => whole,
    job(id) {
      const known = checked.get(id);
      const stored = unchecked.get(id);
      if (known || !stored) return known;
      const job = check(...stored);
      unchecked.delete(id);
      if (job) checked.set(id, job);
      else queueMicrotask(() => drop(id));
      return job;
    },
    subscribeList(listener) {
      listListeners.add(listener);
      return () => listListeners.delete(listener);
    },
    subscribeJob(id, listener) {
      const set = jobListeners.get(id) ?? new Set();
      set.add(listener);
      jobListeners.set(id, set);
      return () => {
        set.delete(listener);
        if (set.size === 0) jobListeners.delete(id);
      };
    },
    replaceAll(records, complete = true) {
      whole = complete;
      listed = new Map();
      unchecked = new Map();
      checked = new Map();
      for (const [key, raw] of records) {
        const listing = listedJob(raw);
        // Wrong already in the fields the list reads: the full check fails too, and quarantines it.
        if (!listing) void check(key, raw);
        else {
          listed.set(listing.id, listing);
          unchecked.set(listing.id, [key, raw]);
        }
      }
      list = [...listed.values()].sort(newestFirst);
      notifyList();
      [...jobListeners.keys()].forEach(notifyJob);
    },
    apply(changed) {
      const listings = new Map<string, ListedJob | undefined>();
      let moved = false;
      for (const [id, job] of changed) {
        const listing = job && listingOf(job);
        moved ||= movesInList(listed.get(id), listing);
        listings.set(id, listing);
        unchecked.delete(id);
        if (job && listing) {
          checked.set(id, job);
          listed.set(id, listing);
        } else {
          checked.delete(id);
          listed.delete(id);
        }
      }
      if (moved) {
        list = mergeJobs(list ?? [], listings);
        notifyList();
      }
      changed.forEach((_, id) => notifyJob(id));
    },
  };
}
