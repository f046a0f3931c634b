/**
 * The emulator's clock: real time plus an offset that tests move forward. Expiry (8-day jobs, CDN
 * retention) and rate-limit refills read it, so a test fast-forwards a day instead of sleeping.
 * Job progression never reads it: that is counted in polls — except HitPaw's timed jobs (its `timing`
 * switch and `forceNextDuration`, for benchmarks), which are done at a time on this clock.
 */
export interface Clock {
  /** Milliseconds since the epoch, as the emulator sees it. */
  now(): number;
  /** Moves the emulator's time forward by `ms` (never backwards). */
  advance(ms: number): void;
}

export function createClock(): Clock {
  let offset = 0;
  return {
    now: () => Date.now() + offset,
    advance(ms: number) {
      if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`clock.advance: bad duration ${ms}`);
      offset += ms;
    },
  };
}
