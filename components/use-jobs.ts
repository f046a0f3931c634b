import { useEffect, useState } from 'react';
import type { Job } from '@/utils/jobs/schema';
import { getJob, listJobs, watchJobs } from '@/utils/jobs/store';
import { mergeJobs } from './job-list';

/** Changes announced within this window are read together (a batch of jobs starts or clears at once). */
const COALESCE_MS = 50;
/** Past this many changed ids one list read is cheaper than that many single reads ("Clear finished"). */
const RELOAD_OVER = 40;

/**
 * The job list, newest first. Read whole once; afterwards only the jobs the background announces as
 * changed are read again and swapped in, so a running job costs one record read per update and every
 * other row keeps its object (and its memoised render).
 */
export function useJobs(): Job[] | undefined {
  const [jobs, setJobs] = useState<Job[]>();
  useEffect(() => {
    let alive = true;
    let loaded = false;
    let pending = new Set<string>();
    let timer: ReturnType<typeof setTimeout> | undefined;

    const reload = () =>
      listJobs().then((list) => {
        if (!alive) return;
        loaded = true;
        setJobs(list);
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
      if (alive) setJobs((list) => mergeJobs(list ?? [], new Map(read)));
    }

    const stop = watchJobs((id) => {
      pending.add(id);
      timer ??= setTimeout(() => void flush(), COALESCE_MS);
    });
    void reload();
    return () => {
      alive = false;
      stop();
      if (timer) clearTimeout(timer);
    };
  }, []);
  return jobs;
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
