import { beforeEach, describe, expect, it, vi } from 'vitest';
import { getBlob } from '@/utils/jobs/blobs';
import { createRunner, type EngineDeps } from '@/utils/jobs/runner';
import { deleteJob, getJob, listJobs, putJob } from '@/utils/jobs/store';
import { makeJob } from './job-factory';

const now = 4_000_000;
const deps: EngineDeps = {
  bootId: 'boot-r',
  clock: () => ({ now, random: () => 0.5 }),
  getKey: async () => '',
  memory: () => ({ get: async () => undefined, set: async () => undefined }),
  settings: async () => ({ tensorpixPreview: false }),
  operation: async (provider, id) => provider.operations.find((o) => o.id === id),
  armWatchdog: async () => undefined,
  swap: async () => ({ page: { status: 'replaced', shown: 'enhanced' } }),
};
const onDeviceJob = () =>
  putJob(
    makeJob({
      provider: 'on-device',
      providerName: 'On device',
      operation: 'remove-background',
      state: 'queued',
      providerJobId: 'x',
      submittedAt: now - 1000,
      nextAttemptAt: now + 5000,
    }),
  );
const png = (text: string) => new Blob([text], { type: 'image/png' });

beforeEach(async () => {
  for (const job of await listJobs()) await deleteJob(job.id);
});

describe('reports from the on-device engine, applied by the job engine', () => {
  it('progress, then the result: our copy kept, the job done and due for its page', async () => {
    const job = await onDeviceJob();
    const runner = createRunner(deps);
    await runner.report(job.id, { kind: 'progress', done: 3, total: 12 });
    expect(await getJob(job.id)).toMatchObject({
      state: 'processing',
      progress: 0.25,
      nextAttemptAt: now + 5000,
    });

    await runner.report(job.id, {
      kind: 'result',
      result: png('cut'),
      mask: png('mask'),
      width: 30,
      height: 20,
    });
    const done = await getJob(job.id);
    expect(done).toMatchObject({
      state: 'completed',
      result: { cached: true, maskCached: true, width: 30, height: 20 },
      page: { status: 'pending' },
      nextAttemptAt: now,
    });
    expect(done?.result?.url).toBeUndefined();
    expect(runner.isDue(done!, now)).toBe(true);
    expect(await (await getBlob(job.id, 'result'))?.text()).toBe('cut');
    expect(await (await getBlob(job.id, 'mask'))?.text()).toBe('mask');

    await runner.step(job.id); // delivery: nothing to download, straight to the page
    expect(await getJob(job.id)).toMatchObject({ page: { status: 'replaced' }, nextAttemptAt: null });
  });

  it('an error fails the job with the engine’s own words', async () => {
    const job = await onDeviceJob();
    const error = {
      kind: 'invalid_input' as const,
      message: 'This image could not be decoded.',
      retryable: false,
    };
    await createRunner(deps).report(job.id, { kind: 'error', error });
    expect(await getJob(job.id)).toMatchObject({
      state: 'failed',
      error,
      nextAttemptAt: null,
      finishedAt: now,
    });
  });

  it('a result that arrives after the person cancelled is not kept and changes nothing', async () => {
    const job = await onDeviceJob();
    const runner = createRunner(deps);
    await runner.report(job.id, { kind: 'cancelled' });
    expect((await getJob(job.id))?.state).toBe('canceled');
    await runner.report(job.id, { kind: 'result', result: png('late'), width: 1, height: 1 });
    expect((await getJob(job.id))?.state).toBe('canceled');
    expect(await getBlob(job.id, 'result')).toBeUndefined();
  });

  it('waits its turn behind a step of the same job', async () => {
    const job = await onDeviceJob();
    const runner = createRunner(deps);
    const order: string[] = [];
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const held = runner.exclusive(job.id, async () => {
      await gate;
      order.push('step');
    });
    const reported = runner
      .report(job.id, { kind: 'progress', done: 1, total: 2 })
      .then(() => order.push('report'));
    release();
    await Promise.all([held, reported]);
    expect(order).toEqual(['step', 'report']);
  });

  it('a burst of progress while the job is busy becomes one write of the latest, ahead of the result', async () => {
    const job = await onDeviceJob();
    const runner = createRunner(deps);
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const held = runner.exclusive(job.id, () => gate);
    const puts = vi.spyOn(IDBObjectStore.prototype, 'put');
    const burst = [1, 2, 3, 4, 5].map((done) => runner.report(job.id, { kind: 'progress', done, total: 10 }));
    const result = runner.report(job.id, { kind: 'result', result: png('r'), width: 2, height: 2 });
    release();
    await Promise.all([held, ...burst, result]);
    const jobWrites = puts.mock.contexts.filter((store) => (store as IDBObjectStore).name === 'jobs');
    expect(jobWrites).toHaveLength(2); // the latest progress, then the result
    expect(await getJob(job.id)).toMatchObject({ state: 'completed', progress: 1 });
  });
});
