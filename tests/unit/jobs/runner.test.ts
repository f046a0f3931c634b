import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ProviderError } from '@/utils/errors';
import { getBlob } from '@/utils/jobs/blobs';
import { createRunner, SUBMIT_WATCHDOG_MS, type EngineDeps } from '@/utils/jobs/runner';
import { deleteJob, getJob, listJobs, putJob } from '@/utils/jobs/store';
import type { Job } from '@/utils/jobs/schema';
import { KEEP_RETRY_LIMIT } from '@/utils/jobs/transitions';
import { enhancecraft } from '@/utils/providers/enhancecraft';
import { BYTES_WANTED } from '@/utils/providers/types';
import { fixture, stubFetch, type Recorded } from '../helpers/fetch-stub';
import { makeJob } from './job-factory';

const BOOT = 'boot-now';
let now = 5_000_000;
let key: string | undefined = 'k-123456789';
const swaps: Job[] = [];

function deps(overrides: Partial<EngineDeps> = {}): EngineDeps {
  return {
    bootId: BOOT,
    clock: () => ({ now, random: () => 0.5 }),
    getKey: async () => key,
    memory: () => ({ get: async () => undefined, set: async () => undefined }),
    settings: async () => ({ tensorpixPreview: false }),
    operation: async (provider, id) => provider.operations.find((o) => o.id === id),
    armWatchdog: async () => undefined,
    swap: async (job) => {
      swaps.push(job);
      return { page: { status: 'replaced', shown: 'enhanced' }, width: 400, height: 300 };
    },
    ...overrides,
  };
}

const errors = (fixture('hitpaw/errors.json') as unknown as { errors: (Recorded & { code: number })[] })
  .errors;
const error = (code: number) => errors.find((e) => e.code === code)!;

beforeEach(async () => {
  for (const job of await listJobs()) await deleteJob(job.id);
  swaps.length = 0;
  key = 'k-123456789';
  now = 5_000_000;
});
afterEach(() => vi.unstubAllGlobals());

