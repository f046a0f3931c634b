import { describe, expect, it, vi } from 'vitest';
import { createJobsStore } from '@/components/jobs-store';
import type { Job } from '@/utils/jobs/schema';
import { makeJob } from '../jobs/job-factory';

const running = makeJob({ id: 'run', state: 'processing', progress: 0.1, createdAt: 3 });
const done = makeJob({ id: 'done', state: 'completed', createdAt: 2 });

function storeWithListeners() {
  const store = createJobsStore();
  store.replaceAll([running, done]);
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

  it('a row that unsubscribed is not told any more', () => {
    const store = createJobsStore();
    store.replaceAll([running]);
    const row = vi.fn();
    const stop = store.subscribeJob('run', row);
    stop();
    store.apply(new Map([['run', { ...running, progress: 0.9 }]]));
    expect(row).not.toHaveBeenCalled();
  });
});
