import { createStore, get, keys, type UseStore } from 'idb-keyval';
import * as z from 'zod/mini';

/**
 * Bytes that belong to a job, kept in the extension origin's IndexedDB (Blobs are stored natively):
 * the input of providers that take an upload (so a retry needs no page), and results fetched promptly
 * because their links expire (HitPaw segmentation after ~24 h) or need the key (EnhanceCraft).
 *
 * Beside the blobs, one index record lists each blob's size and when it was kept, so the budget
 * (utils/jobs/retention.ts) never reads every blob. A blob and its index entry change in ONE
 * transaction; every transaction also checks the index against the store's keys and rebuilds it from
 * the blobs when they differ (data from before the index existed, or a write that had to skip it).
 */
export const blobKinds = ['input', 'result', 'mask', 'drawn-mask'] as const;
export type BlobKind = (typeof blobKinds)[number];
/**
 * What a job is sent with (the uploaded image; the mask a person drew for it): kept while the job may
 * still be sent, never cleared as a finished job's copy, dropped once it completed.
 */
export const INPUT_KINDS: readonly BlobKind[] = ['input', 'drawn-mask'];
export const isInputKind = (kind: BlobKind) => INPUT_KINDS.includes(kind);

const keptBlobSchema = z.object({
  jobId: z.string(),
  kind: z.enum(blobKinds),
  size: z.number().check(z.nonnegative()),
  keptAt: z.number(),
});
export type KeptBlob = z.infer<typeof keptBlobSchema>;
const indexSchema = z.record(z.string(), keptBlobSchema);
type Index = Record<string, KeptBlob>;

/** Blob keys are `<jobId>:<kind>`; this key cannot be one of them. */
const INDEX_KEY = '#index';

let store: UseStore | undefined;
const blobs = () => (store ??= createStore('enhance-in-place-blobs', 'blobs'));
const keyOf = (jobId: string, kind: BlobKind) => `${jobId}:${kind}`;

function parseKey(key: string): Pick<KeptBlob, 'jobId' | 'kind'> | undefined {
  const at = key.lastIndexOf(':');
  const kind = key.slice(at + 1) as BlobKind;
  return at > 0 && blobKinds.includes(kind) ? { jobId: key.slice(0, at), kind } : undefined;
}

/**
 * Runs `work` in one transaction and settles when it commits, rejecting with the transaction's own
 * error when it aborts: that is where Chromium reports a full quota (a DOMException named
 * QuotaExceededError), not on the request.
 */
function transaction<T>(
  mode: IDBTransactionMode,
  work: (objects: IDBObjectStore, done: (value: T) => void) => void,
): Promise<T> {
  return blobs()(
    mode,
    (objects) =>
      new Promise<T>((resolve, reject) => {
        const tx = objects.transaction;
        let value: T;
        tx.oncomplete = () => resolve(value);
        tx.onabort = () => reject(tx.error ?? new DOMException('Blob store write aborted', 'AbortError'));
        work(objects, (result) => (value = result));
      }),
  );
}

/** The index as stored when it matches the store's keys, else rebuilt from the blobs themselves. */
function readIndex(objects: IDBObjectStore, then: (index: Index) => void) {
  const keysRequest = objects.getAllKeys();
  const indexRequest = objects.get(INDEX_KEY);
  indexRequest.onsuccess = () => {
    const keys = keysRequest.result.map(String).filter((key) => key !== INDEX_KEY);
    const parsed = indexSchema.safeParse(indexRequest.result);
    const stored = parsed.success ? parsed.data : {};
    const matches = Object.keys(stored).length === keys.length && keys.every((key) => key in stored);
    if (parsed.success && matches) then(stored);
    else rebuild(objects, stored, then);
  };
}

/** Unknown keep times become 0: such blobs predate everything indexed, so they count as the oldest. */
function rebuild(objects: IDBObjectStore, previous: Index, then: (index: Index) => void) {
  const index: Index = {};
  const cursor = objects.openCursor();
  cursor.onsuccess = () => {
    const at = cursor.result;
    if (!at) return then(index);
    const key = String(at.key);
    const parts = parseKey(key);
    if (parts && at.value instanceof Blob) {
      index[key] = { ...parts, size: at.value.size, keptAt: previous[key]?.keptAt ?? 0 };
    }
    at.continue();
  };
}

function rewrite(change: (objects: IDBObjectStore, index: Index) => void): Promise<void> {
  return transaction<void>('readwrite', (objects) =>
    readIndex(objects, (index) => {
      change(objects, index);
      objects.put(index, INDEX_KEY);
    }),
  );
}

/** Stores a blob as is, with no budget: callers go through `keepBlob` (retention.ts). */
export function putBlob(jobId: string, kind: BlobKind, blob: Blob): Promise<void> {
  return rewrite((objects, index) => {
    const key = keyOf(jobId, kind);
    objects.put(blob, key);
    index[key] = { jobId, kind, size: blob.size, keptAt: Date.now() };
  });
}

export async function getBlob(jobId: string, kind: BlobKind): Promise<Blob | undefined> {
  const value = await get<unknown>(keyOf(jobId, kind), blobs());
  return value instanceof Blob ? value : undefined;
}

/**
 * Which blobs are kept, from one read of the store's keys alone (no blob, no index): for a page that
 * would otherwise ask for each job's blob in turn, most of them absent (the popup's thumbnails).
 */
export async function keptBlobKeys(): Promise<(jobId: string, kind: BlobKind) => boolean> {
  const kept = new Set((await keys(blobs())).map(String));
  return (jobId, kind) => kept.has(keyOf(jobId, kind));
}

/**
 * Deletes some of a job's blobs. Should even the small index rewrite find no room (a full quota), the
 * blobs are deleted alone: the next transaction sees the index no longer matches and rebuilds it.
 */
export async function deleteBlob(jobId: string, kinds: readonly BlobKind[] = blobKinds): Promise<void> {
  const keys = kinds.map((kind) => keyOf(jobId, kind));
  try {
    await rewrite((objects, index) => {
      for (const key of keys) {
        objects.delete(key);
        delete index[key];
      }
    });
  } catch {
    await transaction<void>('readwrite', (objects) => keys.forEach((key) => objects.delete(key)));
  }
}

export const deleteBlobs = (jobId: string) => deleteBlob(jobId);

/** Every kept blob with its size, from the index (read-only: a rebuilt index is saved by the next write). */
export function keptBlobs(): Promise<KeptBlob[]> {
  return transaction<KeptBlob[]>('readonly', (objects, done) =>
    readIndex(objects, (index) => done(Object.values(index))),
  );
}

/** Largest result kept locally; bigger files (videos) stay links. */
export const MAX_CACHED_BYTES = 40 * 1024 * 1024;
