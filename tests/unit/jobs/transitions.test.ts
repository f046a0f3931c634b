import { describe, expect, it } from 'vitest';
import { ProviderError } from '@/utils/errors';
import { nextPollDelay, backoffDelay } from '@/utils/jobs/schedule';
import { afterPollError, afterStatus, afterSubmitError, overdue } from '@/utils/jobs/transitions';
import { hitpawPhoto } from '@/utils/providers/hitpaw-photo';
import { makeJob } from './job-factory';

const schedule = hitpawPhoto.pollSchedule;
const clock = { now: 2_000_000, random: () => 0.5 };
const err = (init: ConstructorParameters<typeof ProviderError>[0]) => new ProviderError(init);

describe('poll schedule', () => {
  it('starts at 3 s and grows ×1.5 to at most 10 s', () => {
    expect([0, 1, 2, 3, 4].map((n) => nextPollDelay(schedule, n))).toEqual([3000, 4500, 6750, 10000, 10000]);
  });

  it('backs off 1, 2, 4, 8, 16 s with ±20 % jitter, capped at a minute, or follows a server hint', () => {
    expect([1, 2, 3, 4, 5].map((n) => backoffDelay(n, () => 0.5))).toEqual([1000, 2000, 4000, 8000, 16000]);
    expect(backoffDelay(1, () => 0)).toBe(800);
    expect(backoffDelay(1, () => 1)).toBe(1200);
    expect(backoffDelay(30, () => 0.5)).toBe(60000);
    expect(backoffDelay(1, () => 0.5, 7000)).toBe(7000);
  });
});

describe('submit errors', () => {
  const job = makeJob();

  it('a 429 waits with a persisted next attempt and counts the failure', () => {
    const next = afterSubmitError(
      job,
      err({ kind: 'rate_limited', message: 'busy', retryable: true }),
      clock,
    );
    expect(next).toMatchObject({ state: 'waiting', failures: 1, nextAttemptAt: clock.now + 1000 });
  });

  it('a 429 keeps its turn past the bounded tries while the job is young, with a capped backoff', () => {
    const busy = err({ kind: 'rate_limited', message: 'busy', retryable: true });
    const young = afterSubmitError(makeJob({ failures: 9 }), busy, clock);
    expect(young).toMatchObject({ state: 'waiting', failures: 10, nextAttemptAt: clock.now + 60_000 });
    const old = afterSubmitError(makeJob({ failures: 9, createdAt: clock.now - 31 * 60_000 }), busy, clock);
    expect(old).toMatchObject({ state: 'failed', error: { kind: 'rate_limited' } });
  });

  it('gives up after the bounded number of tries', () => {
    const tired = makeJob({ failures: 5 });
    const next = afterSubmitError(
      tired,
      err({ kind: 'provider_failure', message: 'x', retryable: true }),
      clock,
    );
    expect(next.state).toBe('failed');
  });

  it('a final answer fails at once', () => {
    const next = afterSubmitError(job, err({ kind: 'auth', message: 'bad key', retryable: false }), clock);
    expect(next).toMatchObject({
      state: 'failed',
      error: { kind: 'auth', message: 'bad key' },
      nextAttemptAt: null,
    });
  });

  it('no answer at all leaves the outcome unknown: the person decides', () => {
    const next = afterSubmitError(job, err({ kind: 'network', message: 'offline', retryable: true }), clock);
    expect(next.state).toBe('needs_decision');
    expect(next.error?.message).toMatch(/may or may not have been received/);
  });
});

