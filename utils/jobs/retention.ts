import { oneAtATime } from '../one-at-a-time';
import { keptBudgetMb, keptBudgetSchema, readSetting } from '../storage';
import {
  deleteBlob,
  INPUT_KINDS,
  isInputKind,
  keptBlobs,
  putBlob,
  type BlobKind,
  type KeptBlob,
} from './blobs';
import { isQuotaError, StorageFullError, type StorageFullSituation } from './quota';
import { TERMINAL_STATES, type Job } from './schema';
import { getJob, listJobs, updateJob } from './store';

/**
 * The budget for kept images. A new copy that would go over it first clears the copies of FINISHED
 * jobs, oldest kept first; a job still running (or waiting for the person's decision) keeps its
 * bytes. The job keeps its row and records that its copy was cleared (`result.cleared`).
 */
const MB = 1024 * 1024;
/** A full quota says nothing about how much is missing (the pool is the browser's): free at least this. */
export const FREE_ON_QUOTA_BYTES = 50 * MB;
/** Bytes with no job yet are an intake in progress (the input is written before the record), for a while. */
const ORPHAN_GRACE_MS = 10 * 60_000;

type ClearReason = NonNullable<NonNullable<Job['result']>['cleared']>;

export async function budgetBytes(): Promise<number> {
  return (await readSetting(keptBudgetMb, keptBudgetSchema)) * MB;
}

export interface StorageUse {
  usedBytes: number;
  budgetBytes: number;
  blobs: number;
}

/** What the kept images take now, from the blob index (read-only; safe from any extension page). */
export async function storageUse(): Promise<StorageUse> {
  const [kept, budget] = await Promise.all([keptBlobs(), budgetBytes()]);
  return { usedBytes: total(kept), budgetBytes: budget, blobs: kept.length };
}

const total = (kept: readonly KeptBlob[]) => kept.reduce((sum, blob) => sum + blob.size, 0);

/** Done for good: nothing reads its bytes on its own any more (a pending page swap still needs the result). */
export function isSettled(job: Job): boolean {
  return TERMINAL_STATES.has(job.state) && !(job.state === 'completed' && job.page?.status === 'pending');
}

interface Candidate {
  blob: KeptBlob;
  job?: Job;
}

/** Bytes nobody will miss, in the order they go: those of removed jobs, then the oldest kept first. */
async function candidates(protect: string | undefined, now: number): Promise<Candidate[]> {
  const [kept, jobs] = await Promise.all([keptBlobs(), listJobs()]);
  const byId = new Map(jobs.map((job) => [job.id, job]));
  return kept
    .filter((blob) => blob.jobId !== protect)
    .map((blob) => ({ blob, job: byId.get(blob.jobId) }))
    .filter(({ blob, job }) => (job ? isSettled(job) : now - blob.keptAt > ORPHAN_GRACE_MS))
    .sort((a, b) => Number(Boolean(a.job)) - Number(Boolean(b.job)) || a.blob.keptAt - b.blob.keptAt);
}

/** The record says its copy is gone, then the bytes go: a worker killed between them only leaves bytes. */
async function clear({ blob, job }: Candidate, reason: ClearReason): Promise<boolean> {
  const drop = () => deleteBlob(blob.jobId, [blob.kind]);
  if (job && isInputKind(blob.kind)) {
    const current = await getJob(job.id);
    if (current && !isSettled(current)) return false; // it started again (a retry) since the listing
  } else if (job) {
    let settled = false;
    const mark = () =>
      updateJob(job.id, (current) => {
        settled = isSettled(current);
        if (!settled || !current.result) return undefined;
        const flag = blob.kind === 'result' ? { cached: false } : { maskCached: false };
        return { ...current, result: { ...current.result, ...flag, cleared: reason } };
      });
    try {
      await mark();
    } catch (error) {
      if (!isQuotaError(error) || !settled) throw error;
      // Not even the record could be rewritten: free the bytes first, then say so.
      await drop();
      await mark().catch(() => undefined);
      return true;
    }
    if (!settled) return false;
  }
  await drop();
  return true;
}

