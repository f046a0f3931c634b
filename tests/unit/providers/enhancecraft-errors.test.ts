import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ProviderError, type ErrorKind } from '@/utils/errors';
import { enhancecraft } from '@/utils/providers/enhancecraft';
import { budgetName, POLL_RESERVE, readBudget, RESET_MARGIN_MS } from '@/utils/providers/enhancecraft-budget';
import { serverDetail } from '@/utils/providers/enhancecraft-errors';
import type { MediaInfo, ProviderContext } from '@/utils/providers/types';
import { fixture, stubFetch, type Recorded } from '../helpers/fetch-stub';

const KEY = 'sk_live_test_0123456789abcdef';
const JOB = '7c9e6679-7425-40de-944b-e07fc1f90ae7';
const RESET = 1705312800_000; // the fixtures' X-RateLimit-Reset, in ms
const media: MediaInfo = {
  url: 'https://gallery.example.org/images/photo.png',
  width: 200,
  height: 150,
  hasAlpha: false,
  bytes: new Blob([Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])], { type: 'image/png' }),
};
const enhance2x = enhancecraft.operations.find((o) => o.id === 'enhance-2x')!;

interface Setup {
  memory: Record<string, string>;
  clock: { now: number };
  ctx: ProviderContext;
}

function setup(key = KEY, memory: Record<string, string> = {}, clock = { now: RESET - 30_000 }): Setup {
  const ctx: ProviderContext = {
    key,
    now: () => clock.now,
    settings: { tensorpixPreview: false },
    memory: { get: async (name) => memory[name], set: async (name, value) => void (memory[name] = value) },
  };
  return { memory, clock, ctx };
}

async function caught(promise: Promise<unknown>): Promise<ProviderError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ProviderError);
  return error as ProviderError;
}

/** A fixture with its rate-limit headers changed. */
const withRate = (name: string, remaining: number, reset = RESET / 1000): Recorded => {
  const answer = fixture(name);
  const headers = {
    ...answer.headers,
    'x-ratelimit-remaining': String(remaining),
    'x-ratelimit-reset': String(reset),
  };
  return { ...answer, headers };
};

afterEach(() => vi.unstubAllGlobals());

describe('EnhanceCraft HTTP errors (mapped by status)', () => {
  const cases: [string, ErrorKind, boolean, RegExp][] = [
    ['error-400', 'invalid_input', false, /rejected the request\. EnhanceCraft said: “Invalid image file”/],
    ['error-401', 'auth', false, /Check your EnhanceCraft API key in Options\./],
    ['error-403', 'auth', false, /Pro plan.*Check your EnhanceCraft API key in Options\./],
    ['error-402', 'insufficient_credits', false, /out of credits/],
    ['error-404', 'not_found', false, /no longer knows this job/],
    ['error-413', 'invalid_input', false, /too large.*“File too large\. Maximum size is 20 MB”/],
    ['error-422', 'invalid_input', false, /operations\.0\.params\.scale: Input should be 2, 4 or 8/],
    ['error-429', 'rate_limited', true, /limit/],
    ['error-500', 'provider_failure', true, /HTTP 500.*“Internal Server Error”/],
    ['error-502-html', 'provider_failure', true, /HTTP 502\)\. The extension will try again\.$/],
  ];

  it.each(cases)('a status poll answered %s → %s', async (name, kind, retryable, message) => {
    stubFetch(() => fixture(`enhancecraft/${name}.json`));
    const error = await caught(enhancecraft.status(JOB, setup().ctx));
    expect(error.kind).toBe(kind);
    expect(error.retryable).toBe(retryable);
    expect(error.message).toMatch(message);
    expect(error.httpStatus).toBe(fixture(`enhancecraft/${name}.json`).status);
    expect(error.message).not.toContain(KEY);
  });

  it.each(cases)('a job creation answered %s → %s', async (name, kind, retryable) => {
    stubFetch((request) =>
      request.url.endsWith('/upload/api')
        ? fixture('enhancecraft/upload-ok.json')
        : fixture(`enhancecraft/${name}.json`),
    );
    const error = await caught(enhancecraft.submit({ operation: enhance2x, media }, setup().ctx));
    expect(error.kind).toBe(kind);
    // A lost upload (404 at creation) is worth exactly one fresh submit.
    expect(error.retryable).toBe(name === 'error-404' ? true : retryable);
    if (name === 'error-404') expect(error.maxRetries).toBe(1);
    if (name === 'error-422')
      expect(error.message).toMatch(/^EnhanceCraft rejected the operation settings\./);
    expect(error.message).not.toContain(KEY);
  });

  it('reads FastAPI detail arrays readably: the first two, then how many more', () => {
    const { body } = fixture('enhancecraft/error-422.json');
    expect(serverDetail(body)).toBe(
      'operations.0.params.scale: Input should be 2, 4 or 8; input_key: Field required (and 1 more)',
    );
    expect(serverDetail({ detail: [{ loc: ['body'], msg: 'Field required' }] })).toBe('Field required');
    expect(serverDetail({ detail: 'Job not found' })).toBe('Job not found');
    expect(serverDetail({ error: { message: 'Bad thing' } })).toBe('Bad thing');
    expect(serverDetail({ message: 'Nope' })).toBe('Nope');
    expect(serverDetail({ detail: [], message: 'fallback' })).toBe('fallback');
    expect(serverDetail('plain')).toBeUndefined();
  });

  it('quotes server text inertly and briefly', async () => {
    const hostile = `<img src=x onerror=alert(1)>\u0000\n${'x'.repeat(400)}`;
    stubFetch(() => ({ status: 400, body: { detail: hostile } }));
    const error = await caught(enhancecraft.status(JOB, setup().ctx));
    expect(error.message).toContain('“<img src=x onerror=alert(1)> xxx');
    expect(error.message.length).toBeLessThan(300);
    // eslint-disable-next-line no-control-regex -- asserting that none are left
    expect(error.message).not.toMatch(/[\u0000-\u001f]/);
  });

  it('an unlisted 4xx is a final invalid_input; 408 is transient', async () => {
    stubFetch(() => ({ status: 418, body: { detail: 'teapot' } }));
    expect(await caught(enhancecraft.status(JOB, setup().ctx))).toMatchObject({
      kind: 'invalid_input',
      retryable: false,
    });
    stubFetch(() => ({ status: 408, text: '' }));
    expect((await caught(enhancecraft.status(JOB, setup().ctx))).retryable).toBe(true);
  });
});

