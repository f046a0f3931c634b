import { describe, expect, it, vi } from 'vitest';
import type { Job } from '@/utils/jobs/schema';
import type { PageProgressRequest } from '@/utils/messages';
import {
  compareTarget,
  createPageProgress,
  measuredProgress,
  progressFor,
} from '@/entrypoints/background/page-progress';
import { makeJob } from './jobs/job-factory';

describe('what a job page is told (progressFor)', () => {
  it('a running job: its percentage where the work is measured, else none (the ring spins)', () => {
    for (const state of ['submitting', 'waiting', 'queued', 'processing'] as const) {
      expect(progressFor(makeJob({ state, progress: 0.424 }), true)).toEqual({
        phase: 'running',
        percent: 42,
      });
      expect(progressFor(makeJob({ state, progress: 0.5 }), false)).toEqual({
        phase: 'running',
        percent: null,
      });
    }
    expect(progressFor(makeJob({ state: 'processing', progress: null }), true)).toEqual({
      phase: 'running',
      percent: null,
    });
  });

  it('a completed job keeps its ring until its result is in the page, then is done', () => {
    const completed = (page?: Job['page']) => makeJob({ state: 'completed', progress: 1, page });
    expect(progressFor(completed({ status: 'pending' }), true)).toEqual({ phase: 'running', percent: 100 });
    expect(progressFor(completed(undefined), false)).toEqual({ phase: 'running', percent: null });
    expect(progressFor(completed({ status: 'replaced', shown: 'enhanced' }), true).phase).toBe('done');
    for (const status of ['refused', 'not-found', 'gone', 'no-listener'] as const)
      expect(progressFor(completed({ status }), true).phase).toBe('ended');
  });

  it('failed, expired and an unknown submit show "!"; a cancelled job just ends', () => {
    for (const state of ['failed', 'expired', 'needs_decision'] as const)
      expect(progressFor(makeJob({ state }), true)).toEqual({ phase: 'failed', percent: null });
    expect(progressFor(makeJob({ state: 'canceled' }), true)).toEqual({ phase: 'ended', percent: null });
  });

  it('percentages are measured for TensorPix and on device, not for HitPaw or EnhanceCraft', () => {
    expect(measuredProgress(makeJob({ provider: 'tensorpix' }))).toBe(true);
    expect(measuredProgress(makeJob({ provider: 'on-device' }))).toBe(true);
    expect(measuredProgress(makeJob({ provider: 'hitpaw-photo' }))).toBe(false);
    expect(measuredProgress(makeJob({ provider: 'enhancecraft' }))).toBe(false);
    expect(measuredProgress(makeJob({ provider: 'gone-provider' }))).toBe(false);
  });
});

describe('following the job records (createPageProgress)', () => {
  function setup(initial: Job) {
    let job: Job | undefined = initial;
    const sent: PageProgressRequest[] = [];
    const join = vi.fn(async () => true);
    const progress = createPageProgress({
      get: async () => job,
      measured: () => true,
      join,
      send: async (_target, data) => void sent.push(data),
    });
    const write = async (change: Partial<Job> | undefined) => {
      job = change && { ...job!, ...change };
      await progress.changed(initial.id);
    };
    return { sent, join, write };
  }

  it('joins the progress code once, and tells the frame only what changed, in order', async () => {
    const { sent, join, write } = setup(makeJob({ id: 'j1', state: 'submitting' }));
    await write({});
    await write({ state: 'queued' }); // same as before for the page: nothing sent
    await write({ state: 'processing', progress: 0.25 });
    await write({ state: 'completed', progress: 1 });
    await write({ page: { status: 'replaced', shown: 'enhanced' } });
    expect(sent.map(({ phase, percent }) => `${phase}:${percent}`)).toEqual([
      'running:null',
      'running:25',
      'running:100',
      'done:null',
    ]);
    expect(sent.every((m) => m.jobId === 'j1')).toBe(true);
    expect(join).toHaveBeenCalledTimes(1);
  });

  it('a job it never saw running is left alone: a finished job flipped later shows no second notice', async () => {
    const { sent, join, write } = setup(
      makeJob({ id: 'j2', state: 'completed', page: { status: 'replaced', shown: 'enhanced' } }),
    );
    await write({ page: { status: 'replaced', shown: 'original' } });
    expect(sent).toEqual([]);
    expect(join).not.toHaveBeenCalled();
  });

  it('after its end a job is no longer followed', async () => {
    const { sent, write } = setup(makeJob({ id: 'j3', state: 'processing' }));
    await write({});
    await write({ state: 'failed' });
    await write({ state: 'failed', updatedAt: 5 });
    expect(sent.map((m) => m.phase)).toEqual(['running', 'failed']);
  });

  it('a job with no tab (or deleted) sends nothing', async () => {
    const { sent, write } = setup(makeJob({ id: 'j4', source: { url: 'https://a.example/x.jpg' } }));
    await write({});
    await write(undefined);
    expect(sent).toEqual([]);
  });
});

describe('where Compare may load the compare code (compareTarget)', () => {
  const done = makeJob({
    state: 'completed',
    source: { url: 'https://a.example/x.jpg', tabId: 7, frameId: 2 },
  });
  const ours = { id: 'ext', tab: { id: 7 }, frameId: 2 };

  it('only into the very frame of a completed image job, asked by our own page code', () => {
    expect(compareTarget(done, ours, 'ext')).toEqual({ tabId: 7, frameId: 2 });
    expect(compareTarget(done, { ...ours, id: 'another-extension' }, 'ext')).toBeNull();
    expect(compareTarget(done, { id: 'ext' }, 'ext')).toBeNull(); // an extension page, no tab
    expect(compareTarget(done, { ...ours, tab: { id: 8 } }, 'ext')).toBeNull();
    expect(compareTarget(done, { ...ours, frameId: 0 }, 'ext')).toBeNull();
    expect(compareTarget(undefined, ours, 'ext')).toBeNull();
    expect(compareTarget({ ...done, state: 'processing' }, ours, 'ext')).toBeNull();
    expect(compareTarget({ ...done, media: 'video' }, ours, 'ext')).toBeNull();
  });
});
