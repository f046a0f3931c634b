import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { reconcile } from '@/entrypoints/background/reconcile';
import type { Runner } from '@/utils/jobs/runner';
import { deleteJob, listJobs, putJob } from '@/utils/jobs/store';
import { DATA_VERSION, dataVersion } from '@/utils/storage';
import { makeJob } from './job-factory';

function runner() {
  const step = vi.fn(async () => undefined);
  return { runner: { step } as unknown as Runner, step };
}

beforeEach(async () => {
  fakeBrowser.reset();
  for (const job of await listJobs()) await deleteJob(job.id);
});

describe('start-up reconcile', () => {
  it('migrates older data once, keyed on the stored data version', async () => {
    await dataVersion.setValue(1);
    const deleting = vi.spyOn(indexedDB, 'deleteDatabase');
    await reconcile(runner().runner, 'boot-now');
    expect(await dataVersion.getValue()).toBe(DATA_VERSION);
    expect(deleting).toHaveBeenCalledWith('enhance-in-place-on-device');
    deleting.mockClear();
    await reconcile(runner().runner, 'boot-now');
    expect(deleting).not.toHaveBeenCalled();
  });

  it('steps only the jobs another worker left in submitting (they need a decision)', async () => {
    await putJob(makeJob({ id: 'left', state: 'submitting', bootId: 'boot-before' }));
    await putJob(makeJob({ id: 'mine', state: 'submitting', bootId: 'boot-now' }));
    await putJob(makeJob({ id: 'polling', state: 'processing' }));
    const { runner: r, step } = runner();
    await reconcile(r, 'boot-now');
    expect(step.mock.calls).toEqual([['left']]);
  });
});
