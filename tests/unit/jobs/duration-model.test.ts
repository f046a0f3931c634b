import { describe, expect, it } from 'vitest';
import {
  fitDurations,
  forecastFor,
  MAX_SAMPLES,
  MIN_SPREAD,
  PRIOR,
  samplesFor,
  sizeOf,
  UNSURE_SPREAD,
  type DurationSample,
} from '@/utils/jobs/duration-model';
import type { Job } from '@/utils/jobs/schema';
import { makeJob } from './job-factory';

const line = (fixedS: number, perMpS: number, sizes: number[]): DurationSample[] =>
  sizes.map((sizeMp) => ({ sizeMp, seconds: fixedS + perMpS * sizeMp }));

/**
 * A finished HitPaw job of `width`×`height` that took `seconds`, seen done at `finishedAt`, `gapS` after
 * the last "still working" answer (0: its end is known exactly).
 */
function finished(width: number, height: number, seconds: number, finishedAt = 2_000_000, gapS = 0): Job {
  return makeJob({
    lastWorkingAt: finishedAt - gapS * 1000,
    state: 'completed',
    source: { url: 'https://gallery.example.org/images/photo.jpg', width, height },
    result: { url: 'https://cdn.example.net/r.jpg' },
    submittedAt: finishedAt - seconds * 1000,
    finishedAt,
  });
}

describe('duration model fit', () => {
  it('recovers the fixed part and the seconds per megapixel from exact data', () => {
    const fit = fitDurations(line(3, 8, [0.1, 0.5, 1, 2, 3]));
    expect(fit.fixedS).toBeCloseTo(3, 9);
    expect(fit.perMpS).toBeCloseTo(8, 9);
    expect(fit.spread).toBe(MIN_SPREAD);
    expect(fit.samples).toBe(5);
  });

  it('keeps the prior, with the widest spread, below three finished jobs', () => {
    expect(fitDurations([])).toEqual(PRIOR);
    expect(fitDurations(line(3, 8, [0.5, 1]))).toEqual(PRIOR);
    expect(PRIOR.spread).toBe(1);
  });

  it('bounds what an outlier can do: one job ten times slower leaves the line where it was', () => {
    const samples = [...line(3, 8, [0.1, 0.5, 2, 3, 4]), { sizeMp: 1, seconds: 110 }];
    const fit = fitDurations(samples);
    expect(fit.perMpS).toBeCloseTo(8, 9);
    expect(fit.fixedS).toBeCloseTo(3, 9);
    expect(fit.spread).toBe(MIN_SPREAD);
    // Two in six far off still keep the slope within a fifth of the truth.
    const two = fitDurations([...samples, { sizeMp: 0.3, seconds: 90 }]);
    expect(Math.abs(two.perMpS - 8)).toBeLessThan(1.6);
  });

  it('learns the spread of ±15 % noise', () => {
    const sizes = [0.2, 0.4, 0.6, 0.9, 1.2, 1.6, 2, 2.5];
    const noise = [0.15, -0.12, 0.05, -0.15, 0.1, -0.05, 0.13, -0.08];
    const fit = fitDurations(sizes.map((s, i) => ({ sizeMp: s, seconds: (3 + 8 * s) * (1 + noise[i]!) })));
    expect(fit.spread).toBeGreaterThanOrEqual(0.12);
    expect(fit.spread).toBeLessThanOrEqual(0.3);
  });

  it('same-size history keeps the prior per-MP part and takes the median time, widely spread', () => {
    const fit = fitDurations([4, 9, 17, 33, 62].map((seconds) => ({ sizeMp: 0.3, seconds })));
    expect(fit.perMpS).toBe(PRIOR.perMpS);
    expect(fit.fixedS).toBeCloseTo(17 - 0.3 * PRIOR.perMpS, 9);
    expect(fit.spread).toBe(1);
  });
});

