import { vi } from 'vitest';

export interface PutAttempt {
  /** The IndexedDB database the put goes to, e.g. 'enhance-in-place-blobs'. */
  db: string;
  key: IDBValidKey | undefined;
  value: unknown;
}

/**
 * Makes chosen IndexedDB puts fail as they do in Chromium when the origin's quota is used up
 * (measured in Chromium 156): the put itself succeeds, then its transaction aborts with
 * `transaction.error` set to a DOMException named QuotaExceededError and an empty message, and nothing
 * the transaction wrote stays. `times` bounds how many puts fail; the spy is restored after each test.
 */
export function failPutsWithQuota(which: (put: PutAttempt) => boolean, times = Infinity) {
  const original = IDBObjectStore.prototype.put;
  const failed: PutAttempt[] = [];
  vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (
    this: IDBObjectStore,
    value: unknown,
    key?: IDBValidKey,
  ) {
    const request = original.call(this, value, key);
    const attempt = { db: this.transaction.db.name, key, value };
    if (failed.length < times && which(attempt)) {
      failed.push(attempt);
      const tx = this.transaction;
      request.addEventListener('success', () => {
        Object.defineProperty(tx, 'error', { value: new DOMException('', 'QuotaExceededError') });
        tx.abort();
      });
    }
    return request;
  });
  return failed;
}

export const inDb = (name: string) => (put: PutAttempt) => put.db === name;
export const BLOBS_DB = 'enhance-in-place-blobs';
export const JOBS_DB = 'enhance-in-place-jobs';
