import { createStore, del, get, set, type UseStore } from 'idb-keyval';

/**
 * Bytes that belong to a job, kept in the extension origin's IndexedDB (Blobs are stored natively):
 * the input of providers that take an upload (so a retry needs no page), and results fetched promptly
 * because their links expire (HitPaw segmentation after ~24 h) or need the key (EnhanceCraft).
 */
export type BlobKind = 'input' | 'result' | 'mask';

let store: UseStore | undefined;
const blobs = () => (store ??= createStore('enhance-in-place-blobs', 'blobs'));
const keyOf = (jobId: string, kind: BlobKind) => `${jobId}:${kind}`;

export async function putBlob(jobId: string, kind: BlobKind, blob: Blob): Promise<void> {
  await set(keyOf(jobId, kind), blob, blobs());
}

export async function getBlob(jobId: string, kind: BlobKind): Promise<Blob | undefined> {
  const value = await get<unknown>(keyOf(jobId, kind), blobs());
  return value instanceof Blob ? value : undefined;
}

export async function deleteBlobs(jobId: string): Promise<void> {
  await Promise.all((['input', 'result', 'mask'] as const).map((kind) => del(keyOf(jobId, kind), blobs())));
}

/** Largest result kept locally; bigger files (videos) stay links. */
export const MAX_CACHED_BYTES = 40 * 1024 * 1024;
