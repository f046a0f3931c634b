import { useEffect, useState } from 'react';
import type { Job } from '@/utils/jobs/schema';
import { getJob, listJobs, watchJobs } from '@/utils/jobs/store';

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
