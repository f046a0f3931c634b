import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createIntake, type IntakeDeps } from '@/utils/jobs/intake';
import { jobSchema } from '@/utils/jobs/schema';
import { deleteJob, listJobs } from '@/utils/jobs/store';
import { menuId, parseMenuId } from '@/utils/providers';

const NOW = 9_000_000;
const TAB = { id: 5 } as const;
const BATCH = { id: 'batch-1', size: 3 };

function world(overrides: Partial<IntakeDeps> = {}) {
  const calls = {
    askForKey: vi.fn(async () => undefined),
    notify: vi.fn(async () => undefined),
    start: vi.fn(async () => undefined),
    inspect: vi.fn(async (_target: unknown, _id: string, url: string) => ({
      count: 1,
      bestUrl: url,
      naturalWidth: 300,
      naturalHeight: 200,
      hasAlpha: false,
    })),
    readBytes: vi.fn(async () => ({ ok: true as const, blob: new Blob(['png'], { type: 'image/png' }) })),
  };
  const deps: IntakeDeps = {
    bootId: 'boot-batch',
    now: () => NOW,
    resolve: async (id) => parseMenuId(id, []),
    hasKey: async () => true,
    ...calls,
    ...overrides,
  };
  return { intake: createIntake(deps), calls };
}

const item = (url: string) => ({
  menuItemId: menuId('hitpaw-photo', 'general_2x'),
  srcUrl: url,
  frameId: 0,
  editable: false,
  mediaType: 'image' as const,
});

beforeEach(async () => {
  for (const job of await listJobs()) await deleteJob(job.id);
});

describe('intake of a batch item', () => {
  it('runs the same checks, carries the batch on the record and puts the job in line (waiting, due now), unsent', async () => {
    const { intake, calls } = world();
    for (const n of [1, 2, 3]) await intake(item(`https://gallery.example.org/images/b${n}.png`), TAB, BATCH);
    const jobs = await listJobs();
    expect(jobs).toHaveLength(3);
    for (const job of jobs) {
      expect(jobSchema.parse(job)).toEqual(job);
      expect(job).toMatchObject({
        state: 'waiting',
        nextAttemptAt: NOW,
        batch: BATCH,
        source: { tabId: 5, frameId: 0, width: 300, height: 200 },
      });
      expect(job.bootId).toBeUndefined(); // not being sent by this worker: the scheduler sends it
    }
    expect(calls.inspect).toHaveBeenCalledTimes(3); // tagged in the page like a click's image
    expect(calls.start).not.toHaveBeenCalled();
    expect(calls.notify).not.toHaveBeenCalled(); // the batch says one notice for all
  });

  it('a refused image is recorded with the reason and the batch, and the page told why', async () => {
    const huge = { count: 1, bestUrl: '', naturalWidth: 9000, naturalHeight: 9000, hasAlpha: false };
    const { intake, calls } = world({ inspect: async (_t, _id, url) => ({ ...huge, bestUrl: url }) });
    await intake(item('https://gallery.example.org/images/huge.png'), TAB, BATCH); // 81 MP: over HitPaw's 67
    const [job] = await listJobs();
    expect(job).toMatchObject({ state: 'failed', batch: BATCH, error: { kind: 'refused_url' } });
    expect(calls.notify).toHaveBeenCalledWith(
      expect.anything(),
      expect.stringMatching(/^Not sent: /),
      'error',
    );
  });

  it('a single click still starts at once and carries no batch', async () => {
    const { intake, calls } = world();
    await intake(item('https://gallery.example.org/images/one.png'), TAB);
    const [job] = await listJobs();
    expect(job).toMatchObject({ state: 'submitting', bootId: 'boot-batch' });
    expect(job!.batch).toBeUndefined();
    expect(calls.start).toHaveBeenCalledWith(job!.id, job);
  });
});
