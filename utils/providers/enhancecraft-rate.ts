/**
 * EnhanceCraft's X-RateLimit-* headers, read and combined into one view of the current window. Pure
 * functions of (headers, time); the shared budget (enhancecraft-budget.ts) stores and spends it.
 */

/** `reset` is milliseconds since the epoch (the header's Unix seconds × 1000). */
export interface RateBudget {
  remaining: number;
  reset: number;
  limit?: number;
  /** A window this client opened after the last one ended: `reset` is a guess until its first answer. */
  open?: boolean;
}

/** A refused call waits until just after the reset, so the first request lands in the new window. */
export const RESET_MARGIN_MS = 500;
/** EnhanceCraft's docs state the limits per minute. */
export const WINDOW_MS = 60_000;
const MAX_WAIT_MS = 3_600_000; // a reset further away than this is a misread header, not a plan

const count = (value: string | null) => {
  const n = value === null || value.trim() === '' ? NaN : Number(value);
  return Number.isFinite(n) && n >= 0 ? Math.floor(n) : undefined;
};

/** Documented as Unix seconds; milliseconds and "seconds from now" (other APIs' habits) are tolerated. */
function resetAt(value: number | undefined, now: number): number {
  if (value === undefined) return now + WINDOW_MS;
  const ms = value > 1e12 ? value : value > 1e9 ? value * 1000 : now + value * 1000;
  return Math.min(ms, now + MAX_WAIT_MS);
}

export function readBudget(headers: Headers, now: number): RateBudget | undefined {
  const remaining = count(headers.get('x-ratelimit-remaining'));
  if (remaining === undefined) return undefined;
  const limit = count(headers.get('x-ratelimit-limit'));
  const reset = resetAt(count(headers.get('x-ratelimit-reset')), now);
  return limit === undefined ? { remaining, reset } : { remaining, reset, limit };
}

/**
 * What one answer (`next`) teaches, given what was known (`old`) and how many requests this client
 * has taken and not yet seen answered (`pending`). Within one window `remaining` only falls, so answers
 * arriving out of order keep the lowest. An answer from a newer window does not count requests still
 * on their way, which may land in it: they are taken off. A late answer from an older window is ignored.
 */
export function mergeBudget(
  old: RateBudget | undefined,
  next: RateBudget,
  now: number,
  pending: number,
): RateBudget {
  const fresh = { ...next, remaining: Math.max(0, next.remaining - pending) };
  if (!old) return fresh;
  if (old.open) {
    if (next.reset <= now) return old; // from the window that had ended
    // The window we opened, now with its real reset: our own count may still be the lower one.
    return { ...fresh, remaining: Math.min(fresh.remaining, old.remaining) };
  }
  if (next.reset > old.reset) return fresh;
  if (next.reset < old.reset) return old;
  return { ...next, limit: next.limit ?? old.limit, remaining: Math.min(old.remaining, next.remaining) };
}

/** How long a 429 should wait: until X-RateLimit-Reset (plus a margin), when the answer says. */
export function waitFromHeaders(headers: Headers, now: number): number | undefined {
  const reset = count(headers.get('x-ratelimit-reset'));
  return reset === undefined ? undefined : Math.max(resetAt(reset, now) - now, 0) + RESET_MARGIN_MS;
}
