import { createStore, get, set, type UseStore } from 'idb-keyval';
import type { JobError } from '../errors';

/**
 * What the offscreen engine last reported for a job, written by the background as events arrive, read
 * by the on-device adapter's status(). Persisted, so a worker restart between an event and the next
 * poll loses nothing.
 */
export type LocalJobState =
  | { state: 'running'; done: number; total: number }
  | { state: 'done'; width: number; height: number; mask?: boolean }
  | { state: 'failed'; error: JobError }
  | { state: 'cancelled' };

let store: UseStore | undefined;
const localJobs = () => (store ??= createStore('enhance-in-place-on-device', 'jobs'));

export const readLocalJob = (jobId: string) => get<LocalJobState>(jobId, localJobs());
export const writeLocalJob = (jobId: string, state: LocalJobState) => set(jobId, state, localJobs());