describe('EnhanceCraft rate budget (one per key, shared by all jobs)', () => {
  it('stores {remaining, reset, limit} under a digest of the key, never the key', async () => {
    const { memory, ctx } = setup();
    stubFetch(() => fixture('enhancecraft/status-processing.json'));
    await enhancecraft.status(JOB, ctx);
    const name = await budgetName(KEY);
    expect(name).toMatch(/^rate:[0-9a-f]{16}$/);
    expect(Object.keys(memory)).toEqual([name]);
    expect(JSON.parse(memory[name]!)).toEqual({ remaining: 42, reset: RESET, limit: 50 });
    expect(JSON.stringify(memory)).not.toContain(KEY);
    expect(JSON.stringify(memory)).not.toContain(KEY.slice(8, 20));
  });

  it('gives each key its own budget', async () => {
    expect(await budgetName(KEY)).not.toBe(await budgetName(`${KEY}x`));
  });

  it(`refuses a poll without sending while ${POLL_RESERVE} or fewer remain, until the reset passes`, async () => {
    const { clock, ctx } = setup();
    const seen = stubFetch(() => withRate('enhancecraft/status-processing.json', 3));
    await enhancecraft.status(JOB, ctx); // learns: 3 left until RESET
    expect(seen).toHaveLength(1);

    const error = await caught(enhancecraft.status(JOB, ctx));
    expect(error.kind).toBe('rate_limited');
    expect(error.retryable).toBe(true);
    expect(error.retryAfterMs).toBe(30_000 + RESET_MARGIN_MS);
    expect(error.message).not.toContain(KEY);
    expect(seen).toHaveLength(1);

    clock.now = RESET - 1;
    await caught(enhancecraft.status(JOB, ctx));
    expect(seen).toHaveLength(1);

    clock.now = RESET;
    await expect(enhancecraft.status(JOB, ctx)).resolves.toMatchObject({ state: 'processing' });
    expect(seen).toHaveLength(2);
  });

  it('lets a submit use the last requests of the window that polls leave alone', async () => {
    const { ctx } = setup();
    stubFetch(() => withRate('enhancecraft/status-processing.json', 3));
    await enhancecraft.status(JOB, ctx);
    const seen = stubFetch((request) =>
      request.url.endsWith('/upload/api')
        ? withRate('enhancecraft/upload-ok.json', 2)
        : withRate('enhancecraft/job-created.json', 1),
    );
    await expect(enhancecraft.submit({ operation: enhance2x, media }, ctx)).resolves.toMatchObject({
      providerJobId: JOB,
    });
    expect(seen).toHaveLength(2);
  });

  it('a submit is not started when its two requests no longer fit', async () => {
    const { ctx } = setup();
    stubFetch(() => withRate('enhancecraft/status-processing.json', 1));
    await enhancecraft.status(JOB, ctx);
    const seen = stubFetch(() => fixture('enhancecraft/upload-ok.json'));
    const error = await caught(enhancecraft.submit({ operation: enhance2x, media }, ctx));
    expect(error.kind).toBe('rate_limited');
    expect(seen).toHaveLength(0);
  });

  it('concurrent polls share the budget: with 7 left, two of four go', async () => {
    const { ctx } = setup();
    const slowRead = ctx.memory.get;
    // Slow storage (IndexedDB): without one-at-a-time updates, every poll would read 7 before any write.
    ctx.memory.get = async (name) => {
      const value = await slowRead(name);
      await new Promise((resolve) => setTimeout(resolve, 5));
      return value;
    };
    stubFetch(() => withRate('enhancecraft/status-processing.json', 7));
    await enhancecraft.status(JOB, ctx);
    // The server has not answered yet when the other polls ask: the local count still falls.
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const seen = stubFetch(async () => {
      await gate;
      return withRate('enhancecraft/status-processing.json', 6);
    });
    const polls = [1, 2, 3, 4].map((n) => enhancecraft.status(`${JOB}-${n}`, ctx).catch((e: unknown) => e));
    await vi.waitFor(() => expect(seen).toHaveLength(2));
    release();
    const results = await Promise.all(polls);
    expect(results.filter((r) => r instanceof ProviderError && r.kind === 'rate_limited')).toHaveLength(2);
    expect(seen).toHaveLength(2);
  });

  it('a 429 waits until X-RateLimit-Reset, and later polls hold back until then too', async () => {
    const { ctx } = setup();
    const seen = stubFetch(() => fixture('enhancecraft/error-429.json'));
    const error = await caught(enhancecraft.status(JOB, ctx));
    expect(error.kind).toBe('rate_limited');
    expect(error.retryAfterMs).toBe(30_000 + RESET_MARGIN_MS);
    await caught(enhancecraft.status(JOB, ctx));
    await caught(enhancecraft.submit({ operation: enhance2x, media }, ctx));
    expect(seen).toHaveLength(1);
  });

  it('a 429 without headers leaves the wait to the engine', async () => {
    stubFetch(() => ({ status: 429, body: { detail: 'Rate limit exceeded' } }));
    const error = await caught(enhancecraft.status(JOB, setup().ctx));
    expect(error.kind).toBe('rate_limited');
    expect(error.retryAfterMs).toBeUndefined();
  });

  it('keeps the lowest count of one window and ignores a late answer from an older one', async () => {
    const { memory, ctx } = setup();
    const name = await budgetName(KEY);
    stubFetch(() => withRate('enhancecraft/status-processing.json', 20));
    await enhancecraft.status(JOB, ctx); // spends one locally (→ no earlier note), stores 20
    stubFetch(() => withRate('enhancecraft/status-processing.json', 25));
    await enhancecraft.status(JOB, ctx); // same window: an out-of-order 25 cannot raise it
    expect(JSON.parse(memory[name]!).remaining).toBe(19);
    stubFetch(() => withRate('enhancecraft/status-processing.json', 50, RESET / 1000 - 60));
    await enhancecraft.status(JOB, ctx);
    expect(JSON.parse(memory[name]!)).toMatchObject({ remaining: 18, reset: RESET });
    stubFetch(() => withRate('enhancecraft/status-processing.json', 49, RESET / 1000 + 60));
    await enhancecraft.status(JOB, ctx);
    expect(JSON.parse(memory[name]!)).toMatchObject({ remaining: 49, reset: RESET + 60_000 });
  });

  it('ignores a damaged note and answers without rate headers', async () => {
    const name = await budgetName(KEY);
    const { memory, ctx } = setup(KEY, { [name]: '{not json' });
    const seen = stubFetch(() => ({ status: 200, body: { id: JOB, status: 'processing' } }));
    await enhancecraft.status(JOB, ctx);
    expect(seen).toHaveLength(1);
    expect(memory[name]).toBe('{not json');
  });

  it('reads Reset as Unix seconds, and tolerates milliseconds or seconds-from-now', () => {
    const now = RESET - 30_000;
    const at = (reset: string) =>
      readBudget(new Headers({ 'x-ratelimit-remaining': '4', 'x-ratelimit-reset': reset }), now);
    expect(at(String(RESET / 1000))?.reset).toBe(RESET);
    expect(at(String(RESET))?.reset).toBe(RESET);
    expect(at('30')?.reset).toBe(now + 30_000);
    expect(at('99999999999')?.reset).toBe(now + 3_600_000); // nonsense is capped at an hour
    expect(readBudget(new Headers({ 'x-ratelimit-remaining': '4' }), now)?.reset).toBe(now + 60_000);
    expect(readBudget(new Headers({ 'x-ratelimit-remaining': 'many' }), now)).toBeUndefined();
  });

  it('property: a poll is sent exactly when more than the reserve remains or the window is over', async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat(60), fc.integer({ min: -120_000, max: 120_000 }), async (remaining, offset) => {
        const name = await budgetName(KEY);
        const note = JSON.stringify({ remaining, reset: RESET, limit: 50 });
        const { ctx } = setup(KEY, { [name]: note }, { now: RESET + offset });
        const seen = stubFetch(() => fixture('enhancecraft/status-processing.json'));
        const outcome = await enhancecraft.status(JOB, ctx).catch((e: unknown) => e);
        const allowed = remaining > POLL_RESERVE || offset >= 0;
        expect(seen.length).toBe(allowed ? 1 : 0);
        if (!allowed) expect((outcome as ProviderError).retryAfterMs).toBe(-offset + RESET_MARGIN_MS);
      }),
      { numRuns: 150 },
    );
  });
});