describe('status answers', () => {
  const running = makeJob({
    state: 'processing',
    providerJobId: 'p1',
    submittedAt: clock.now,
    progress: 0.5,
  });

  it('completion stores the result and asks for a page swap', () => {
    const next = afterStatus(
      running,
      {
        state: 'completed',
        rawStatus: 'COMPLETED',
        progress: 1,
        etaSeconds: null,
        resultUrl: 'https://cdn.example.net/r.png',
      },
      hitpawPhoto,
      clock,
    );
    expect(next).toMatchObject({
      state: 'completed',
      result: { url: 'https://cdn.example.net/r.png' },
      page: { status: 'pending' },
      nextAttemptAt: clock.now,
    });
  });

  it.each(['javascript:alert(1)', 'http://cdn.example.net/r.png', 'https://u:p@cdn.example.net/r.png'])(
    'a result link that is not safe https (%s) fails the job instead of reaching a page',
    (resultUrl) => {
      const next = afterStatus(
        running,
        { state: 'completed', rawStatus: 'COMPLETED', progress: 1, etaSeconds: null, resultUrl },
        hitpawPhoto,
        clock,
      );
      expect(next.state).toBe('failed');
      expect(next.result).toBeUndefined();
      expect(next.page).toBeUndefined();
    },
  );

  it('never moves backwards and never lowers progress', () => {
    const next = afterStatus(
      running,
      { state: 'queued', rawStatus: 'WAITING', progress: 0.05, etaSeconds: null },
      hitpawPhoto,
      clock,
    );
    expect(next.state).toBe('processing');
    expect(next.progress).toBe(0.5);
    expect(next.nextAttemptAt).toBe(clock.now + nextPollDelay(schedule, 1));
  });

  it('a terminal job ignores late answers', () => {
    const done = makeJob({ state: 'completed' });
    expect(
      afterStatus(
        done,
        { state: 'failed', rawStatus: 'ERROR', progress: null, etaSeconds: null },
        hitpawPhoto,
        clock,
      ),
    ).toBe(done);
  });

  it('"done" without a result gets three more polls, then fails', () => {
    let job = running;
    const incomplete = {
      state: 'processing',
      rawStatus: 'COMPLETED',
      progress: 0.95,
      etaSeconds: null,
      incomplete: true,
    } as const;
    for (let i = 0; i < 3; i++) job = afterStatus(job, incomplete, hitpawPhoto, clock);
    expect(job.state).toBe('processing');
    expect(afterStatus(job, incomplete, hitpawPhoto, clock).state).toBe('failed');
  });
});

describe('poll errors', () => {
  const running = makeJob({ state: 'processing', providerJobId: 'p1' });

  it('network trouble waits patiently, beyond the failure limit', () => {
    let job = running;
    for (let i = 0; i < 20; i++)
      job = afterPollError(job, err({ kind: 'network', message: 'offline', retryable: true }), clock);
    expect(job.state).toBe('processing');
    expect(job.nextAttemptAt).toBe(clock.now + 60_000);
  });

  it('unreadable answers are tolerated a bounded number of times', () => {
    let job = running;
    const bad = err({ kind: 'provider_failure', message: 'garbled', retryable: true });
    for (let i = 0; i < 8; i++) job = afterPollError(job, bad, clock);
    expect(job.state).toBe('processing');
    expect(afterPollError(job, bad, clock).state).toBe('failed');
  });

  it('a final answer ends the job', () => {
    expect(
      afterPollError(running, err({ kind: 'not_found', message: 'gone', retryable: false }), clock).state,
    ).toBe('failed');
  });

  it('the age limit and the poll budget end a job that never finishes', () => {
    expect(overdue(makeJob({ submittedAt: 0 }), schedule, schedule.maxAgeMs + 1)).toBe(true);
    expect(overdue(makeJob({ submittedAt: 0, polls: 120 }), schedule, 1)).toBe(true);
    expect(overdue(makeJob({ submittedAt: 0, polls: 3 }), schedule, 1)).toBe(false);
  });
});

describe('pacing and estimates', () => {
  const running = makeJob({
    state: 'processing',
    providerJobId: 'p1',
    submittedAt: clock.now,
    updatedAt: clock.now,
  });
  const status = (eta: number) =>
    ({ state: 'processing', rawStatus: '1', progress: 0.4, etaSeconds: eta }) as const;

  it("uses the provider's own next-poll delay when it has one", () => {
    const pacing = { pollSchedule: hitpawPhoto.pollSchedule, nextPollMs: () => 12_345 };
    expect(afterStatus(running, status(100), pacing, clock).nextAttemptAt).toBe(clock.now + 12_345);
  });

  it('smooths a swinging ETA against the previous one, aged by the time since', () => {
    const first = afterStatus(running, status(100), hitpawPhoto, clock);
    expect(first.etaSeconds).toBe(100);
    const later = { now: clock.now + 10_000, random: clock.random };
    // previous 100 s aged by 10 s = 90; blended 0.6 × 90 + 0.4 × 300 = 174
    expect(afterStatus(first, status(300), hitpawPhoto, later).etaSeconds).toBe(174);
  });

  it('takes the cost a status reports', () => {
    const next = afterStatus(
      running,
      { ...status(5), cost: { unit: 'credits', amount: 1.5 } },
      hitpawPhoto,
      clock,
    );
    expect(next.cost).toEqual({ unit: 'credits', amount: 1.5 });
  });
});
