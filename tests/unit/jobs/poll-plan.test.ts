import { describe, expect, it } from 'vitest';
import { fitDurations, PRIOR, type DurationSample, type Forecast } from '@/utils/jobs/duration-model';
import {
  DENSE_MIN_MS,
  forecastFromStatus,
  LATE_MS,
  nextPlannedPoll,
  planOptions,
  pollTimes,
  STEADY_CADENCE_MS,
} from '@/utils/jobs/poll-plan';
import { afterStatus, afterSubmit } from '@/utils/jobs/transitions';
import { hitpawPhoto } from '@/utils/providers/hitpaw-photo';
import { makeJob } from './job-factory';

const options = planOptions(hitpawPhoto.pollSchedule); // cadence 5 s, max 10 s
const first = (forecast: Forecast, n: number) => {
  const times: number[] = [];
  for (const t of pollTimes(forecast, options)) if (times.push(Math.round(t)) >= n) break;
  return times;
};

/** The poll that first sees a job done after `durationMs`: how many calls it took and how late it came. */
function detect(times: Iterable<number>, durationMs: number) {
  let calls = 0;
  for (const t of times) {
    calls++;
    if (t >= durationMs) return { calls, delayMs: t - durationMs };
  }
  throw new Error('unreachable');
}
function* loop() {
  for (let t = STEADY_CADENCE_MS; ; t += STEADY_CADENCE_MS) yield t;
}
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

