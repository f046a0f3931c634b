import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ProviderError } from '@/utils/errors';
import { enhancecraft } from '@/utils/providers/enhancecraft';
import { budgetName, RESET_MARGIN_MS } from '@/utils/providers/enhancecraft-budget';
import type { MediaInfo, ProviderContext } from '@/utils/providers/types';
import { fixture, stubFetch, toResponse, type Recorded, type SeenRequest } from '../helpers/fetch-stub';

/**
 * The shared budget under several jobs at once, against a stand-in for EnhanceCraft's documented limit:
 * `limit` requests per window, the window opening at the first request after the last one closed,
 * X-RateLimit-* on every answer, 429 over the limit (not counted).
 */
const KEY = 'sk_live_budget_0123456789abcdef';
const API = 'https://api.enhancecraft.com';
const T0 = 1_705_312_000_000;
const media: MediaInfo = {
  url: 'https://gallery.example.org/images/photo.png',
  width: 200,
  height: 150,
  hasAlpha: false,
  bytes: new Blob([Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])], { type: 'image/png' }),
};
const enhance2x = enhancecraft.operations.find((o) => o.id === 'enhance-2x')!;
const JOB = '7c9e6679-7425-40de-944b-e07fc1f90ae7';

afterEach(() => vi.unstubAllGlobals());

let keys = 0;
/** A key of its own per test: the worker-wide count of unanswered requests is per key. */
function setup(memory: Record<string, string> = {}) {
  const clock = { now: T0 };
  const ctx: ProviderContext = {
    key: `${KEY}-${(keys += 1)}`,
    now: () => clock.now,
    settings: { tensorpixPreview: false },
    memory: { get: async (name) => memory[name], set: async (name, value) => void (memory[name] = value) },
  };
  return { clock, ctx, memory };
}

type Kind = 'upload' | 'create' | 'status' | 'result';
const kindOf = (request: SeenRequest): Kind =>
  request.url.endsWith('/api/v1/upload/api')
    ? 'upload'
    : request.url.endsWith('/api/v1/jobs/api')
      ? 'create'
      : request.url.includes('/api/v1/jobs/api/')
        ? 'status'
        : 'result';

const BODIES: Record<Kind, () => Recorded> = {
  upload: () => fixture('enhancecraft/upload-ok.json'),
  create: () => fixture('enhancecraft/job-created.json'),
  status: () => fixture('enhancecraft/status-processing.json'),
  result: () => ({ status: 200, headers: { 'content-type': 'image/png' } }),
};
const PNG = Uint8Array.from([
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52,
]);
const respond = (kind: Kind, answer: Recorded) =>
  kind === 'result'
    ? new Response(PNG, { status: answer.status, headers: answer.headers })
    : toResponse(answer);

/**
 * The limit as the service applies it, at the moment each request arrives; `hold` delays an answer
 * (after the request was counted), so tests choose when other jobs see it.
 */
function windowedServer(clock: { now: number }, limit: number, windowMs: number) {
  let start: number | undefined;
  let used = 0;
  const log: { kind: Kind; status: number }[] = [];
  let hold: (request: SeenRequest) => Promise<void> | void = () => undefined;
  const seen: SeenRequest[] = [];
  const answer = async (request: SeenRequest): Promise<Response> => {
    seen.push(request);
    if (start === undefined || clock.now >= start + windowMs) [start, used] = [clock.now, 0];
    const refused = used >= limit;
    if (!refused) used += 1;
    const kind = kindOf(request);
    const headers = {
      'x-ratelimit-limit': String(limit),
      'x-ratelimit-remaining': String(limit - used),
      'x-ratelimit-reset': String(Math.ceil((start + windowMs) / 1000)),
    };
    log.push({ kind, status: refused ? 429 : 200 });
    await hold(request);
    if (refused) return toResponse({ status: 429, body: { detail: 'Rate limit exceeded' }, headers });
    const recorded = BODIES[kind]();
    return respond(kind, { ...recorded, headers: { ...recorded.headers, ...headers } });
  };
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: Request | string, init?: RequestInit) => {
      const request = input instanceof Request ? input : new Request(input, init);
      return answer({ url: request.url, method: request.method, headers: request.headers, body: null });
    }),
  );
  return {
    seen,
    log,
    count: (kind: Kind) => log.filter((entry) => entry.kind === kind).length,
    refusals: () => log.filter((entry) => entry.status === 429).length,
    holdWith(next: typeof hold) {
      hold = next;
    },
    windowEnd: () => Math.ceil((start! + windowMs) / 1000) * 1000,
  };
}

