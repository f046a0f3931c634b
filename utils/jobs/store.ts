import { createStore, del, entries, get, set, update, type UseStore } from 'idb-keyval';
import { migrateJobRecord } from './migrate';
import { JOBS_CHANNEL, jobsDb as jobs } from './record-db';
import { jobSchema, type Job } from './schema';

export { listJobRecords, watchJobs } from './record-db';

/**
 * Jobs live in the extension origin's IndexedDB (survives worker kills and browser restarts), one
 * record per job. Only the background writes; after each write it announces the id on a
 * BroadcastChannel so open popups re-read (IndexedDB itself has no change events).
 */
let quarantineStore: UseStore | undefined;
const quarantine = () => (quarantineStore ??= createStore('enhance-in-place-quarantine', 'records'));

let channel: BroadcastChannel | undefined;

function announce(id: string) {
  channel ??= new BroadcastChannel(JOBS_CHANNEL);
  channel.postMessage({ id });
}

/** Reads one record, bringing older versions forward; an unreadable record is quarantined, not lost. */
export function readRecord(id: string, raw: unknown): Job | undefined {
  const migrated = migrateJobRecord(raw);
  const parsed = jobSchema.safeParse(migrated);
  if (parsed.success) return parsed.data;
  void set(id, raw, quarantine()).then(() => del(id, jobs()));
  console.warn(`Quarantined unreadable job record ${id}`);
  return undefined;
}

export async function getJob(id: string): Promise<Job | undefined> {
  const raw = await get(id, jobs());
  return raw === undefined ? undefined : readRecord(id, raw);
}

/** Newest first. */
export async function listJobs(): Promise<Job[]> {
  const all = await entries(jobs());
  const list = all.flatMap(([id, raw]) => readRecord(String(id), raw) ?? []);
  return list.sort((a, b) => b.createdAt - a.createdAt);
}

export async function putJob(job: Job): Promise<Job> {
  const valid = jobSchema.parse(job);
  await set(valid.id, valid, jobs());
  announce(valid.id);
  return valid;
}

/**
 * Atomic read-modify-write (one IndexedDB transaction). `change` returns the new record, or undefined to
 * leave it as it is. Resolves to the stored record after the change.
 */
export async function updateJob(id: string, change: (job: Job) => Job | undefined): Promise<Job | undefined> {
  let result: Job | undefined;
  await update(
    id,
    (raw) => {
      if (raw === undefined) return undefined;
      const current = jobSchema.safeParse(migrateJobRecord(raw));
      if (!current.success) return raw; // leave unreadable data for quarantine by the next read
      const next = change(current.data);
      result = next ? jobSchema.parse(next) : current.data;
      return result;
    },
    jobs(),
  );
  if (result) announce(id);
  return result;
}

export async function deleteJob(id: string): Promise<void> {
  await del(id, jobs());
  announce(id);
}

/**
 * Deletes, in ONE transaction, those of `ids` whose record still passes `check` when the transaction
 * reads it (a job retried since the caller listed it is kept), then announces each. Returns the ids
 * deleted. For bulk clean-up: one transaction instead of one per job, and one burst of announcements.
 */
export async function deleteJobsIf(ids: readonly string[], check: (job: Job) => boolean): Promise<string[]> {
  const deleted: string[] = [];
  await jobs()(
    'readwrite',
    (objects) =>
      new Promise<void>((resolve, reject) => {
        const tx = objects.transaction;
        tx.oncomplete = () => resolve();
        tx.onabort = () => reject(tx.error ?? new DOMException('Job delete aborted', 'AbortError'));
        for (const id of ids) {
          const read = objects.get(id);
          read.onsuccess = () => {
            if (read.result === undefined) return;
            const parsed = jobSchema.safeParse(migrateJobRecord(read.result));
            if (!parsed.success || !check(parsed.data)) return;
            objects.delete(id);
            deleted.push(id);
          };
        }
      }),
  );
  for (const id of deleted) announce(id);
  return deleted;
}

export async function quarantinedCount(): Promise<number> {
  return (await entries(quarantine())).length;
}