describe('runner', () => {
  it('submits a fresh job once and schedules the first poll', async () => {
    const seen = stubFetch(() => fixture('hitpaw/submit-ok.json'));
    const job = await putJob(makeJob({ bootId: BOOT }));
    await createRunner(deps()).start(job.id);
    expect(seen).toHaveLength(1);
    expect(await getJob(job.id)).toMatchObject({
      state: 'queued',
      providerJobId: 'f5007c0b-e902-4070-8c75-f337d896168f',
      cost: { unit: 'coins', amount: 75 },
      // No finished jobs on record: the poll plan's prior asks at the steady 5-s cadence.
      nextAttemptAt: now + 5000,
    });
  });

  it('a job not yet written ahead (a retry) is stored as submitting with its watchdog, and the wake-up armed, before the POST', async () => {
    const log: string[] = [];
    stubFetch(async () => {
      const stored = await getJob(job.id);
      log.push(`POST leaves; stored ${stored?.state} for ${stored?.bootId} until ${stored?.nextAttemptAt}`);
      return fixture('hitpaw/submit-ok.json');
    });
    const job = await putJob(makeJob({ bootId: BOOT, nextAttemptAt: null }));
    const armWatchdog = async () => void log.push('wake-up armed');
    await createRunner(deps({ armWatchdog })).start(job.id);
    expect(log).toEqual([
      'wake-up armed',
      `POST leaves; stored submitting for ${BOOT} until ${now + SUBMIT_WATCHDOG_MS}`,
    ]);
  });

  it('a click’s write-ahead record goes as it is (not written again); the wake-up is armed before the POST', async () => {
    const log: string[] = [];
    const records: unknown[] = [];
    stubFetch(async () => {
      log.push('POST leaves');
      records.push(await getJob(written.id));
      return fixture('hitpaw/submit-ok.json');
    });
    const written = await putJob(
      makeJob({ bootId: BOOT, nextAttemptAt: now - 3 + SUBMIT_WATCHDOG_MS, updatedAt: now - 3 }),
    );
    const before = await getJob(written.id);
    const armWatchdog = async () => void log.push('wake-up armed');
    await createRunner(deps({ armWatchdog })).start(written.id);
    expect(log).toEqual(['wake-up armed', 'POST leaves']);
    expect(records).toEqual([before]);
    expect(await getJob(written.id)).toMatchObject({ state: 'queued' });
  });

  it('concurrent steps on one job never post twice', async () => {
    const seen = stubFetch(() => fixture('hitpaw/submit-ok.json'));
    const job = await putJob(makeJob({ bootId: BOOT }));
    const runner = createRunner(deps());
    await Promise.all([runner.start(job.id), runner.step(job.id), runner.start(job.id), runner.step(job.id)]);
    expect(seen.filter((r) => r.url.endsWith('/api/photo-enhancer'))).toHaveLength(1);
  });

  it('a job left in submitting by a previous worker is never re-posted: it needs a decision', async () => {
    const seen = stubFetch(() => fixture('hitpaw/submit-ok.json'));
    const job = await putJob(makeJob({ bootId: 'boot-before' }));
    await createRunner(deps()).step(job.id);
    expect(seen).toHaveLength(0);
    const stored = await getJob(job.id);
    expect(stored?.state).toBe('needs_decision');
    expect(stored?.error?.kind).toBe('unknown_outcome');
  });

  it('the scheduler path never posts a submitting job: only start() does', async () => {
    const seen = stubFetch(() => fixture('hitpaw/submit-ok.json'));
    const job = await putJob(makeJob({ bootId: BOOT, nextAttemptAt: now }));
    await createRunner(deps()).step(job.id);
    expect(seen).toHaveLength(0);
    expect((await getJob(job.id))?.state).toBe('submitting');
  });

  it('429 on submit waits, then the next step submits and succeeds', async () => {
    const seen = stubFetch((_, i) => (i === 0 ? error(100429000) : fixture('hitpaw/submit-ok.json')));
    const job = await putJob(makeJob({ bootId: BOOT }));
    const runner = createRunner(deps());
    await runner.start(job.id);
    const waiting = await getJob(job.id);
    expect(waiting).toMatchObject({ state: 'waiting', failures: 1 });
    expect(runner.isDue(waiting!, now)).toBe(false);
    now = waiting!.nextAttemptAt!;
    expect(runner.isDue(waiting!, now)).toBe(true);
    await runner.step(job.id);
    expect((await getJob(job.id))?.state).toBe('queued');
    expect(seen).toHaveLength(2);
  });

  it.each([110400000, 100401000, 110402000, 100400001])(
    '%i on submit fails at once, not retried',
    async (code) => {
      const seen = stubFetch(() => error(code));
      const job = await putJob(makeJob({ bootId: BOOT }));
      await createRunner(deps()).start(job.id);
      const stored = await getJob(job.id);
      expect(stored?.state).toBe('failed');
      // "Invalid URL" asks for the image's bytes (intake reads them and submits again).
      expect(stored?.error?.code).toBe(code === 100400001 ? BYTES_WANTED : code);
      expect(stored?.nextAttemptAt).toBeNull();
      expect(seen).toHaveLength(1);
    },
  );

  it('polls to completion, then swaps the result into the page once', async () => {
    const answers = ['hitpaw/status-converting.json', 'hitpaw/status-completed.json'];
    stubFetch((_, i) => fixture(answers[i]!));
    const job = await putJob(
      makeJob({ state: 'queued', providerJobId: 'p1', submittedAt: now, nextAttemptAt: now }),
    );
    const runner = createRunner(deps());
    await runner.step(job.id);
    expect((await getJob(job.id))?.state).toBe('processing');
    await runner.step(job.id);
    const done = await getJob(job.id);
    expect(done).toMatchObject({ state: 'completed', page: { status: 'pending' } });
    expect(runner.isDue(done!, now)).toBe(true);
    await runner.step(job.id);
    await runner.step(job.id);
    expect(swaps).toHaveLength(1);
    expect(await getJob(job.id)).toMatchObject({
      page: { status: 'replaced', shown: 'enhanced' },
      nextAttemptAt: null,
    });
  });

  it('a swap that throws records the tab as gone and keeps the result', async () => {
    const job = await putJob(
      makeJob({
        state: 'completed',
        result: { url: 'https://cdn.example.net/r.png' },
        page: { status: 'pending' },
        nextAttemptAt: now,
      }),
    );
    await createRunner(deps({ swap: async () => Promise.reject(new Error('No tab with id: 7')) })).step(
      job.id,
    );
    expect(await getJob(job.id)).toMatchObject({ state: 'completed', page: { status: 'gone' } });
  });

  it('a removed key fails the job with a sentence pointing at Options, without a request', async () => {
    const seen = stubFetch(() => fixture('hitpaw/status-converting.json'));
    key = undefined;
    const job = await putJob(
      makeJob({ state: 'queued', providerJobId: 'p1', submittedAt: now, nextAttemptAt: now }),
    );
    await createRunner(deps()).step(job.id);
    expect(seen).toHaveLength(0);
    expect((await getJob(job.id))?.error?.message).toMatch(/HitPaw API key .* Options/);
  });

  it('a job past its age limit fails without another request', async () => {
    const seen = stubFetch(() => fixture('hitpaw/status-converting.json'));
    const job = await putJob(
      makeJob({ state: 'processing', providerJobId: 'p1', submittedAt: now - 16 * 60_000 }),
    );
    await createRunner(deps()).step(job.id);
    expect(seen).toHaveLength(0);
    expect((await getJob(job.id))?.error?.message).toMatch(/within 15 minutes/);
  });

  it('a result held back by a shared rate budget is kept on a later try, then put into the page', async () => {
    const held = new ProviderError({
      kind: 'rate_limited',
      message: 'EnhanceCraft is rate limited.',
      retryable: true,
      retryAfterMs: 12_000,
    });
    const download = vi
      .spyOn(enhancecraft, 'download')
      .mockRejectedValueOnce(held)
      .mockResolvedValueOnce(new Blob(['png'], { type: 'image/png' }));
    const job = await putJob(
      makeJob({
        provider: 'enhancecraft',
        providerName: 'EnhanceCraft',
        operation: 'enhance-2x',
        state: 'completed',
        result: { url: 'https://api.enhancecraft.com/outputs/a/b.png' },
        page: { status: 'pending' },
        nextAttemptAt: now,
      }),
    );
    const runner = createRunner(deps());
    await runner.step(job.id);
    const waiting = await getJob(job.id);
    expect(waiting).toMatchObject({
      state: 'completed',
      page: { status: 'pending' },
      nextAttemptAt: now + 12_000,
    });
    expect(swaps).toHaveLength(0);
    expect(runner.isDue(waiting!, now + 11_999)).toBe(false);
    now += 12_000;
    await runner.step(job.id);
    expect(download).toHaveBeenCalledTimes(2);
    expect(swaps).toHaveLength(1);
    expect(await getJob(job.id)).toMatchObject({
      state: 'completed',
      result: { cached: true, width: 400, height: 300 },
      page: { status: 'replaced' },
      nextAttemptAt: null,
    });
    expect(await (await getBlob(job.id, 'result'))?.text()).toBe('png');
  });

  it('a result that stays held back ends readably as failed, never "Done" with nothing to show', async () => {
    vi.spyOn(enhancecraft, 'download').mockRejectedValue(
      new ProviderError({
        kind: 'rate_limited',
        message: 'Rate limited.',
        retryable: true,
        retryAfterMs: 1000,
      }),
    );
    const job = await putJob(
      makeJob({
        provider: 'enhancecraft',
        providerName: 'EnhanceCraft',
        operation: 'enhance-2x',
        state: 'completed',
        result: { url: 'https://api.enhancecraft.com/outputs/a/b.png' },
        page: { status: 'pending' },
        nextAttemptAt: now,
      }),
    );
    const runner = createRunner(deps());
    for (let i = 0; i <= KEEP_RETRY_LIMIT; i++) {
      await runner.step(job.id);
      now += 1000;
    }
    const stored = await getJob(job.id);
    expect(stored?.state).toBe('failed');
    expect(stored?.error?.message).toMatch(/^EnhanceCraft finished, but its result could not be downloaded/);
    expect(swaps).toHaveLength(0);
  });
});

