import { describe, expect, it } from 'vitest';
import { progressPercent, progressText, stateLabel } from '@/components/job-state';
import { mapTensorpixJob, jobSchema as tensorpixJobSchema } from '@/utils/providers/tensorpix-status';
import { afterStatus, progressed } from '@/utils/jobs/transitions';
import { measuresProgress } from '@/utils/provider-catalogue';
import { PROVIDERS } from '@/utils/providers';
import type { Provider } from '@/utils/providers/types';
import { makeJob } from '../jobs/job-factory';

describe('the state a job row names', () => {
  it('a batch job waiting for its provider is waiting its turn, not retrying', () => {
    expect(stateLabel({ state: 'waiting', failures: 0 })).toBe('Waiting its turn');
  });
  it('a job that failed to send and will try again is waiting to retry', () => {
    expect(stateLabel({ state: 'waiting', failures: 2 })).toBe('Waiting to retry');
  });
  it('a job sent but not started (queued by the provider, or the engine still loading) waits for the engine', () => {
    expect(stateLabel({ state: 'queued', failures: 0 })).toBe('Waiting for the engine');
  });
  it('other states keep their words', () => {
    expect(stateLabel({ state: 'processing', failures: 0 })).toBe('Processing');
    expect(stateLabel({ state: 'needs_decision', failures: 0 })).toBe('Needs your decision');
  });
});

describe('the progress a job row shows', () => {
  const clock = { now: 2_000_000, random: () => 0.5 };
  const pacing = { pollSchedule: PROVIDERS.tensorpix.pollSchedule, measuredProgress: true };

  it('TensorPix: waiting for the engine while queued, then its processing_progress as a percentage with its ETA', () => {
    const sent = makeJob({ provider: 'tensorpix', state: 'queued', submittedAt: 1_000_000 });
    const answer = (raw: object) =>
      afterStatus(sent, mapTensorpixJob(tensorpixJobSchema.parse({ id: 1, ...raw }), null), pacing, clock);

    const queued = answer({ status: 0, processing_progress: 0, eta_s: 90 });
    expect(stateLabel(queued)).toBe('Waiting for the engine');
    expect(progressPercent(queued)).toBeNull();
    expect(progressText(queued)).toBe('about 1 min 30 s left');

    const working = answer({ status: 1, processing_progress: 0.6667, eta_s: 40 });
    expect(stateLabel(working)).toBe('Processing');
    expect(progressText(working)).toBe('66 % · about 40 s left');
  });

  it('on device: waiting for the engine until the first report, then tiles done as a percentage', () => {
    const sent = makeJob({ provider: 'on-device', operation: 'upscale-2x', state: 'queued', progress: null });
    expect(stateLabel(sent)).toBe('Waiting for the engine');
    expect(progressText(sent)).toBeNull();
    const started = progressed(sent, 0 / 6, clock.now)!;
    expect([stateLabel(started), progressText(started)]).toEqual(['Processing', '0 %']);
    const half = progressed(started, 3 / 6, clock.now)!;
    expect(progressText(half)).toBe('50 %');
    // The last tile is in, the result not yet kept: it never reads 100 % while still running.
    expect(progressText(progressed(half, 1, clock.now)!)).toBe('99 %');
  });

  it("HitPaw's progress is phase steps, not work measured: no percentage", () => {
    const job = makeJob({ provider: 'hitpaw-photo', state: 'processing', progress: 0.6 });
    expect(progressPercent(job)).toBeNull();
    expect(progressText(job)).toBeNull();
  });

  it('a percentage only while processing', () => {
    const job = makeJob({ provider: 'tensorpix', state: 'completed', progress: 1 });
    expect(progressPercent(job)).toBeNull();
  });

  it('the popup shows a percentage for exactly the providers whose adapters measure progress', () => {
    for (const provider of Object.values(PROVIDERS) as Provider[]) {
      const measured = Boolean(provider.measuredProgress || provider.resultAccess === 'local');
      expect(measuresProgress(provider.id), provider.id).toBe(measured);
    }
  });
});
