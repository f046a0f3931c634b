// @vitest-environment happy-dom
import { act, createElement, Profiler } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Elapsed } from '@/components/elapsed';
import { JobRow, type JobActions } from '@/components/job-row';
import type { Job } from '@/utils/jobs/schema';
import { makeJob } from '../jobs/job-factory';

// React's act() warns unless the environment says it is a test environment.
(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let root: Root | undefined;
const host = () => document.querySelector('#root')!;
const actions = new Proxy({}, { get: () => () => undefined }) as JobActions;

async function render(element: Parameters<Root['render']>[0]) {
  root ??= createRoot(host());
  await act(async () => root!.render(element));
}

beforeEach(() => {
  document.body.innerHTML = '<div id="root"></div>';
});
afterEach(async () => {
  await act(async () => root?.unmount());
  root = undefined;
  vi.useRealTimers();
});

describe('a job row, as a person reads it', () => {
  const row = (job: Job) => render(createElement(JobRow, { job, actions }));

  it('a TensorPix job in its queue waits for the engine; then processing with its percentage and ETA', async () => {
    const job = makeJob({ provider: 'tensorpix', providerName: 'TensorPix', label: 'Upscale 2×' });
    await row({ ...job, state: 'queued', etaSeconds: 90 });
    expect(host().textContent).toContain('Waiting for the engine');
    expect(host().textContent).not.toContain('Processing');
    expect(host().textContent).toContain('about 1 min 30 s left');

    await row({ ...job, state: 'processing', progress: 0.42, etaSeconds: 40 });
    expect(host().textContent).toContain('Processing');
    expect(host().textContent).toContain('42 % · about 40 s left');
    expect(host().querySelector('[role=progressbar]')?.getAttribute('aria-valuenow')).toBe('42');
  });

  it('an on-device job shows the share of its tiles done', async () => {
    const job = makeJob({ provider: 'on-device', providerName: 'On device', label: 'Upscale 2×' });
    await row({ ...job, state: 'queued' });
    expect(host().textContent).toContain('Waiting for the engine');
    await row({ ...job, state: 'processing', progress: 3 / 8 });
    expect(host().textContent).toContain('37 %');
  });

  it("HitPaw's phase steps move the bar but are not shown as a percentage", async () => {
    await row(makeJob({ state: 'processing', progress: 0.6 }));
    expect(host().textContent).toContain('Processing');
    expect(host().textContent).not.toMatch(/\d+ %/);
  });
});

describe("a running job's clock", () => {
  it('rewrites its own text each second without rendering anything', async () => {
    vi.useFakeTimers({ now: 1_000_000 });
    const job = makeJob({ state: 'processing', createdAt: 1_000_000 - 5_000 });
    const commits = vi.fn();
    await render(createElement(Profiler, { id: 'row', onRender: commits }, createElement(Elapsed, { job })));
    expect(host().textContent).toBe('5 s');
    const rendered = commits.mock.calls.length;
    await act(async () => vi.advanceTimersByTime(3_000));
    expect(host().textContent).toBe('8 s');
    expect(commits).toHaveBeenCalledTimes(rendered);
  });

  it('a finished job keeps its time and has no timer', async () => {
    vi.useFakeTimers({ now: 1_000_000 });
    const job = makeJob({ state: 'completed', createdAt: 1_000_000 - 65_000, finishedAt: 1_000_000 - 5_000 });
    await render(createElement(Elapsed, { job }));
    expect(host().textContent).toBe('1 min 00 s');
    expect(vi.getTimerCount()).toBe(0);
  });
});