/** A fetch that answers only when its request is aborted, as a provider that hangs. */
function hangingFetch() {
  const seen: string[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn((input: Request | string, init?: RequestInit) => {
      const request = input instanceof Request ? input : new Request(input, init);
      seen.push(request.url);
      return new Promise<Response>((_, reject) => {
        request.signal.addEventListener('abort', () => reject(request.signal.reason as Error));
      });
    }),
  );
  return seen;
}

describe('a step cut short at its deadline', () => {
  it('a poll is aborted through its request and retried with backoff', async () => {
    const seen = hangingFetch();
    const job = await putJob(
      makeJob({ state: 'processing', providerJobId: 'p1', submittedAt: now, nextAttemptAt: now }),
    );
    const deadline = new AbortController();
    const stepping = createRunner(deps()).step(job.id, deadline.signal);
    await vi.waitFor(() => expect(seen).toHaveLength(1));
    deadline.abort(new DOMException('The step took too long.', 'TimeoutError'));
    await stepping;
    expect(await getJob(job.id)).toMatchObject({
      state: 'processing',
      failures: 1,
      error: { kind: 'network', retryable: true },
      nextAttemptAt: now + 1000,
    });
  });

  it('a submit aborted after it left has an unknown outcome: the person decides', async () => {
    const seen = hangingFetch();
    const job = await putJob(makeJob({ bootId: BOOT }));
    const deadline = new AbortController();
    const starting = createRunner(deps()).start(job.id, deadline.signal);
    await vi.waitFor(() => expect(seen).toHaveLength(1));
    deadline.abort(new DOMException('The step took too long.', 'TimeoutError'));
    await starting;
    expect(await getJob(job.id)).toMatchObject({
      state: 'needs_decision',
      error: { kind: 'unknown_outcome' },
    });
  });

  it('a submit whose step is already out of time is not sent, and waits for another try', async () => {
    const seen = hangingFetch();
    const job = await putJob(makeJob({ bootId: BOOT }));
    await createRunner(deps()).start(job.id, AbortSignal.abort());
    expect(seen).toHaveLength(0);
    expect(await getJob(job.id)).toMatchObject({ state: 'waiting', failures: 1, nextAttemptAt: now + 1000 });
  });
});