/** Deterministic noise in [-1, 1] (a linear congruential sequence): the simulations are exact. */
function noise(seed: number) {
  let s = seed;
  return () => ((s = (s * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31) * 2 - 1;
}

describe('poll plan', () => {
  it('with the prior (no history) is the plain loop: every 5 s', () => {
    expect(first({ totalMs: 10_000, spread: PRIOR.spread }, 8)).toEqual([
      5_000, 10_000, 15_000, 20_000, 25_000, 30_000, 35_000, 40_000,
    ]);
  });

  it('is quiet before the window, dense inside it, widening after it', () => {
    // Predicted 20 s ± 15 %: window 17–23 s. A loop spends 20/5 + ½ calls on such a job; six polls
    // evenly over the window (the last at its end, 1 s apart) spend 3.5 on average. Then widening, then
    // the 5-s grid counted from the submit.
    expect(first({ totalMs: 20_000, spread: 0.15 }, 11)).toEqual([
      18_000, 19_000, 20_000, 21_000, 22_000, 23_000, 24_500, 26_750, 30_125, 35_000, 40_000,
    ]);
  });

  it('never polls denser than DENSE_MIN_MS, nor before it', () => {
    const times = first({ totalMs: 600, spread: 0.1 }, 5);
    expect(times[0]).toBeGreaterThanOrEqual(DENSE_MIN_MS);
    for (let i = 1; i < times.length; i++)
      expect(times[i]! - times[i - 1]!).toBeGreaterThanOrEqual(DENSE_MIN_MS);
  });

  it("polls a late job at the provider's maximum, so its poll budget lasts the job's age limit", () => {
    const times = first({ totalMs: 10_000, spread: 1 }, 200);
    const late = times.filter((t) => t > LATE_MS + 20_000);
    for (let i = 1; i < late.length; i++) expect(late[i]! - late[i - 1]!).toBe(options.maxMs);
    const { maxPolls, maxAgeMs } = hitpawPhoto.pollSchedule;
    expect(times.filter((t) => t <= maxAgeMs).length).toBeLessThan(maxPolls);
  });

  it('gives the delay to the next planned poll from any moment, never sooner than 250 ms', () => {
    const forecast = { totalMs: 20_000, spread: 0.15 };
    expect(nextPlannedPoll(forecast, 0, options)).toBe(18_000);
    expect(nextPlannedPoll(forecast, 18_050, options)).toBe(950); // 19 000 − 18 050
    expect(nextPlannedPoll(forecast, 18_950, options)).toBe(1_050); // 19 000 is too near: the next one
  });

  it('refreshes every refreshMs before the window when the provider shows progress', () => {
    expect(first({ totalMs: 100_000, spread: 0.25, refreshMs: 30_000 }, 4)).toEqual([
      30_000, 60_000, 76_250, 77_500,
    ]);
  });

  it('takes a forecast from an ETA, else from progress, else none', () => {
    expect(forecastFromStatus({ progress: 0.5 }, 40, 20_000, 30_000)).toEqual({
      totalMs: 60_000,
      spread: 0.25,
      refreshMs: 30_000,
    });
    expect(forecastFromStatus({ progress: 0.25 }, null, 20_000, 30_000)?.totalMs).toBe(80_000);
    expect(forecastFromStatus({ progress: null }, null, 20_000, 30_000)).toBeNull();
  });
});

it('a forecast that changes mid-job (the model learned meanwhile) neither bunches polls nor shifts a late job off the grid', () => {
  // Each poll asks the plan again; the forecast switches from the prior to a tighter one after 12 s.
  const prior = { totalMs: 6_000, spread: 1 };
  const learned = { totalMs: 7_500, spread: 0.67 };
  const polls: number[] = [];
  for (let t = nextPlannedPoll(prior, 0, options); t < 70_000;) {
    polls.push(t);
    t += nextPlannedPoll(t < 12_000 ? prior : learned, t, options);
  }
  expect(polls).toEqual([
    5_000, 10_000, 15_000, 20_000, 25_000, 30_000, 35_000, 40_000, 45_000, 50_000, 55_000, 60_000, 65_000,
  ]);
  for (let i = 1; i < polls.length; i++) expect(polls[i]! - polls[i - 1]!).toBeGreaterThanOrEqual(2_500);
});

describe('poll plan against the plain loop (deterministic simulation)', () => {
  const MIX_S = [4, 9, 17, 33, 62];

  it('with no history the plan is the loop itself: the mix is seen at the same polls', () => {
    for (const s of MIX_S) {
      expect(detect(pollTimes({ totalMs: 10_000, spread: PRIOR.spread }, options), s * 1000)).toEqual(
        detect(loop(), s * 1000),
      );
    }
  });

  it('jobs of unpredictable duration (the 4/9/17/33/62 s mix): no more calls and no more delay than the loop', () => {
    // No usable history: the prior, or a fit of the mix itself (same size, wildly different times).
    const fits = [PRIOR, fitDurations(MIX_S.map((seconds) => ({ sizeMp: 0.3, seconds })))];
    for (const fit of fits) {
      const forecast = { totalMs: (fit.fixedS + fit.perMpS * 0.3) * 1000, spread: fit.spread };
      const plan = MIX_S.map((s) => detect(pollTimes(forecast, options), s * 1000));
      const ref = MIX_S.map((s) => detect(loop(), s * 1000));
      expect(mean(plan.map((d) => d.calls))).toBeLessThanOrEqual(mean(ref.map((d) => d.calls)));
      expect(mean(plan.map((d) => d.delayMs))).toBeLessThanOrEqual(mean(ref.map((d) => d.delayMs)));
    }
  });

  it("jobs that follow their size (6 s + 10 s/MP, ±15 %), after five warm-up jobs seen at the loop's pace: a third of the delay for no more calls", () => {
    // As the benchmark runs it: five warm-up jobs, one of each size, planned from the prior (the loop's
    // grid, so each is known only to within 5 s), then ten jobs of mixed sizes, each planned from the
    // fit of the warm-up; the same durations polled by the loop. Averaged over 40 seeded runs.
    const sizes = [0.03, 0.15, 0.4, 0.75, 3];
    const measured = [...sizes.slice(3), ...sizes.slice(0, 3), ...sizes];
    const delayRatios: number[] = [];
    const callRatios: number[] = [];
    for (let seed = 1; seed <= 40; seed++) {
      const rand = noise(seed);
      const take = (mp: number) => (6 + 10 * mp) * (1 + 0.15 * rand()) * 1000;
      const warmUp: DurationSample[] = sizes.map((sizeMp) => {
        const durationMs = take(sizeMp);
        const seen = detect(pollTimes({ totalMs: 10_000, spread: PRIOR.spread }, options), durationMs);
        const high = (durationMs + seen.delayMs) / 1000;
        const low = high - STEADY_CADENCE_MS / 1000;
        return { sizeMp, seconds: (low + high) / 2, low, high };
      });
      const fit = fitDurations(warmUp);
      const plan: { calls: number; delayMs: number }[] = [];
      const ref: { calls: number; delayMs: number }[] = [];
      for (const mp of measured) {
        const durationMs = take(mp);
        const forecast = { totalMs: (fit.fixedS + fit.perMpS * mp) * 1000, spread: fit.spread };
        plan.push(detect(pollTimes(forecast, options), durationMs));
        ref.push(detect(loop(), durationMs));
      }
      delayRatios.push(mean(plan.map((d) => d.delayMs)) / mean(ref.map((d) => d.delayMs)));
      callRatios.push(mean(plan.map((d) => d.calls)) / mean(ref.map((d) => d.calls)));
    }
    expect(mean(delayRatios)).toBeLessThanOrEqual(1 / 3);
    expect(mean(callRatios)).toBeLessThanOrEqual(1);
    // Most single runs meet the third on their own; none is worse than half the loop's delay.
    expect(delayRatios.filter((r) => r <= 1 / 3).length).toBeGreaterThanOrEqual(30);
    expect(Math.max(...delayRatios)).toBeLessThanOrEqual(0.5);
  });

  it('bounds the delay: inside the window by one dense gap, after it by 1.5 cadences (joining the grid)', () => {
    const forecast = { totalMs: 20_000, spread: 0.15 };
    const dense = 1_000;
    for (let d = 17_000; d <= 23_000; d += 137) {
      expect(detect(pollTimes(forecast, options), d).delayMs).toBeLessThanOrEqual(dense + 1);
    }
    for (let d = 23_000; d <= 100_000; d += 411) {
      expect(detect(pollTimes(forecast, options), d).delayMs).toBeLessThanOrEqual(1.5 * STEADY_CADENCE_MS);
    }
  });
});

describe('pacing in the transitions', () => {
  const clock = { now: 5_000_000, random: () => 0.5 };
  const withForecast = { ...hitpawPhoto, forecast: { totalMs: 20_000, spread: 0.15 } };

  it("a submit sets the window's first poll, persisted as nextAttemptAt", () => {
    const job = afterSubmit(makeJob(), { providerJobId: 'p1' }, withForecast, clock);
    expect(job.nextAttemptAt).toBe(clock.now + 18_000);
  });

  it('a poll in the window sets the next dense poll, counted from the submit', () => {
    const job = makeJob({ state: 'queued', providerJobId: 'p1', submittedAt: clock.now - 18_050 });
    const status = {
      state: 'processing',
      rawStatus: 'CONVERTING',
      progress: null,
      etaSeconds: null,
    } as const;
    expect(afterStatus(job, status, withForecast, clock).nextAttemptAt).toBe(clock.now + 950);
  });

  it('the forecast is fixed at the submit: later polls plan from it, whatever the model learned since', () => {
    const submitted = afterSubmit(makeJob(), { providerJobId: 'p1' }, withForecast, clock);
    expect(submitted.forecast).toEqual({ totalMs: 20_000, spread: 0.15 });
    // 18.05 s in, other jobs finished and the model now says 40 s: the job's window (17–23 s) stands.
    const later = { ...clock, now: clock.now + 18_050 };
    const status = {
      state: 'processing',
      rawStatus: 'CONVERTING',
      progress: null,
      etaSeconds: null,
    } as const;
    const moved = { ...hitpawPhoto, forecast: { totalMs: 40_000, spread: 0.15 } };
    const polled = afterStatus(submitted, status, moved, later);
    expect(polled.nextAttemptAt).toBe(later.now + 950);
    expect(polled.forecast).toEqual(submitted.forecast);
    // And without any pacing forecast at all (the poll does not read the history), the same.
    expect(afterStatus(submitted, status, hitpawPhoto, later).nextAttemptAt).toBe(later.now + 950);
  });

  it("HitPaw's synthetic phase progress leaves the window where it was; measured progress re-plans it", () => {
    const job = makeJob({ state: 'queued', providerJobId: 'p1', submittedAt: clock.now - 5_000 });
    const phase = { state: 'processing', rawStatus: 'CONVERTING', progress: 0.5, etaSeconds: null } as const;
    // 5 s in at "50 %": extrapolated it would say 10 s; the learned window (17–23 s) stands.
    expect(afterStatus(job, phase, withForecast, clock).nextAttemptAt).toBe(clock.now + 13_000);
    const measured = { ...withForecast, measuredProgress: true };
    expect(afterStatus(job, phase, measured, clock).nextAttemptAt).toBeLessThan(clock.now + 13_000);
  });

  it("the provider's ETA beats the learned forecast", () => {
    const job = makeJob({ state: 'processing', providerJobId: 'p1', submittedAt: clock.now - 10_000 });
    const status = { state: 'processing', rawStatus: '1', progress: 0.4, etaSeconds: 100 } as const;
    // 10 s in, 100 s to go: window 82.5–137.5 s, before it a refresh every 10 s (from the submit).
    expect(afterStatus(job, status, withForecast, clock).nextAttemptAt).toBe(clock.now + 10_000);
  });
});
