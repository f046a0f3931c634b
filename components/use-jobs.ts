import { useEffect, useState } from 'react';
import type { Job } from '@/utils/jobs/schema';
import { listJobs, watchJobs } from '@/utils/jobs/store';

/** The job list, newest first, re-read whenever the background announces a change. */
export function useJobs(): Job[] | undefined {
  const [jobs, setJobs] = useState<Job[]>();
  useEffect(() => {
    let alive = true;
    const load = () => void listJobs().then((list) => alive && setJobs(list));
    load();
    const stop = watchJobs(load);
    return () => {
      alive = false;
      stop();
    };
  }, []);
  return jobs;
}

/** A clock that ticks every second while something is running, for elapsed times. */
export function useNow(running: boolean): number {
  const [now, setNow] = useState(Date.now);
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [running]);
  return running ? now : Date.now();
}
