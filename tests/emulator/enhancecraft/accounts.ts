import { randomUUID } from 'node:crypto';
import type { Clock } from '../core/clock';

/** The tier table of EnhanceCraft's API docs (Enterprise, "10,000+ / unlimited", is not modelled). */
export const TIERS = {
  pro: { perMinute: 50, perMonth: 50_000 },
  business: { perMinute: 200, perMonth: 200_000 },
} as const;

export type Tier = keyof typeof TIERS;

export interface KeyOptions {
  /** Credit balance (default 100). A "broke" key is `{ credits: 0 }`. */
  credits?: number;
  /** Rate-limit preset (default `pro`: 50/min, 50,000/month). */
  tier?: Tier;
  /** Overrides the tier's requests per minute (e.g. 8, to reach the limit quickly). */
  perMinute?: number;
  /**
   * Length of the rate window in ms (default 60,000: the docs state per-minute limits). A shorter one is
   * only a test knob, so a spec about the limit need not wait a minute per window; `perMinute` is then
   * the limit per window, as X-RateLimit-Limit reports it.
   */
  windowMs?: number;
  /** Overrides the tier's requests per month. */
  perMonth?: number;
  /** Requests already spent this month (to test the monthly limit without 50,000 calls). */
  usedThisMonth?: number;
  /** The account the key belongs to (default: a fresh user id per key). Keys of one user see each other's files and jobs. */
  user?: string;
}

export interface Account {
  key: string;
  user: string;
  tier: Tier;
  credits: number;
  perMinute: number;
  windowMs: number;
  perMonth: number;
  /** Fixed window (`windowMs`, one minute by default) that opens at the first request after the last closed. */
  windowStart: number | null;
  windowCount: number;
  /** UTC `YYYY-MM` of the monthly counter. */
  month: string;
  monthCount: number;
}

export type RateHeaders = Record<string, string>;

export interface Admission {
  /** `minute`/`month`: over that limit, answer 429 (the request is not counted). */
  refused: false | 'minute' | 'month';
  headers: RateHeaders;
}

const MINUTE = 60_000;
function windowLength(ms: number | undefined): number {
  if (ms === undefined) return MINUTE;
  if (!Number.isInteger(ms) || ms < 1000) throw new RangeError('windowMs must be a whole number ≥ 1000');
  return ms;
}

const monthOf = (ms: number) => new Date(ms).toISOString().slice(0, 7);

/**
 * Per-key state: user, credits and the two rate windows. The minute window opens at a key's first
 * request (not on the wall-clock minute), so a test never straddles a window boundary by accident;
 * X-RateLimit-Reset is the Unix second at which it closes. The month is the UTC calendar month.
 */
export class Accounts {
  private readonly keys = new Map<string, Account>();
  /** Unauthenticated requests share one Pro-sized window, only to fill the headers of their 401s. */
  private readonly anonymous: Account;

  constructor(private readonly clock: Clock) {
    this.anonymous = this.make('', {});
  }

  add(key: string, options: KeyOptions = {}): void {
    this.keys.set(key, this.make(key, options));
  }

  get(key: string | undefined): Account | undefined {
    return key === undefined ? undefined : this.keys.get(key);
  }

  credits(key: string): number {
    const account = this.keys.get(key);
    if (!account) throw new Error(`Unknown EnhanceCraft emulator key: ${key}`);
    return account.credits;
  }

  /**
   * Counts one request against the key (or the anonymous window) and returns the headers to send.
   * An anonymous request is never refused: its answer is the 401.
   */
  admit(account: Account | undefined): Admission {
    const target = account ?? this.anonymous;
    this.roll(target);
    const refused: Admission['refused'] =
      target.monthCount >= target.perMonth
        ? 'month'
        : target.windowCount >= target.perMinute
          ? 'minute'
          : false;
    if (!refused || !account) {
      target.windowCount += 1;
      target.monthCount += 1;
    }
    return { refused: account ? refused : false, headers: this.headers(target) };
  }

  /** The anonymous headers without counting (CORS preflights). */
  peekAnonymous(): RateHeaders {
    this.roll(this.anonymous);
    return this.headers(this.anonymous);
  }

  private roll(account: Account): void {
    const now = this.clock.now();
    if (account.windowStart === null || now >= account.windowStart + account.windowMs) {
      account.windowStart = now;
      account.windowCount = 0;
    }
    if (monthOf(now) !== account.month) {
      account.month = monthOf(now);
      account.monthCount = 0;
    }
  }

  private headers(account: Account): RateHeaders {
    const start = account.windowStart ?? this.clock.now();
    return {
      'X-RateLimit-Limit': String(account.perMinute),
      'X-RateLimit-Remaining': String(Math.max(0, account.perMinute - account.windowCount)),
      'X-RateLimit-Reset': String(Math.ceil((start + account.windowMs) / 1000)),
      'X-RateLimit-Limit-Month': String(account.perMonth),
      'X-RateLimit-Remaining-Month': String(Math.max(0, account.perMonth - account.monthCount)),
    };
  }

  private make(key: string, options: KeyOptions): Account {
    const tier = options.tier ?? 'pro';
    return {
      key,
      user: options.user ?? randomUUID(),
      tier,
      credits: options.credits ?? 100,
      perMinute: options.perMinute ?? TIERS[tier].perMinute,
      windowMs: windowLength(options.windowMs),
      perMonth: options.perMonth ?? TIERS[tier].perMonth,
      windowStart: null,
      windowCount: 0,
      month: monthOf(this.clock.now()),
      monthCount: options.usedThisMonth ?? 0,
    };
  }
}
