import { z } from 'zod';
import { ProviderError } from '../errors';
import { oneAtATime } from '../one-at-a-time';
import { REQUEST_TIMEOUT_MS } from './http';
import { mergeBudget, readBudget, RESET_MARGIN_MS, WINDOW_MS, type RateBudget } from './enhancecraft-rate';
import type { ProviderContext } from './types';
import { t } from '../i18n';

/**
 * EnhanceCraft's per-key request budget (the only provider that sends rate-limit headers, so a refused
 * call waits for `X-RateLimit-Reset` instead of backing off blindly). Every answer's
 * X-RateLimit-Limit/-Remaining/-Reset feed ONE budget per key, kept in the provider's memory and so
 * shared by every job. The key is never stored: the memory name carries a short SHA-256 digest of it.
 *
 * Spending is atomic across jobs: a caller takes all the requests it needs at once (a submit takes its
 * upload and its job call together, so an upload is only sent when its job call is sure to follow) or
 * none, and is refused with a retryable `rate_limited` error, nothing sent, until the reset. Requests
 * taken and not yet answered are counted in this worker's memory, so an answer that opens a new window
 * cannot hand their slots out a second time.
 */
export { readBudget, RESET_MARGIN_MS, waitFromHeaders, type RateBudget } from './enhancecraft-rate';

/**
 * Status polls leave this many requests of the window to submits and downloads: on Pro (50/min) one
 * job polled every 2 s already spends 30. It is a tenth of Pro's limit, and never more than a tenth of
 * a smaller one, or polls would get one request a window.
 */
export const POLL_RESERVE = 5;
/** How long a caller waits for the answer that tells it the window it may spend in. */
const ANSWER_WAIT_MS = REQUEST_TIMEOUT_MS;

const budgetSchema = z.object({
  remaining: z.number(),
  reset: z.number(),
  limit: z.number().optional(),
  open: z.boolean().optional(),
});

const clock = (ctx: ProviderContext) => (ctx.now ?? Date.now)();

export async function budgetName(key: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(`enhancecraft-rate:${key}`));
  const hex = [...new Uint8Array(digest).slice(0, 8)].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `rate:${hex}`;
}

/** This worker's view of one budget: requests taken and unanswered, callers waiting for an answer. */
interface Ledger {
  inFlight: number;
  listeners: Set<() => void>;
  turn: <T>(task: () => Promise<T>) => Promise<T>;
}
const ledgers = new Map<string, Ledger>();
const ledgerOf = (name: string): Ledger => {
  let ledger = ledgers.get(name);
  if (!ledger) ledgers.set(name, (ledger = { inFlight: 0, listeners: new Set(), turn: oneAtATime() }));
  return ledger;
};
const notify = (ledger: Ledger) => ledger.listeners.forEach((wake) => wake());

async function load(ctx: ProviderContext, name: string): Promise<RateBudget | undefined> {
  const stored = await ctx.memory.get(name);
  if (!stored) return undefined;
  try {
    return budgetSchema.parse(JSON.parse(stored));
  } catch {
    return undefined; // a damaged note is no budget, not an error
  }
}
const save = (ctx: ProviderContext, name: string, budget: RateBudget) =>
  ctx.memory.set(name, JSON.stringify(budget));

/** Requests taken together; each is answered, goes unanswered, or is given back by `release`. */
export interface Ticket {
  /** One request got an answer: its headers update the budget. Never throws. */
  answered(headers: Headers): Promise<void>;
  /** One request got no answer (network, timeout): the server may have counted it, so it stays spent. */
  unanswered(): void;
  /** Gives back the requests not sent (an upload that failed: its job call never goes). */
  release(): Promise<void>;
}

/** For a request's `.catch`: it went without an answer (the ticket's slot stays spent); rethrows. */
export const unanswered =
  (ticket: Ticket | undefined) =>
  (error: unknown): never => {
    ticket?.unanswered();
    throw error;
  };

type Verdict = { go: true; window?: number } | { go: false; wait: boolean; retryAfterMs: number };