/** With `allOrNothing`, nothing is cleared unless clearing could free enough (no copy lost for nothing). */
async function evict(needBytes: number, reason: ClearReason, protect?: string, allOrNothing = false) {
  const list = await candidates(protect, Date.now());
  if (allOrNothing && total(list.map(({ blob }) => blob)) < needBytes) return 0;
  let freed = 0;
  for (const candidate of list) {
    if (freed >= needBytes) break;
    if (await clear(candidate, reason)) freed += candidate.blob.size;
  }
  return freed;
}

/** One budget decision at a time: two copies kept at once must not both count the same free room. */
const serial = oneAtATime();

async function withRoom<T>(
  write: () => Promise<T>,
  situation: StorageFullSituation,
  free: (bytes: number) => Promise<unknown>,
  needBytes = 0,
): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (!isQuotaError(error)) throw error;
  }
  await free(Math.max(needBytes, FREE_ON_QUOTA_BYTES));
  try {
    return await write();
  } catch (error) {
    throw isQuotaError(error) ? new StorageFullError(situation, error) : error;
  }
}

/**
 * Runs a write (a new job record, a job update); on a full quota it clears finished jobs' copies and
 * tries once more, then throws a StorageFullError whose message fits `situation`.
 */
export function writeWithRoom<T>(
  write: () => Promise<T>,
  situation: StorageFullSituation,
  options: { needBytes?: number; protect?: string } = {},
): Promise<T> {
  const free = (bytes: number) => serial(() => evict(bytes, 'storage_full', options.protect));
  return withRoom(write, situation, free, options.needBytes);
}

/**
 * Keeps a job's bytes within the budget. A result or mask that cannot fit even after every finished
 * job's copy is cleared throws StorageFullError('overBudget'); an input is always kept (the job cannot
 * run without it) after making what room there is. A full quota throws StorageFullError too.
 */
export function keepBlob(jobId: string, kind: BlobKind, blob: Blob): Promise<void> {
  return serial(async () => {
    const [kept, budget] = await Promise.all([keptBlobs(), budgetBytes()]);
    const others = kept.filter((entry) => !(entry.jobId === jobId && entry.kind === kind));
    const over = total(others) + blob.size - budget;
    if (over > 0) {
      const freed = await evict(over, 'budget', jobId, !isInputKind(kind));
      if (freed < over && !isInputKind(kind)) throw new StorageFullError('overBudget');
    }
    const situation = isInputKind(kind) ? 'newJob' : 'resultNotKept';
    const free = (bytes: number) => evict(bytes, 'storage_full', jobId);
    await withRoom(() => putBlob(jobId, kind, blob), situation, free, blob.size);
  });
}

/** The input kept for upload (and a drawn mask), once the job no longer needs it. */
export function dropInput(jobId: string): Promise<void> {
  return deleteBlob(jobId, INPUT_KINDS);
}

/** Brings the kept images back within the budget (after it was lowered); returns the bytes freed. */
export function enforceBudget(): Promise<number> {
  return serial(async () => {
    const [kept, budget] = await Promise.all([keptBlobs(), budgetBytes()]);
    const over = total(kept) - budget;
    return over > 0 ? evict(over, 'budget') : 0;
  });
}

/** Clears finished jobs' copies, oldest first, until at least `bytes` are freed (or none are left). */
export function freeSpace(bytes: number): Promise<number> {
  return serial(() => evict(bytes, 'storage_full'));
}

/** For the background: a lowered budget takes effect at once, not at the next kept copy. */
export function watchBudget(): () => void {
  return keptBudgetMb.watch(() => {
    enforceBudget().catch((error: unknown) => console.warn('Could not apply the storage budget', error));
  });
}