/** A gate that holds every answer until opened. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { wait: () => opened, open: () => open() };
}

const submit = (ctx: ProviderContext) =>
  enhancecraft.submit({ operation: enhance2x, media }, ctx).catch((e: unknown) => e);
const refusals = (results: unknown[]) =>
  results.filter((r): r is ProviderError => r instanceof ProviderError && r.kind === 'rate_limited');

describe('EnhanceCraft budget shared by concurrent jobs', () => {
  it('several jobs submitting at once take whole upload+job pairs, never more than remain', async () => {
    const { clock, ctx } = setup();
    const server = windowedServer(clock, 6, 60_000);
    await enhancecraft.status(JOB, ctx); // learns the window: 5 left
    const answers = gate();
    server.holdWith(answers.wait);
    const results = Promise.all([1, 2, 3, 4].map(() => submit(ctx)));
    await vi.waitFor(() => expect(server.count('upload')).toBe(2));
    answers.open();
    const settled = await results;
    expect(refusals(settled)).toHaveLength(2);
    for (const refused of refusals(settled)) {
      expect(refused.retryable).toBe(true);
      expect(refused.retryAfterMs).toBe(server.windowEnd() - clock.now + RESET_MARGIN_MS);
    }
    expect([server.count('upload'), server.count('create'), server.refusals()]).toEqual([2, 2, 0]);
  });

  it('an upload is sent only with its job call secured: a download cannot take that slot meanwhile', async () => {
    const { clock, ctx } = setup();
    const server = windowedServer(clock, 4, 60_000);
    await enhancecraft.status(JOB, ctx); // 3 left
    const uploads = gate();
    server.holdWith((request) => (kindOf(request) === 'upload' ? uploads.wait() : undefined));
    const first = submit(ctx); // takes 2: its upload waits for an answer
    await vi.waitFor(() => expect(server.count('upload')).toBe(1));
    await enhancecraft.download(`${API}/outputs/user/${JOB}.png`, ctx); // the last free request
    const second = await submit(ctx); // nothing left for a pair: no upload is sent
    expect(second).toBeInstanceOf(ProviderError);
    expect((second as ProviderError).kind).toBe('rate_limited');
    expect(server.count('upload')).toBe(1);
    uploads.open();
    await expect(first).resolves.toMatchObject({ providerJobId: JOB });
    expect([server.count('upload'), server.count('create'), server.refusals()]).toEqual([1, 1, 0]);
  });

  it('a result held back by the budget is a retryable rate_limited error with its wait, nothing sent', async () => {
    const { clock, ctx } = setup();
    const server = windowedServer(clock, 1, 60_000);
    await enhancecraft.status(JOB, ctx); // the window's only request
    const error = await enhancecraft.download(`${API}/outputs/user/${JOB}.png`, ctx).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({
      kind: 'rate_limited',
      retryable: true,
      retryAfterMs: server.windowEnd() - clock.now + RESET_MARGIN_MS,
    });
    expect(server.count('result')).toBe(0);
  });

  it('after a reset, a burst of jobs takes only `limit` requests; the rest wait for the new reset', async () => {
    const { clock, ctx, memory } = setup();
    const server = windowedServer(clock, 6, 10_000);
    await enhancecraft.status(JOB, ctx);
    memory[await budgetName(ctx.key)] = JSON.stringify({ remaining: 0, reset: server.windowEnd(), limit: 6 });
    clock.now = server.windowEnd() + RESET_MARGIN_MS; // the window has ended; nothing known of the next
    const answers = gate();
    server.holdWith(answers.wait);
    const results = Promise.all([1, 2, 3, 4, 5].map(() => submit(ctx)));
    await vi.waitFor(() => expect(server.count('upload')).toBe(3));
    answers.open();
    const settled = await results;
    expect([server.count('upload'), server.count('create'), server.refusals()]).toEqual([3, 3, 0]);
    // The held-back jobs learnt the new window's reset from its first answer, not a guess.
    expect(refusals(settled).map((r) => r.retryAfterMs)).toEqual([
      server.windowEnd() - clock.now + RESET_MARGIN_MS,
      server.windowEnd() - clock.now + RESET_MARGIN_MS,
    ]);
  });

  it('with nothing known yet, one job goes first and the others spend by its answer', async () => {
    const { clock, ctx } = setup();
    const server = windowedServer(clock, 6, 60_000);
    const answers = gate();
    server.holdWith(answers.wait);
    const results = Promise.all([1, 2, 3, 4].map(() => submit(ctx)));
    await vi.waitFor(() => expect(server.count('upload')).toBe(1));
    expect(server.seen).toHaveLength(1); // the others wait for what its answer says
    answers.open();
    const settled = await results;
    expect(refusals(settled)).toHaveLength(1);
    expect([server.count('upload'), server.count('create'), server.refusals()]).toEqual([3, 3, 0]);
  });

  it('a failed upload gives its job call back to the window', async () => {
    const { clock, ctx } = setup();
    windowedServer(clock, 3, 60_000);
    await enhancecraft.status(JOB, ctx); // 2 left
    const seen = stubFetch(() => ({
      ...fixture('enhancecraft/error-400.json'),
      headers: { 'x-ratelimit-limit': '3', 'x-ratelimit-remaining': '1', 'x-ratelimit-reset': '1705312060' },
    }));
    expect(await submit(ctx)).toMatchObject({ kind: 'invalid_input' });
    await enhancecraft.status(JOB, ctx).catch(() => undefined); // the job call's request came back
    expect(seen.map(kindOf)).toEqual(['upload', 'status']);
  });
});

/** One job's life as the engine drives it: submit, three polls, the result; a hold-back waits its turn. */
const LIFE = ['submit', 'status', 'status', 'status', 'result'] as const;

