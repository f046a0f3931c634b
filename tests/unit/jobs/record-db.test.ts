import { describe, expect, it } from 'vitest';
import { listJobRecords, newestJobRecords } from '@/utils/jobs/record-db';
import { getJob, putJob } from '@/utils/jobs/store';
import { makeJob } from './job-factory';

/** A jobs database as every release before the createdAt index made it: version 1, records only. */
async function writeVersionOne(records: { id: string; createdAt: unknown }[]) {
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const request = indexedDB.open('enhance-in-place-jobs');
    request.onupgradeneeded = () => request.result.createObjectStore('jobs');
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
  expect(db.version).toBe(1);
  const tx = db.transaction('jobs', 'readwrite');
  for (const record of records) tx.objectStore('jobs').put(record, record.id);
  await new Promise((resolve) => (tx.oncomplete = resolve));
  db.close();
}

describe('the job records database', () => {
  it('upgrades a version-1 database in place and finds its newest records without reading them all', async () => {
    // Ids are random, so key order says nothing about age.
    await writeVersionOne([
      { id: 'c', createdAt: 1_000 },
      { id: 'a', createdAt: 3_000 },
      { id: 'b', createdAt: 2_000 },
      { id: 'no-date', createdAt: 'yesterday' },
    ]);

    expect((await newestJobRecords(2)).map(([id]) => id)).toEqual(['a', 'b']);
    expect((await newestJobRecords(10)).map(([id]) => id)).toEqual(['a', 'b', 'c']);
    // The record the index cannot place is still kept and read whole.
    expect((await listJobRecords()).map(([id]) => id).sort()).toEqual(['a', 'b', 'c', 'no-date']);

    // The job store's own writes land in the same, upgraded database and index.
    const job = makeJob({ id: 'newest', createdAt: 9_000 });
    await putJob(job);
    expect((await newestJobRecords(1)).map(([id]) => id)).toEqual(['newest']);
    expect((await getJob('newest'))?.createdAt).toBe(9_000);
  });

  it('finds the newest records the same way where IDBIndex.getAllRecords does not exist', async () => {
    const proto = IDBIndex.prototype as { getAllRecords?: unknown };
    const getAllRecords = proto.getAllRecords;
    expect(typeof getAllRecords).toBe('function'); // the other path is the one tested above
    delete proto.getAllRecords;
    try {
      await putJob(makeJob({ id: 'later', createdAt: 10_000 }));
      expect((await newestJobRecords(3)).map(([id]) => id)).toEqual(['later', 'newest', 'a']);
    } finally {
      proto.getAllRecords = getAllRecords;
    }
  });
});
