import { entries, promisifyRequest, type UseStore } from 'idb-keyval';

/**
 * Where the job records are kept and how a change is announced, with no schema attached: the popup's
 * first script reads the newest records through this before the rest of its code (React, the job
 * schema) has loaded, so nothing heavier than idb-keyval may be imported here. The checked reads and
 * every write are in store.ts.
 *
 * One record per job id in the `jobs` store of the `enhance-in-place-jobs` database, as idb-keyval
 * keeps them, plus (version 2) an index on `createdAt`: ids are random, so without it the newest jobs
 * could only be found by reading them all.
 */
const DB_NAME = 'enhance-in-place-jobs';
const STORE = 'jobs';
const BY_CREATED = 'createdAt';
const VERSION = 2;

let opening: Promise<IDBDatabase> | undefined;

function openJobsDb(): Promise<IDBDatabase> {
  if (opening) return opening;
  const request = indexedDB.open(DB_NAME, VERSION);
  request.onupgradeneeded = () => {
    const db = request.result;
    const store = db.objectStoreNames.contains(STORE)
      ? request.transaction!.objectStore(STORE)
      : db.createObjectStore(STORE);
    if (!store.indexNames.contains(BY_CREATED)) store.createIndex(BY_CREATED, 'createdAt');
  };
  opening = promisifyRequest(request);
  opening.then(
    (db) => {
      // A later version (an updated extension) waits for this connection: give way, reopen on next use.
      db.onversionchange = () => {
        db.close();
        opening = undefined;
      };
      db.onclose = () => (opening = undefined);
    },
    () => (opening = undefined),
  );
  return opening;
}

/** The jobs store for idb-keyval's functions (get, set, update, del, entries). */
export const jobsDb = (): UseStore => (mode, callback) =>
  openJobsDb().then((db) => callback(db.transaction(STORE, mode).objectStore(STORE)));

/** The BroadcastChannel on which the background names each job it wrote. */
export const JOBS_CHANNEL = 'enhance-in-place:jobs';

/**
 * Every stored record as it is, unchecked, in one read: for a reader that checks each with readRecord
 * only when it needs it (the popup validates the rows it shows, not 1,000 records before its first paint).
 */
export async function listJobRecords(): Promise<[string, unknown][]> {
  return (await entries(jobsDb())).map(([id, raw]) => [String(id), raw]);
}

/**
 * The `limit` newest records (by `createdAt`), newest first, unchecked: what the popup's first page
 * shows, without reading the rest. A record without a numeric `createdAt` (missing, or written by
 * something else) is not here; the whole read that follows has it.
 */
export async function newestJobRecords(limit: number): Promise<[string, unknown][]> {
  const db = await openJobsDb();
  const index = db.transaction(STORE).objectStore(STORE).index(BY_CREATED);
  const numbers = IDBKeyRange.bound(-Infinity, Infinity); // numbers sort before dates and strings
  const byRecords = index as IndexWithRecords;
  if (typeof byRecords.getAllRecords === 'function') {
    // One request (Chrome 141+): the records come back newest first, in one task.
    const records = await promisifyRequest(
      byRecords.getAllRecords({ query: numbers, count: limit, direction: 'prev' }),
    );
    return records.map((record) => [String(record.primaryKey), record.value]);
  }
  // Elsewhere: the ids in age order (small), then the newest records, all asked for at once.
  const ids = (await promisifyRequest(index.getAllKeys(numbers))).slice(-limit).reverse();
  const store = db.transaction(STORE).objectStore(STORE);
  const values = await Promise.all(ids.map((id) => promisifyRequest(store.get(id))));
  return ids.map((id, i) => [String(id), values[i]]);
}

/** IDBIndex.getAllRecords, not yet in TypeScript's DOM types. */
interface IndexWithRecords {
  getAllRecords?(options: {
    query: IDBKeyRange;
    count: number;
    direction: IDBCursorDirection;
  }): IDBRequest<{ primaryKey: IDBValidKey; value: unknown }[]>;
}

/** For extension pages: calls back whenever the background changed a job. */
export function watchJobs(onChange: (id: string) => void): () => void {
  const listener = new BroadcastChannel(JOBS_CHANNEL);
  listener.onmessage = (event: MessageEvent<{ id?: unknown }>) => {
    if (typeof event.data?.id === 'string') onChange(event.data.id);
  };
  return () => listener.close();
}
