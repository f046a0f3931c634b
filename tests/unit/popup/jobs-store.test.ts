import { describe, expect, it, vi } from 'vitest';
import { listedJob } from '@/components/job-listing';
import { createJobsStore } from '@/components/jobs-store';
import { jobSchema, type Job } from '@/utils/jobs/schema';
import { makeJob } from '../jobs/job-factory';

/** The job schema's verdict, counting the records it was asked about. */
function schemaCheck() {
  const asked: string[] = [];
  const check = (id: string, raw: unknown) => {
    asked.push(id);
    const parsed = jobSchema.safeParse(raw);
    return parsed.success ? parsed.data : undefined;
  };
  return { check, asked };
}
const stored = (...jobs: unknown[]) => jobs.map((job) => [(job as Job).id, job] as const);

const running = makeJob({ id: 'run', state: 'processing', progress: 0.1, createdAt: 3 });
const done = makeJob({ id: 'done', state: 'completed', createdAt: 2 });

function storeWithListeners() {
  const store = createJobsStore(schemaCheck().check);
  store.replaceAll(stored(running, done));
  const list = vi.fn();
  const runRow = vi.fn();
  const doneRow = vi.fn();
  store.subscribeList(list);
  store.subscribeJob('run', runRow);
  store.subscribeJob('done', doneRow);
  return { store, list, runRow, doneRow };
}

describe('the popup job store', () => {
  it("a running job's progress tells its own row only: not the list, not another row", () => {
    const { store, list, runRow, doneRow } = storeWithListeners();
    const before = store.list();
    store.apply(new Map([['run', { ...running, progress: 0.5 }]]));
    expect(runRow).toHaveBeenCalledTimes(1);
    expect(doneRow).not.toHaveBeenCalled();
    expect(list).not.toHaveBeenCalled();
    expect(store.list()).toBe(before);
    expect(store.job('run')?.progress).toBe(0.5);
  });

  it('a job that changes state, arrives or leaves tells the list', () => {
    const { store, list } = storeWithListeners();
    store.apply(new Map([['run', { ...running, state: 'completed' } as Job]]));
    expect(list).toHaveBeenCalledTimes(1);
    store.apply(new Map([['new', makeJob({ id: 'new', createdAt: 9 })]]));
    expect(store.list()?.map((job) => job.id)).toEqual(['new', 'run', 'done']);
    store.apply(new Map([['done', undefined]]));
    expect(store.list()?.map((job) => job.id)).toEqual(['new', 'run']);
    expect(store.job('done')).toBeUndefined();
    expect(list).toHaveBeenCalledTimes(3);
  });

  it('says whether it holds every job: the newest read first is not the whole list', () => {
    const store = createJobsStore(schemaCheck().check);
    const list = vi.fn();
    store.subscribeList(list);
    store.replaceAll(stored(running), false);
    expect(store.complete()).toBe(false);
    expect(store.list()?.map((job) => job.id)).toEqual(['run']);
    store.replaceAll(stored(running, done));
    expect(store.complete()).toBe(true);
    expect(store.list()?.map((job) => job.id)).toEqual(['run', 'done']);
    expect(list).toHaveBeenCalledTimes(2);
  });

  it('a row that unsubscribed is not told any more', () => {
    const store = createJobsStore(schemaCheck().check);
    store.replaceAll(stored(running));
    const row = vi.fn();
    const stop = store.subscribeJob('run', row);
    stop();
    store.apply(new Map([['run', { ...running, progress: 0.9 }]]));
    expect(row).not.toHaveBeenCalled();
  });

  it('checks a record against the job schema only when its row asks for it, once', () => {
    const { check, asked } = schemaCheck();
    const store = createJobsStore(check);
    const many = Array.from({ length: 1000 }, (_, i) => makeJob({ id: `job-${i}`, createdAt: i }));
    store.replaceAll(stored(...many));
    expect(store.list()).toHaveLength(1000);
    expect(store.list()?.[0]?.id).toBe('job-999'); // newest first
    expect(asked).toEqual([]);
    expect(store.job('job-999')?.id).toBe('job-999');
    expect(store.job('job-999')).toBe(store.job('job-999'));
    expect(asked).toEqual(['job-999']);
  });

  it('a record the schema refuses is never shown: its row gets nothing and it leaves the list', async () => {
    const { check, asked } = schemaCheck();
    const store = createJobsStore(check);
    // Its listed fields are fine; a field only the row shows is not.
    const broken = { ...makeJob({ id: 'broken', createdAt: 5 }), progress: 'half' };
    store.replaceAll(stored(running, broken, done));
    expect(store.list()?.map((job) => job.id)).toEqual(['broken', 'run', 'done']);
    const list = vi.fn();
    store.subscribeList(list);
    expect(store.job('broken')).toBeUndefined();
    await Promise.resolve();
    expect(list).toHaveBeenCalledTimes(1);
    expect(store.list()?.map((job) => job.id)).toEqual(['run', 'done']);
    expect(asked).toEqual(['broken']);
  });

  it('a record wrong in a field the list reads is checked (and so quarantined) at once, never listed', () => {
    const { check, asked } = schemaCheck();
    const store = createJobsStore(check);
    const noState = { ...makeJob({ id: 'odd' }), state: 'paused' };
    store.replaceAll([...stored(running), ['odd', noState]]);
    expect(store.list()?.map((job) => job.id)).toEqual(['run']);
    expect(asked).toEqual(['odd']);
  });
});

describe("the fields the popup's list reads", () => {
  it('are taken from a valid record, and nothing else is', () => {
    const job = makeJob({ id: 'a', batch: { id: 'b', size: 3 }, cost: { unit: 'coins', amount: 10 } });
    expect(listedJob(job)).toEqual({
      id: 'a',
      state: job.state,
      createdAt: job.createdAt,
      label: job.label,
      providerName: job.providerName,
      operation: job.operation,
      source: { url: job.source.url },
      batch: { id: 'b', size: 3 },
    });
  });

  it('refuse whatever the job schema refuses in those fields', () => {
    const job = makeJob({ id: 'a' });
    const wrong: Record<string, unknown>[] = [
      { id: '' },
      { id: 7 },
      { state: 'paused' },
      { createdAt: '1' },
      { createdAt: Number.POSITIVE_INFINITY },
      { label: null },
      { providerName: 3 },
      { operation: '' },
      { source: null },
      { source: { url: 5 } },
      { batch: { id: '', size: 2 } },
      { batch: { id: 'b', size: 0 } },
      { batch: { id: 'b', size: 1.5 } },
      { batch: 'b' },
    ];
    for (const change of wrong) {
      const record = { ...job, ...change };
      expect(jobSchema.safeParse(record).success, JSON.stringify(change)).toBe(false);
      expect(listedJob(record), JSON.stringify(change)).toBeUndefined();
    }
    expect(listedJob(null)).toBeUndefined();
    expect(listedJob('job')).toBeUndefined();
  });
});
