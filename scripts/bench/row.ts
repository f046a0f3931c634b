/**
 * One figure of `npm run bench`: what was measured, the goal it is held to, and the figure a person
 * would otherwise get (the reference poll loop, plain UpscalerJS…) measured in the same run.
 * Benchmarks report; they never fail: a slow, shared machine must not turn CI red.
 */
export interface BenchRow {
  /** What was measured, e.g. "Detection delay, size-following jobs (mean)". */
  name: string;
  value: number;
  unit: string;
  /** The goal as a person reads it, e.g. "≤ ⅓ of the loop's" or "≤ 150 ms". */
  goal?: string;
  /** The comparison measured in the same run, in the same unit. */
  comparison?: { name: string; value: number };
  /** Whether the goal holds in this run (undefined when there is no goal). */
  met?: boolean;
}

/** A benchmark section: runs, then returns its rows for the one table `npm run bench` prints. */
export type Bench = () => Promise<BenchRow[]>;
