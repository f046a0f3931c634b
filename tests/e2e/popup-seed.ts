import type { Page } from '@playwright/test';
import { JOB_RECORD_VERSION, type Job } from '../../utils/jobs/schema';

/**
 * Stored job records for the popup at scale, written straight into the extension's IndexedDB the way
 * the job store keeps them (database `enhance-in-place-jobs`, store `jobs`, one record per id), from an
 * extension page. Shared by popup-scale.spec.ts and the popup benchmark (scripts/bench/popup.ts).
 */
const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;
const LABELS = [
  ['hitpaw-photo', 'general_2x', 'General 2×', 'HitPaw'],
  ['enhancecraft', 'enhance-2x', 'Upscale 2×', 'EnhanceCraft'],
  ['on-device', 'upscale-2x', 'Upscale 2×', 'On device'],
  ['hitpaw-segmentation', 'matting', 'Remove background', 'HitPaw'],
] as const;
const SITES = ['https://gallery.example.org', 'https://photos.example.com'];

export interface SeedPlan {
  total: number;
  /** Running jobs (processing, next look an hour away so nothing polls them during a test). */
  active: number;
  failed: number;
  /** One batch of this size (2 done, 1 failed, the rest queued), 0 for none. */
  batch: number;
  /** Finished jobs that finished `oldDays` ago: past the history the setting keeps. */
  old: number;
  oldDays?: number;
}

/** The records of a plan, newest first; ids say what each is (active-3, failed-12, batch-1, old-0, done-7). */
export function seedRecords(plan: SeedPlan, now = Date.now()): Job[] {
  const records: Job[] = [];
  const base = (id: string, i: number, overrides: Partial<Job>, kind = i % LABELS.length): Job => {
    const [provider, operation, label, providerName] = LABELS[kind] ?? LABELS[0];
    const createdAt = now - (i + 1) * 60_000;
    return {
      v: JOB_RECORD_VERSION,
      id,
      provider,
      operation,
      label,
      providerName,
      media: 'image',
      source: { url: `${SITES[i % SITES.length]}/images/photo-${i}.jpg`, width: 200, height: 150 },
      state: 'completed',
      progress: 1,
      result: { url: `https://cdn.example.net/r/${id}.png`, width: 400, height: 300 },
      page: { status: 'replaced' },
      createdAt,
      updatedAt: createdAt + 30_000,
      submittedAt: createdAt + 1_000,
      finishedAt: createdAt + 30_000,
      polls: 3,
      failures: 0,
      incompletePolls: 0,
      nextAttemptAt: null,
      ...overrides,
    };
  };
  let i = 0;
  // Running jobs are HitPaw's: remote jobs a worker start leaves alone until their next look is due.
  for (let n = 0; n < plan.active; n++, i++) {
    records.push(
      base(
        `active-${n}`,
        i,
        {
          state: 'processing',
          progress: 0.4,
          result: undefined,
          page: undefined,
          finishedAt: undefined,
          providerJobId: `remote-${n}`,
          nextAttemptAt: now + HOUR,
        },
        0,
      ),
    );
  }
  const batch = { id: 'seeded-batch', size: plan.batch };
  for (let n = 0; n < plan.batch; n++, i++) {
    const state = n < 2 ? 'completed' : n === 2 ? 'failed' : 'queued';
    records.push(
      base(
        `batch-${n}`,
        i,
        {
          batch,
          state,
          ...(state === 'failed'
            ? {
                error: { kind: 'provider_failure', message: 'HitPaw could not process it.', retryable: true },
              }
            : {}),
          ...(state === 'queued'
            ? { result: undefined, page: undefined, finishedAt: undefined, nextAttemptAt: now + HOUR }
            : {}),
        },
        0,
      ),
    );
  }
  for (let n = 0; n < plan.failed; n++, i++) {
    records.push(
      base(`failed-${n}`, i, {
        state: 'failed',
        result: undefined,
        page: undefined,
        error: { kind: 'provider_failure', message: 'The provider could not process it.', retryable: true },
      }),
    );
  }
  const done = plan.total - records.length - plan.old;
  for (let n = 0; n < done; n++, i++) records.push(base(`done-${n}`, i, {}));
  for (let n = 0; n < plan.old; n++, i++) {
    const at = now - (plan.oldDays ?? 40) * DAY - n * HOUR;
    records.push(base(`old-${n}`, i, { createdAt: at - 30_000, updatedAt: at, finishedAt: at }));
  }
  return records;
}

/** Writes records (and blobs, `<jobId>:<kind>` → bytes) in one transaction each, from an extension page. */
export async function seedStore(
  page: Page,
  records: readonly Job[],
  blobs: Record<string, { type: string; bytes: number[] }> = {},
): Promise<void> {
  // No named helper functions inside: the page gets this function's source as is, and runners that
  // wrap named functions in a helper of their own (tsx) would leave a call to it behind.
  await page.evaluate(
    async ({ records, blobs }) => {
      const writes: [string, string, [string, unknown][]][] = [
        ['enhance-in-place-jobs', 'jobs', records.map((record) => [record.id, record])],
        [
          'enhance-in-place-blobs',
          'blobs',
          Object.entries(blobs).map(([key, { type, bytes }]) => [
            key,
            new Blob([new Uint8Array(bytes)], { type }),
          ]),
        ],
      ];
      for (const [name, store, entries] of writes) {
        if (entries.length === 0) continue;
        const db = await new Promise<IDBDatabase>((resolve, reject) => {
          const request = indexedDB.open(name);
          request.onupgradeneeded = () => request.result.createObjectStore(store);
          request.onsuccess = () => resolve(request.result);
          request.onerror = () => reject(request.error);
        });
        const tx = db.transaction(store, 'readwrite');
        for (const [key, value] of entries) tx.objectStore(store).put(value, key);
        await new Promise((resolve, reject) => {
          tx.oncomplete = resolve;
          tx.onabort = () => reject(tx.error);
        });
        db.close();
      }
    },
    { records, blobs },
  );
}

/** The keys of a store, read from an extension page. */
export function storedKeys(page: Page, db: 'enhance-in-place-jobs' | 'enhance-in-place-blobs') {
  return page.evaluate(async (name) => {
    const store = name === 'enhance-in-place-jobs' ? 'jobs' : 'blobs';
    const opened = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open(name);
      request.onupgradeneeded = () => request.result.createObjectStore(store);
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const keys = await new Promise<IDBValidKey[]>((resolve, reject) => {
      const request = opened.transaction(store).objectStore(store).getAllKeys();
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    opened.close();
    return keys.map(String).filter((key) => key !== '#index');
  }, db);
}
