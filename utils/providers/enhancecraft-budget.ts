import { z } from 'zod';
import { ProviderError } from '../errors';
import type { ProviderContext } from './types';

/**
 * EnhanceCraft's per-key request budget (the only provider that sends rate-limit headers; a refused
 * call waits for `X-RateLimit-Reset` rather than backing off blindly). Every response carries
 * X-RateLimit-Limit/-Remaining/-Reset; they feed ONE budget per key, kept in the provider's memory and
 * so shared by every job. Status polls stop while POLL_RESERVE or fewer requests remain before the
 * reset, keeping those for submits and downloads: on Pro (50/min) one job polled every 2 s already
 * spends 30. The key is never stored: the memory name carries a short SHA-256 digest of it.
 */
export const POLL_RESERVE = 5;
/** A refused call waits until just after the reset, so the first request lands in the new window. */
export const RESET_MARGIN_MS = 500;
const WINDOW_MS = 60_000; // EnhanceCraft's docs state the limits per minute
const MAX_WAIT_MS = 3_600_000; // a reset further away than this is a misread header, not a plan

/** `reset` is milliseconds since the epoch (the header's Unix seconds × 1000). */
export interface RateBudget {
  remaining: number;
  reset: number;
  limit?: number;
}

const budgetSchema = z.object({
  remaining: z.number(),
  reset: z.number(),
  limit: z.number().optional(),
});

const clock = (ctx: ProviderContext) => (ctx.now ?? Date.now)();

export async function budgetName(key: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(`enhancecraft-rate:${key}`));
  const hex = [...new Uint8Array(digest).slice(0, 8)].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `rate:${hex}`;
}

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

async function load(ctx: ProviderContext, name: string): Promise<RateBudget | undefined> {
  const stored = await ctx.memory.get(name);
  if (!stored) return undefined;
  try {
    return budgetSchema.parse(JSON.parse(stored));
  } catch {
    return undefined; // a damaged note is no budget, not an error
  }
}

/** Within one window `remaining` only falls, so answers arriving out of order keep the lowest. */
function merge(old: RateBudget | undefined, next: RateBudget, now: number): RateBudget {
  if (!old || now >= old.reset || next.reset > old.reset) return next;
  if (next.reset < old.reset) return old; // a late answer from an earlier window
  return { ...next, remaining: Math.min(old.remaining, next.remaining) };
}

// Read-check-update runs one at a time per budget, so concurrent polls cannot all take the last slot.
const queues = new Map<string, Promise<unknown>>();
function serial<T>(name: string, task: () => Promise<T>): Promise<T> {
  const run = (queues.get(name) ?? Promise.resolve()).then(task, task);
  const settled = run.catch(() => undefined);
  queues.set(name, settled);
  void settled.then(() => queues.get(name) === settled && queues.delete(name));
  return run;
}

/**
 * Takes one request from the budget, or throws `rate_limited` (nothing sent) when `reserve` or fewer
 * would remain before the reset. Polls pass POLL_RESERVE; a submit's upload 1 (its job call still
 * fits) and its job call 0, so submits may use the last requests down to the final one.
 */
export async function spendBudget(ctx: ProviderContext, reserve: number): Promise<void> {
  const name = await budgetName(ctx.key);
  await serial(name, async () => {
    const budget = await load(ctx, name);
    const now = clock(ctx);
    if (!budget || now >= budget.reset) return;
    if (budget.remaining <= reserve) {
      throw new ProviderError({
        kind: 'rate_limited',
        retryable: true,
        retryAfterMs: budget.reset - now + RESET_MARGIN_MS,
        message:
          'Holding back: your EnhanceCraft request limit is nearly used up for this minute. ' +
          'The extension will continue after it resets.',
      });
    }
    await ctx.memory.set(name, JSON.stringify({ ...budget, remaining: budget.remaining - 1 }));
  });
}

/** Stores what a response's headers say. Best effort: it must never turn a created job into an error. */
export async function recordBudget(ctx: ProviderContext, headers: Headers): Promise<void> {
  try {
    const now = clock(ctx);
    const next = readBudget(headers, now);
    if (!next) return;
    const name = await budgetName(ctx.key);
    await serial(name, async () => {
      const merged = merge(await load(ctx, name), next, now);
      await ctx.memory.set(name, JSON.stringify(merged));
    });
  } catch {
    // the budget is an optimisation; the server still enforces its limit with a 429
  }
}

/** How long a 429 should wait: until X-RateLimit-Reset (plus a margin), when the answer says. */
export function waitFromHeaders(headers: Headers, now: number): number | undefined {
  const reset = count(headers.get('x-ratelimit-reset'));
  return reset === undefined ? undefined : Math.max(resetAt(reset, now) - now, 0) + RESET_MARGIN_MS;
}