describe('samples from the job records', () => {
  it('reads finished jobs of the same provider and operation, newest first, at most MAX_SAMPLES', () => {
    const history = [
      ...Array.from({ length: 40 }, (_, i) => finished(1000, 1000, 5 + i, 3_000_000 + i * 1000)),
      { ...finished(1000, 1000, 99), operation: 'general_4x' },
      { ...finished(1000, 1000, 99), provider: 'enhancecraft' },
      { ...finished(1000, 1000, 99), result: undefined, state: 'failed' as const },
      { ...finished(1000, 1000, 99), source: { url: 'https://gallery.example.org/x.jpg' } },
    ];
    const samples = samplesFor(makeJob(), history);
    expect(samples).toHaveLength(MAX_SAMPLES);
    expect(samples[0]).toEqual({ sizeMp: 1, seconds: 44, low: 44, high: 44 });
    expect(samples.every((s) => s.seconds < 99)).toBe(true);
  });

  it('takes the middle of what the polls know (last "working" answer to the "done" one), and its bounds', () => {
    const [sample] = samplesFor(makeJob(), [finished(1000, 1000, 10, 2_000_000, 5)]);
    expect(sample).toEqual({ sizeMp: 1, seconds: 7.5, low: 5, high: 10 });
    // A line inside every job's bounds misses none, but jobs seen this coarsely cannot say how steady
    // the provider is: the spread stays at UNSURE_SPREAD, and eases towards MIN_SPREAD as closely seen
    // jobs arrive, one at a time, never narrowing in a jump.
    const coarse = [0.5, 1, 2, 3].map((mp) => ({ sizeMp: mp, seconds: 3 + 8 * mp + 2, low: 0, high: 100 }));
    expect(fitDurations(coarse).spread).toBe(UNSURE_SPREAD);
    const close = [0.5, 1, 2, 3, 4, 0.7, 1.5, 2.5].map((mp) => ({
      sizeMp: mp,
      seconds: 3 + 8 * mp,
      low: 2.9 + 8 * mp,
      high: 3.1 + 8 * mp,
    }));
    const spreads = close.map((_, n) => fitDurations([...coarse, ...close.slice(0, n + 1)]).spread);
    for (let i = 1; i < spreads.length; i++) {
      expect(spreads[i]!).toBeLessThanOrEqual(spreads[i - 1]!);
      expect(spreads[i - 1]! - spreads[i]!).toBeLessThan(0.12);
    }
    expect(spreads.at(-1)).toBe(MIN_SPREAD);
  });

  it('moves the line gently as closely seen jobs of one size arrive (all history counts, weighted)', () => {
    // Coarsely seen jobs of every size, then closely seen small ones only: the forecast for a large
    // image moves a little with each, never jumping to what the small ones alone would say.
    const coarse = [0.03, 0.15, 0.4, 0.75, 3].map((mp) => {
      const seconds = 6 + 10 * mp;
      const high = Math.ceil(seconds / 5) * 5;
      return { sizeMp: mp, seconds: high - 2.5, low: high - 5, high };
    });
    const small = [0.03, 0.15, 0.03, 0.15, 0.03, 0.15].map((mp, i) => {
      const seconds = (6 + 10 * mp) * (i % 2 ? 1.1 : 0.9);
      return { sizeMp: mp, seconds, low: seconds - 0.5, high: seconds + 0.5 };
    });
    const at3Mp = small.map((_, n) => {
      const fit = fitDurations([...coarse, ...small.slice(0, n + 1)]);
      return fit.fixedS + 3 * fit.perMpS;
    });
    for (let i = 1; i < at3Mp.length; i++) expect(Math.abs(at3Mp[i]! - at3Mp[i - 1]!)).toBeLessThan(6);
    for (const s of at3Mp) expect(Math.abs(s - 36) / 36).toBeLessThan(0.25);
  });

  it('sizes a video by megapixel-seconds and refuses a size it does not know', () => {
    expect(
      sizeOf(makeJob({ media: 'video', source: { url: 'v', width: 1000, height: 500, duration: 4 } })),
    ).toBe(2);
    expect(sizeOf(makeJob({ media: 'video', source: { url: 'v', width: 1000, height: 500 } }))).toBeNull();
    expect(sizeOf(makeJob({ source: { url: 'i', width: null, height: 10 } }))).toBeNull();
  });

  it('forecasts from the prior without history and from the fit with it', () => {
    const job = makeJob({ source: { url: 'https://gallery.example.org/a.jpg', width: 1000, height: 500 } });
    expect(forecastFor(job, [])).toEqual({ totalMs: (PRIOR.fixedS + PRIOR.perMpS * 0.5) * 1000, spread: 1 });
    const history = [0.25, 1, 2, 4].map((mp, i) => finished(1000 * mp, 1000, 3 + 8 * mp, 3_000_000 + i));
    // Four exactly known jobs: the line exactly, the spread still above MIN_SPREAD (four is few).
    expect(forecastFor(job, history).totalMs).toBe(7000);
    expect(forecastFor(job, history).spread).toBeGreaterThan(MIN_SPREAD);
    expect(forecastFor(job, history).spread).toBeLessThan(UNSURE_SPREAD);
    const unsized = makeJob({ source: { url: 'https://gallery.example.org/a.jpg' } });
    expect(forecastFor(unsized, history).spread).toBe(1);
  });
});
