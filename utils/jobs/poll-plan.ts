import type { PollSchedule, RemoteStatus } from '../providers/types';
import { MAX_SPREAD, MIN_SPREAD, type Forecast } from './duration-model';

/**
 * When to ask a provider whether a job is done, given when it is expected to be (a Forecast):
 *
 *   submit ─────── quiet ─────── [ window: dense polls ] ── widening ── steady cadence ── … provider max
 *                               P(1−s)        P        P(1+s)
 *
 * - Before the window nothing is asked (or, for a provider whose progress is worth showing, every
 *   `refreshMs`): the job is almost surely still running.
 * - Inside the window come as many polls as a plain loop at the steady cadence would have made by the
 *   window's end, evenly spaced, the last at its end: what the quiet start saved is spent where the job
 *   actually ends. So a good forecast buys a short delay for no extra calls.
 * - After the window (the forecast overshot) the gaps widen by half each time, up to the steady
 *   cadence, then fall on the cadence's grid counted from the submit (as the loop's do); a job still running long after (past LATE_MS and four times the window's end) is
 *   polled at the provider's own maximum, so the poll budget lasts the job's whole age limit.
 * - A forecast too vague for the window to be denser than the cadence (the prior, with the widest
 *   spread, is one) is no better than the loop: the plan is then the plain loop.
 *
 * The plan is a pure function of the forecast and the time since the submit, so the next poll time
 * can be computed again at any poll, by any worker. The learned forecast is fixed when the job is
 * submitted (kept on its record), so the window stays where it was planned; only the provider's own word
 * on the job (an ETA, progress) moves it. The result is persisted as the job's nextAttemptAt like every
 * other wake-up.
 */

/** The loop a person would write (submit, then ask every 5 s): the plan never polls more often than this on average. */
export const STEADY_CADENCE_MS = 5_000;
/** The densest the plan ever polls. */
export const DENSE_MIN_MS = 1_000;
/** Past this age (and four times the window's end) a job is late, and polled at the provider's max. */
export const LATE_MS = 120_000;
/** How a provider's ETA is trusted: its wobble plus the swings between answers. */
export const ETA_SPREAD = 0.25;
/** The nearest the next poll may be, so a slow answer never makes the plan fire twice at once. */
const MIN_GAP_MS = 250;
const WIDEN = 1.5;

export interface PlanOptions {
  /** The steady cadence for this provider (its own first delay when that is longer). */
  cadenceMs: number;
  /** The provider's longest gap, used once a job is late. */
  maxMs: number;
}

export function planOptions(schedule: PollSchedule): PlanOptions {
  return {
    cadenceMs: Math.max(STEADY_CADENCE_MS, schedule.firstMs),
    maxMs: Math.max(schedule.maxMs, STEADY_CADENCE_MS),
  };
}

const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));

/** The plan's poll times (ms after the submit), in order, without end. */
export function* pollTimes(forecast: Forecast, { cadenceMs, maxMs }: PlanOptions): Generator<number> {
  const spread = clamp(forecast.spread, MIN_SPREAD, MAX_SPREAD);
  const predicted = Math.max(forecast.totalMs, DENSE_MIN_MS);
  const start = predicted * (1 - spread);
  const end = predicted * (1 + spread);
  const lateAt = Math.max(LATE_MS, 4 * end);
  // A loop at the cadence spends P/cadence + ½ calls on a job ending near P; n polls spread evenly over
  // the window spend (n + 1)/2 on a job ending anywhere in it: n = 2P/cadence spends no more.
  const calls = Math.max(
    1,
    Math.min(Math.floor((2 * predicted) / cadenceMs), Math.floor((end - start) / DENSE_MIN_MS)),
  );
  const spacing = Math.max((end - start) / calls, DENSE_MIN_MS);
  let t = 0;
  // A forecast too vague to beat the loop (the prior is one) skips the window: the loop's own grid.
  if (spacing < cadenceMs) {
    if (forecast.refreshMs && forecast.refreshMs > 0) {
      while (t + forecast.refreshMs < start) yield (t += forecast.refreshMs);
    }
    // The last at the window's end: a job that ends inside the window is seen by then at the latest.
    for (let k = calls - 1; k >= 0; k--) yield (t = end - k * spacing);
  }
  let gap = Math.min(spacing, cadenceMs);
  for (;;) {
    const cap = t >= lateAt ? maxMs : cadenceMs;
    gap = Math.min(gap * WIDEN, cap);
    if (cap === cadenceMs && gap >= cadenceMs) {
      // Steady: on the cadence's grid counted from the submit, so a forecast that changes mid-job (a
      // job finished and taught the model) does not shift the phase of a job that is already late.
      const next = (Math.floor(t / cadenceMs) + 1) * cadenceMs;
      t = next - t < cadenceMs / 2 ? next + cadenceMs : next;
    } else t += gap;
    yield t;
  }
}

/**
 * How long from now (`elapsedMs` after the submit) until the plan's next poll. A forecast that changed
 * since the last poll (a new ETA from the provider) moves the plan's times; a planned
 * time nearer than half the plan's own spacing there is skipped, so a moved plan never makes two polls
 * in a row closer than that (nor the next one more than 1.5 spacings away).
 */
export function nextPlannedPoll(forecast: Forecast, elapsedMs: number, options: PlanOptions): number {
  let count = 0;
  let previous = 0;
  for (const t of pollTimes(forecast, options)) {
    if (t >= elapsedMs + MIN_GAP_MS && t - elapsedMs >= (t - previous) / 2) return Math.round(t - elapsedMs);
    previous = t;
    // Bounded however old the job: beyond the loop's reach, the provider's max from now.
    if (++count > 100_000) break;
  }
  return options.maxMs;
}

/**
 * A forecast from what the provider says of the job itself: its ETA (already smoothed against the
 * previous one), else the progress so far extrapolated. Null when it says neither.
 */
export function forecastFromStatus(
  status: Pick<RemoteStatus, 'progress'>,
  smoothedEtaS: number | null | undefined,
  elapsedMs: number,
  refreshMs: number,
): Forecast | null {
  if (smoothedEtaS != null && Number.isFinite(smoothedEtaS) && smoothedEtaS >= 0) {
    return { totalMs: elapsedMs + smoothedEtaS * 1000, spread: ETA_SPREAD, refreshMs };
  }
  const p = status.progress;
  if (p !== null && p >= 0.05 && p < 1) {
    return { totalMs: elapsedMs / p, spread: ETA_SPREAD * 2, refreshMs };
  }
  return null;
}
