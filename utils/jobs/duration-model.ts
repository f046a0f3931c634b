import type { Job } from './schema';

/**
 * How long a provider takes, learned from the jobs this browser has finished: per provider and
 * operation, a fixed part plus seconds per input megapixel (per megapixel-second for a video), fitted
 * again from the job records whenever a job needs a forecast. Nothing extra is stored: the records
 * already carry submittedAt, finishedAt and the source's size, and the fit reads at most the newest
 * MAX_SAMPLES of them, so it stays cheap and bounded however long the history grows.
 *
 * The fit is a weighted Theil–Sen (weighted median of pairwise slopes, weighted median intercept): a
 * job that sat in a provider's queue for ten times its usual time moves it little, where least squares
 * would follow it. Every finished job counts, weighted by how closely its end was seen, so the line moves
 * gently as better-seen jobs arrive. The spread — how far the jobs strayed from the line — sets how wide
 * the window of dense polls is. A job's forecast is made once, at its submit (the job keeps it).
 */
export interface DurationFit {
  /** Seconds every job takes whatever its size (queueing, upload, start-up). */
  fixedS: number;
  /** Seconds per input megapixel (per megapixel-second of video). */
  perMpS: number;
  /** Relative half-width of the window the next job is expected to end in (0.1 … 1). */
  spread: number;
  /** Finished jobs the fit stands on; 0 for the prior. */
  samples: number;
}

/**
 * One finished job as the fit sees it. A job is seen done only at a poll, so its time is known to lie
 * between the last "still working" answer and that poll: `seconds` is the middle, `low`…`high` the bounds.
 */
export interface DurationSample {
  sizeMp: number;
  seconds: number;
  low?: number;
  high?: number;
}

/** When a job is expected to be done, for the poll plan (utils/jobs/poll-plan.ts). */
export interface Forecast {
  /** Expected time from the submit to the result, in ms. */
  totalMs: number;
  /** Relative half-width of the window it is expected to end in (0.1 … 1). */
  spread: number;
  /** Poll at least this often before the window (progress worth showing); none when absent. */
  refreshMs?: number;
}

/** Below this many finished jobs of the kind, the prior stands. */
export const MIN_SAMPLES = 3;
/** The newest finished jobs of a kind the fit reads. */
export const MAX_SAMPLES = 30;
export const MIN_SPREAD = 0.1;
export const MAX_SPREAD = 1;
/**
 * The spread is read from the 80th percentile of the relative misses: for misses spread evenly over ±s
 * it is 0.8 s, so dividing by 0.8 gives s; a fifth of the jobs may stray arbitrarily far (outliers)
 * without widening it.
 */
const SPREAD_QUANTILE = 0.8;
/**
 * How much a job counts in the fit: 1 for a job whose end is known exactly, ½ for one seen done within
 * PRECISE of its time, less the more coarsely it was seen (1 / (1 + (width / (PRECISE × time))²)). Every
 * job counts, so the line moves gently as closely seen jobs arrive, and never switches to a subset.
 */
const PRECISE = 0.25;
/**
 * The narrowest spread while the jobs seen closely weigh less than MIN_SAMPLES (coarsely seen jobs hide
 * how steady the provider is); it eases towards MIN_SPREAD as their weight grows (see `spreadFloor`).
 */
export const UNSURE_SPREAD = 0.25;
/** Sizes closer than this give no usable slope (same-size jobs say nothing about the per-MP part). */
const MIN_SIZE_GAP_MP = 0.05;
/** No image job is believed to take longer than this per megapixel, nor a fixed part longer than this. */
const MAX_PER_MP_S = 600;
const MAX_FIXED_S = 3600;

/**
 * Before any history: a guess with the widest spread, so the plan polls at the steady cadence from
 * the start (as a plain loop would) rather than bet on a duration it has never seen.
 */
export const PRIOR: DurationFit = { fixedS: 6, perMpS: 4, spread: MAX_SPREAD, samples: 0 };

const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * The weighted q-quantile, interpolated between neighbours. Each value stands at the middle of its
 * weight, the first and last at 0 and 1, so equal weights give the usual quantile exactly and a small
 * change of one weight moves the answer a little, never in a jump.
 */
function weightedQuantile(points: readonly { value: number; weight: number }[], q: number): number {
  const sorted = points.filter((p) => p.weight > 0).sort((a, b) => a.value - b.value);
  if (sorted.length < 2) return sorted[0]?.value ?? Number.NaN;
  const total = sorted.reduce((sum, p) => sum + p.weight, 0);
  const first = sorted[0]!.weight / 2;
  const span = total - first - sorted[sorted.length - 1]!.weight / 2;
  let below = 0;
  let previous = { at: 0, value: sorted[0]!.value };
  for (const p of sorted) {
    const at = (below + p.weight / 2 - first) / span;
    if (at >= q) {
      return at === previous.at
        ? p.value
        : previous.value + ((p.value - previous.value) * (q - previous.at)) / (at - previous.at);
    }
    previous = { at, value: p.value };
    below += p.weight;
  }
  return sorted[sorted.length - 1]!.value;
}

/**
 * How much a sample counts: how closely its end is known, against the kind's typical time `typicalS`
 * (see PRECISE). The typical time, not the job's own: a short job seen at a coarse pace pins the line
 * no worse than a long one seen at that pace, so equally coarse jobs count equally.
 */