describe('property: many jobs under a small window', () => {
  it('never draw a 429 and never upload without creating the job', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 2, max: 8 }),
        fc.integer({ min: 1, max: 8 }),
        fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 1, maxLength: 40 }),
        async (limit, jobs, delays) => {
          const { clock, ctx } = setup();
          const server = windowedServer(clock, limit, 10_000);
          let turn = 0;
          server.holdWith(
            () => new Promise((resolve) => setTimeout(resolve, delays[turn++ % delays.length])),
          );
          const state = Array.from({ length: jobs }, () => ({ step: 0, at: clock.now }));
          for (let rounds = 0; state.some((job) => job.step < LIFE.length); rounds++) {
            expect(rounds).toBeLessThan(500);
            const due = state.filter((job) => job.step < LIFE.length && job.at <= clock.now);
            if (due.length === 0) {
              clock.now = Math.min(...state.filter((job) => job.step < LIFE.length).map((job) => job.at));
              continue;
            }
            await Promise.all(
              due.map(async (job) => {
                const call = LIFE[job.step]!;
                const done =
                  call === 'submit'
                    ? enhancecraft.submit({ operation: enhance2x, media }, ctx)
                    : call === 'status'
                      ? enhancecraft.status(JOB, ctx)
                      : enhancecraft.download(`${API}/outputs/user/${JOB}.png`, ctx);
                await done.then(
                  () => (job.step += 1),
                  (error: unknown) => {
                    if (!(error instanceof ProviderError) || error.kind !== 'rate_limited') throw error;
                    job.at = clock.now + error.retryAfterMs!;
                  },
                );
              }),
            );
          }
          expect(server.refusals()).toBe(0);
          expect(server.count('upload')).toBe(jobs);
          expect(server.count('create')).toBe(jobs);
        },
      ),
      { numRuns: 25 },
    );
  }, 30_000); // about 4 s alone; the machine is shared
});
