import type { Job } from '@/utils/jobs/schema';
import { mergeJobs, movesInList } from './job-list';

/**
 * The popup's copy of the job records, with two kinds of subscriber: the list, told only when a job
 * comes, goes or moves (state, age, batch), and each row, told when its own record changed. A running
 * job's progress therefore re-renders its row and nothing else.
 *
 * The list keeps the record objects it was built from; only the fields that place a job (see
 * movesInList) are read from them. Rows read their job from here.
 */
export interface JobsStore {
  list(): Job[] | undefined;
  job(id: string): Job | undefined;
  subscribeList(listener: () => void): () => void;
  subscribeJob(id: string, listener: () => void): () => void;
  replaceAll(jobs: Job[]): void;
  apply(changed: ReadonlyMap<string, Job | undefined>): void;
}

export function createJobsStore(): JobsStore {
  let list: Job[] | undefined;
  let byId = new Map<string, Job>();
  const listListeners = new Set<() => void>();
  const jobListeners = new Map<string, Set<() => void>>();
  const notifyJob = (id: string) => jobListeners.get(id)?.forEach((listener) => listener());

  return {
    list: () => list,
    job: (id) => byId.get(id),
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
    replaceAll(jobs) {
      list = jobs;
      byId = new Map(jobs.map((job) => [job.id, job]));
      listListeners.forEach((listener) => listener());
      [...jobListeners.keys()].forEach(notifyJob);
    },
    apply(changed) {
      const moved = [...changed].some(([id, job]) => movesInList(byId.get(id), job));
      for (const [id, job] of changed) {
        if (job) byId.set(id, job);
        else byId.delete(id);
      }
      if (moved) {
        list = mergeJobs(list ?? [], changed);
        listListeners.forEach((listener) => listener());
      }
      changed.forEach((_, id) => notifyJob(id));
    },
  };
}
