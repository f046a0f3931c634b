import { useCallback, useEffect, useState, useSyncExternalStore } from 'react';
import type { Job } from '@/utils/jobs/schema';
import { getJob, listJobRecords, readRecord, watchJobs } from '@/utils/jobs/store';
import { afterNextPaint } from './after-paint';
import { takeFirstRead, type FirstRead } from './early-jobs';
import type { ListedJob } from './job-listing';
import { createJobsStore, type JobsStore } from './jobs-store';

/** Changes announced within this window are read together (a batch of jobs starts or clears at once). */
const COALESCE_MS = 50;
/** Past this many changed ids one list read is cheaper than that many single reads ("Clear finished"). */
const RELOAD_OVER = 40;

let first: { read: FirstRead | undefined } | undefined;
/** The first read the popup's first script started, taken once (React may run this code twice). */
const firstRead = () => (first ??= { read: takeFirstRead() }).read;

/**
 * The job records for the popup, newest first, in a JobsStore. The newest ones come first, from the
 * read the popup's first script started (usually done before React renders, so the first render has
 * its rows); the whole list is read in one read after that paint. Records are checked row by row as
 * rows ask (see jobs-store.ts); afterwards only the jobs the background announces as changed are read
 * again and applied, so a running job costs one record read per update and re-renders its own row.
 */
export function useJobsStore(): JobsStore {
  const [store] = useState(() => {
    const created = createJobsStore(readRecord);
    const newest = firstRead()?.records;
    if (newest) created.replaceAll(newest, false);
    return created;
  });
  useEffect(() => {
    let alive = true;
    let loaded = false;
    let pending = new Set<string>();
    let timer: ReturnType<typeof setTimeout> | undefined;

    const reload = () =>
      listJobRecords().then((records) => {
        if (!alive) return;
        loaded = true;
        store.replaceAll(records);
        // Changes announced while the list was read may or may not be in it: read those again.
        if (pending.size > 0) timer ??= setTimeout(() => void flush(), 0);
      });

    async function flush() {
      timer = undefined;
      if (!loaded) return; // read once the whole list is in
      const ids = [...pending];
      pending = new Set();
      if (ids.length > RELOAD_OVER) {
        loaded = false; // changes meanwhile wait for this read, then are read again on top of it
        return void (await reload());
      }
      const read = await Promise.all(ids.map(async (id) => [id, await getJob(id)] as const));
      if (alive) store.apply(new Map(read));
    }

    const stop = watchJobs((id) => {
      pending.add(id);
      timer ??= setTimeout(() => void flush(), COALESCE_MS);
    });
    // Taken over once this watch is on: a change announced before it is among `changed`, after it here.
    const head = firstRead();
    head?.stop();
    head?.changed.forEach((id) => pending.add(id));
    if (!head || store.complete()) void reload();
    else
      head.newest.then(
        (records) => {
          if (!alive || loaded) return;
          if (store.list() === undefined) store.replaceAll(records, false);
          afterNextPaint(() => alive && void reload());
        },
        () => alive && void reload(),
      );
    return () => {
      alive = false;
      stop();
      if (timer) clearTimeout(timer);
    };
  }, [store]);
  return store;
}

/** The list (undefined until read); re-renders only when a job comes, goes or moves. */
export function useJobList(store: JobsStore): ListedJob[] | undefined {
  return useSyncExternalStore(store.subscribeList, store.list);
}

/** Whether the list holds every stored job yet (see JobsStore.complete). */
export function useJobListComplete(store: JobsStore): boolean {
  return useSyncExternalStore(store.subscribeList, store.complete);
}

/** One job of the store; re-renders only when that job changed. */
export function useStoredJob(store: JobsStore, id: string): Job | undefined {
  const subscribe = useCallback((listener: () => void) => store.subscribeJob(id, listener), [store, id]);
  return useSyncExternalStore(subscribe, () => store.job(id));
}

/** One job, kept current; null once it no longer exists. */
export function useJob(id: string): Job | null | undefined {
  const [job, setJob] = useState<Job | null>();
  useEffect(() => {
    let alive = true;
    const load = () => void getJob(id).then((found) => alive && setJob(found ?? null));
    load();
    const stop = watchJobs((changed) => changed === id && load());
    return () => {
      alive = false;
      stop();
    };
  }, [id]);
  return job;
}
