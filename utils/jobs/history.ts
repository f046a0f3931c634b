import { deleteBlobs, keptBlobs } from './blobs';
import { isSettled } from './retention';
import type { Job } from './schema';
import { deleteJobsIf, listJobs } from './store';

/**
 * The job history: finished jobs leave the list (and their kept copies leave IndexedDB) when the person
 * clears them, or on their own once they are older than the setting (utils/storage.ts, historyDays).
 * A job still running, waiting for the person's decision or still on its way into the page is never
 * touched. The background runs this: it is the only writer of job records.
 */
export const DAY_MS = 24 * 60 * 60 * 1000;
/** The alarm that runs the clean-up once a day, whether or not the popup is ever opened. */
export const HISTORY_ALARM = 'history-cleanup';
export const HISTORY_PERIOD_MINUTES = 24 * 60;

/** When a finished job finished; records from before `finishedAt` was kept fall back to their last write. */
export const finishedTime = (job: Job) => job.finishedAt ?? job.updatedAt;

/** The oldest finish time that is kept, for `days` of history; undefined for 0 (keep forever). */
export function historyCutoff(days: number, now: number): number | undefined {
  return days > 0 ? now - days * DAY_MS : undefined;
}

/** The ids of finished jobs that finished before `cutoff` (every finished job when there is none). */
export function finishedBefore(jobs: readonly Job[], cutoff = Number.POSITIVE_INFINITY): string[] {
  return jobs.filter((job) => isSettled(job) && finishedTime(job) < cutoff).map((job) => job.id);
}

/**
 * Removes the given jobs and their kept copies. Each record is re-checked in the deleting transaction
 * itself, so a job retried since the listing runs again and stays. The records go first, then the
 * bytes: a worker stopped in between only leaves bytes without a job, which the storage budget clears
 * as orphans.
 */
export async function removeFinished(ids: readonly string[]): Promise<number> {
  if (ids.length === 0) return 0;
  const removed = new Set(await deleteJobsIf(ids, isSettled));
  const withCopies = new Set((await keptBlobs()).map((blob) => blob.jobId).filter((id) => removed.has(id)));
  for (const id of withCopies) await deleteBlobs(id);
  return removed.size;
}

/** "Clear finished" in the popup: every finished job, whatever its age. */
export async function clearFinished(): Promise<number> {
  return removeFinished(finishedBefore(await listJobs()));
}

/** The automatic clean-up: finished jobs older than `days` days; nothing when `days` is 0. */
export async function cleanUpHistory(days: number, now: number): Promise<number> {
  const cutoff = historyCutoff(days, now);
  if (cutoff === undefined) return 0;
  return removeFinished(finishedBefore(await listJobs(), cutoff));
}