export function weightOf(sample: DurationSample, typicalS: number): number {
  const width = (sample.high ?? sample.seconds) - (sample.low ?? sample.seconds);
  return 1 / (1 + (width / (PRECISE * Math.max(typicalS, 1))) ** 2);
}

/**
 * The narrowest spread the fit may claim, from the weight of the jobs it stands on: UNSURE_SPREAD up to
 * MIN_SAMPLES' worth of closely seen jobs, then shrinking with the square of their ratio (a quarter of it
 * at twice that), down to MIN_SPREAD.
 */
function spreadFloor(weight: number): number {
  return Math.max(MIN_SPREAD, UNSURE_SPREAD * Math.min(1, MIN_SAMPLES / Math.max(weight, 1e-9)) ** 2);
}

/** The size the time is thought to follow: megapixels, times seconds for a video; null when unknown. */
export function sizeOf(job: Pick<Job, 'media' | 'source'>): number | null {
  const { width, height, duration } = job.source;
  if (!width || !height || width <= 0 || height <= 0) return null;
  const mp = (width * height) / 1e6;
  if (job.media !== 'video') return mp;
  return duration && duration > 0 ? mp * duration : null;
}

/** Finished jobs of the same provider and operation as `job`, newest first, at most MAX_SAMPLES. */
export function samplesFor(
  job: Pick<Job, 'provider' | 'operation'>,
  history: readonly Job[],
): DurationSample[] {
  return history
    .filter(
      (j) =>
        j.provider === job.provider &&
        j.operation === job.operation &&
        j.result !== undefined &&
        j.submittedAt !== undefined &&
        j.finishedAt !== undefined &&
        j.finishedAt > j.submittedAt,
    )
    .sort((a, b) => (b.finishedAt ?? 0) - (a.finishedAt ?? 0))
    .flatMap((j) => {
      const sizeMp = sizeOf(j);
      const submitted = j.submittedAt as number;
      const high = ((j.finishedAt as number) - submitted) / 1000;
      const low = Math.min(high, Math.max(0, ((j.lastWorkingAt ?? submitted) - submitted) / 1000));
      return sizeMp === null ? [] : [{ sizeMp, seconds: (low + high) / 2, low, high }];
    })
    .slice(0, MAX_SAMPLES);
}

/**
 * Weighted Theil–Sen line through the samples, with the spread of their relative misses; the prior
 * below MIN_SAMPLES. Each pair's slope weighs the product of its jobs' weights times their size gap
 * (Sievers' weighting: two jobs of nearly one size tell the slope least, however closely seen), each
 * job's intercept its own weight.
 */
export function fitDurations(samples: readonly DurationSample[], prior: DurationFit = PRIOR): DurationFit {
  if (samples.length < MIN_SAMPLES) return prior;
  const typicalS = median(samples.map((s) => s.seconds));
  const weights = samples.map((s) => weightOf(s, typicalS));
  const slopes: { value: number; weight: number }[] = [];
  for (let i = 0; i < samples.length; i++) {
    for (let j = i + 1; j < samples.length; j++) {
      const a = samples[i]!;
      const b = samples[j]!;
      const dx = b.sizeMp - a.sizeMp;
      if (Math.abs(dx) >= MIN_SIZE_GAP_MP)
        slopes.push({
          value: (b.seconds - a.seconds) / dx,
          weight: weights[i]! * weights[j]! * Math.abs(dx),
        });
    }
  }
  // Same-size history cannot tell the per-MP part: the prior's stands, and the intercept absorbs the rest.
  const perMpS = slopes.length > 0 ? clamp(weightedQuantile(slopes, 0.5), 0, MAX_PER_MP_S) : prior.perMpS;
  const fixedS = clamp(
    weightedQuantile(
      samples.map((s, i) => ({ value: s.seconds - perMpS * s.sizeMp, weight: weights[i]! })),
      0.5,
    ),
    0,
    MAX_FIXED_S,
  );
  // A miss is how far the line passes outside what the polls know of the job, not the polls' own coarseness.
  const missOf = (s: DurationSample) => {
    const expected = Math.max(fixedS + perMpS * s.sizeMp, 0.5);
    const outside = Math.max(0, (s.low ?? s.seconds) - expected, expected - (s.high ?? s.seconds));
    return outside / expected;
  };
  const missed =
    weightedQuantile(
      samples.map((s, i) => ({ value: missOf(s), weight: weights[i]! })),
      SPREAD_QUANTILE,
    ) / SPREAD_QUANTILE;
  const weight = weights.reduce((sum, w) => sum + w, 0);
  const spread = clamp(Math.max(missed, spreadFloor(weight)), MIN_SPREAD, MAX_SPREAD);
  return { fixedS, perMpS, spread, samples: samples.length };
}

/**
 * The forecast for `job` from the finished jobs in `history`. A job of unknown size gets the fit's
 * time at the median size it has seen, with the widest spread.
 */
export function forecastFor(
  job: Pick<Job, 'provider' | 'operation' | 'media' | 'source'>,
  history: readonly Job[],
): Forecast {
  const samples = samplesFor(job, history);
  const fit = fitDurations(samples);
  const size = sizeOf(job);
  const at = size ?? (samples.length > 0 ? median(samples.map((s) => s.sizeMp)) : 0);
  const seconds = fit.fixedS + fit.perMpS * at;
  return { totalMs: Math.round(seconds * 1000), spread: size === null ? MAX_SPREAD : fit.spread };
}