/** The window as it stands at `now`: an ended one is followed by a fresh one when the limit is known. */
function current(budget: RateBudget | undefined, now: number, inFlight: number): RateBudget | undefined {
  if (!budget || now < budget.reset) return budget;
  if (budget.limit === undefined) return undefined;
  // Unanswered requests may land in the new window; its true reset comes with its first answer.
  const remaining = Math.max(0, budget.limit - inFlight);
  return { remaining, reset: now + WINDOW_MS, limit: budget.limit, open: true };
}

async function decide(ctx: ProviderContext, name: string, slots: number, reserve: number): Promise<Verdict> {
  const ledger = ledgerOf(name);
  const now = clock(ctx);
  const budget = current(await load(ctx, name), now, ledger.inFlight);
  if (!budget) {
    // Nothing known (first use, or no limit header): one caller at a time until an answer tells.
    if (ledger.inFlight > 0) return { go: false, wait: true, retryAfterMs: 2 * RESET_MARGIN_MS };
    ledger.inFlight += slots;
    return { go: true };
  }
  const keep = Math.min(reserve, Math.floor((budget.limit ?? Infinity) / 10));
  if (budget.remaining < slots + keep) {
    const retryAfterMs = Math.max(budget.reset - now, 0) + RESET_MARGIN_MS;
    return { go: false, wait: Boolean(budget.open) && ledger.inFlight > 0, retryAfterMs };
  }
  await save(ctx, name, { ...budget, remaining: budget.remaining - slots });
  ledger.inFlight += slots;
  return { go: true, window: budget.reset };
}

/** Resolves at the next answer or release, after `ms`, or when the job's step is called off. */
function nextChange(ledger: Ledger, ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      ledger.listeners.delete(done);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    ledger.listeners.add(done);
    signal?.addEventListener('abort', done);
  });
}

const heldBack = (retryAfterMs: number) =>
  new ProviderError({
    kind: 'rate_limited',
    retryable: true,
    retryAfterMs,
    message: t('ec_held_back'),
  });

/**
 * Takes `slots` requests at once, or throws a retryable `rate_limited` error (nothing sent) when fewer
 * than `slots + reserve` remain before the reset. Just after a window ends, or before anything is known,
 * a caller that does not fit waits (briefly, in memory) for the answer that tells the new window's reset.
 */
export async function takeBudget(ctx: ProviderContext, slots: number, reserve = 0): Promise<Ticket> {
  const name = await budgetName(ctx.key);
  const ledger = ledgerOf(name);
  const started = Date.now();
  for (;;) {
    const verdict = await ledger.turn(() => decide(ctx, name, slots, reserve));
    if (verdict.go) return ticket(ctx, name, ledger, slots, verdict.window);
    const left = ANSWER_WAIT_MS - (Date.now() - started);
    if (!verdict.wait || left <= 0 || ctx.signal?.aborted) throw heldBack(verdict.retryAfterMs);
    await nextChange(ledger, left, ctx.signal);
  }
}

function ticket(ctx: ProviderContext, name: string, ledger: Ledger, slots: number, window?: number): Ticket {
  let held = slots;
  const settle = (n: number) => {
    const count = Math.min(n, held);
    held -= count;
    ledger.inFlight = Math.max(0, ledger.inFlight - count);
    return count;
  };
  return {
    async answered(headers) {
      try {
        await ledger.turn(async () => {
          settle(1);
          const now = clock(ctx);
          const next = readBudget(headers, now);
          if (next) await save(ctx, name, mergeBudget(await load(ctx, name), next, now, ledger.inFlight));
        });
      } catch {
        // the budget is an optimisation; the server still enforces its limit with a 429
      } finally {
        notify(ledger);
      }
    },
    unanswered() {
      settle(1);
      notify(ledger);
    },
    async release() {
      if (held === 0) return;
      try {
        await ledger.turn(async () => {
          const count = settle(held);
          const budget = await load(ctx, name);
          // Only to the window they were taken from: a later one never counted them.
          if (!budget || window === undefined || budget.reset !== window || clock(ctx) >= window) return;
          const remaining = Math.min(budget.remaining + count, budget.limit ?? Infinity);
          await save(ctx, name, { ...budget, remaining });
        });
      } catch {
        // as above: best effort
      } finally {
        notify(ledger);
      }
    },
  };
}
