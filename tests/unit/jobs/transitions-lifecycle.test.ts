import { describe, expect, it } from 'vitest';
import { ProviderError } from '@/utils/errors';
import { jobSchema, TERMINAL_STATES, type Job } from '@/utils/jobs/schema';
import {
  accepted,
  canceled,
  deliveryFailed,
  delivered,
  discarded,
  drafted,
  engineFailed,
  engineStopped,
  KEEP_RETRY_LIMIT,
  keyMissing,
  needsDecision,
  notSent,
  operationGone,
  produced,
  progressed,
  refused,
  resubmitted,
  resultKept,
  sending,
  stepTimedOut,
} from '@/utils/jobs/transitions';
import { makeJob } from './job-factory';

const clock = { now: 3_000_000, random: () => 0.5 };
const now = clock.now;
const rateLimited = (retryAfterMs?: number) =>
  new ProviderError({ kind: 'rate_limited', message: 'Rate limited.', retryable: true, retryAfterMs });

const request = {
  id: 'job-1',
  provider: { id: 'hitpaw-photo' as const, name: 'HitPaw' },
  operation: { id: 'general_2x', label: 'General 2×', media: 'image' as const },
  srcUrl: 'https://gallery.example.org/images/photo.jpg',
  target: { tabId: 4, frameId: 2 },
};
const completed = makeJob({
  state: 'completed',
  providerJobId: 'p1',
  result: { url: 'https://cdn.example.net/r.png' },
  page: { status: 'pending' },
  finishedAt: now - 10,
  nextAttemptAt: now - 10,
});

/** Every final transition, from the states it applies to. */
const endings: [string, Job | undefined][] = [
  ['refused', refused(drafted(request, now - 5), 'Not here.', now)],
  ['key removed', keyMissing(makeJob({ state: 'processing' }), now)],
  ['pipeline deleted', operationGone(makeJob({ state: 'waiting' }), now)],
  ['cancelled', canceled(makeJob({ state: 'processing', nextAttemptAt: now + 5 }), now)],
  ['discarded', discarded(makeJob({ state: 'needs_decision' }), now)],
  [
    'engine failed',
    engineFailed(
      makeJob({ state: 'processing' }),
      { kind: 'network', message: 'Gone.', retryable: true },
      now,
    ),
  ],
  ['engine stopped', engineStopped(makeJob({ state: 'queued' }), now)],
  ['delivery gave up', deliveryFailed({ ...completed, failures: KEEP_RETRY_LIMIT }, rateLimited(), clock)],
];

describe('every ending', () => {
  it.each(endings)('%s: final, timed, nothing more scheduled, still a valid record', (_, job) => {
    expect(job).toBeDefined();
    expect(TERMINAL_STATES.has(job!.state)).toBe(true);
    expect(job).toMatchObject({ finishedAt: now, updatedAt: now, nextAttemptAt: null });
    expect(jobSchema.safeParse(job).success).toBe(true);
  });
});

describe('a new job', () => {
  it('is drafted from the click, then stored as submitting for this worker with what will be sent', () => {
    const draft = drafted(request, now);
    expect(draft).toMatchObject({
      id: 'job-1',
      state: 'submitting',
      providerName: 'HitPaw',
      source: { url: request.srcUrl, tabId: 4, frameId: 2 },
    });
    const media = {
      url: 'https://gallery.example.org/images/photo-800.jpg',
      width: 800,
      height: 600,
      hasAlpha: false,
    };
    const ready = accepted(draft, media, 'boot-1', now + 7);
    expect(ready).toMatchObject({
      state: 'submitting',
      bootId: 'boot-1',
      source: { sentUrl: media.url, width: 800, height: 600, hasAlpha: false },
      updatedAt: now + 7,
    });
    expect(jobSchema.safeParse(ready).success).toBe(true);
  });

  it('a refusal says why, and cannot be retried', () => {
    expect(refused(drafted(request, now), 'Private address.', now).error).toEqual({
      kind: 'refused_url',
      message: 'Private address.',
      retryable: false,
    });
  });
});

describe('the submit step', () => {
  it('is written ahead with a watchdog time', () => {
    const job = sending(makeJob({ state: 'waiting' }), 'boot-2', now + 25_000, now);
    expect(job).toMatchObject({ state: 'submitting', bootId: 'boot-2', nextAttemptAt: now + 25_000 });
  });

  it('out of time before the request left: waits and tries again, bounded', () => {
    const job = notSent(makeJob(), stepTimedOut('HitPaw'), clock);
    expect(job).toMatchObject({ state: 'waiting', failures: 1, nextAttemptAt: now + 1000 });
    expect(job.error).toMatchObject({
      kind: 'network',
      message: 'HitPaw did not answer in time. The extension will try again.',
    });
    expect(notSent(makeJob({ failures: 5 }), stepTimedOut('HitPaw'), clock).state).toBe('failed');
  });

  it('out of time after the request may have left: the person decides', () => {
    expect(needsDecision(makeJob(), now).state).toBe('needs_decision');
  });
});

describe('what the person does', () => {
  it('Retry starts afresh as submitting for this worker, the old outcome cleared', () => {
    const failed = makeJob({
      state: 'failed',
      error: { kind: 'auth', message: 'Bad key.', retryable: true },
      finishedAt: now - 1,
      polls: 4,
      failures: 2,
      providerJobId: 'p9',
    });
    expect(resubmitted(failed, 'boot-3', now)).toMatchObject({
      state: 'submitting',
      bootId: 'boot-3',
      error: undefined,
      providerJobId: undefined,
      finishedAt: undefined,
      polls: 0,
      failures: 0,
      nextAttemptAt: null,
      updatedAt: now,
    });
  });

  it('does nothing where it does not apply', () => {
    expect(resubmitted(makeJob({ state: 'processing' }), 'b', now)).toBeUndefined();
    expect(canceled(makeJob({ state: 'completed' }), now)).toBeUndefined();
    expect(discarded(makeJob({ state: 'failed' }), now)).toBeUndefined();
  });
});

describe('reports from an engine in this browser', () => {
  const running = makeJob({
    state: 'queued',
    source: { url: 'data:image/png;base64,AA==', tabId: 3, frameId: 0 },
  });

  it('progress moves the job to processing and never back', () => {
    const half = progressed(running, 0.5, now)!;
    expect(half).toMatchObject({ state: 'processing', progress: 0.5 });
    expect(progressed(half, 0.25, now)?.progress).toBe(0.5);
  });

  it('a result completes the job with our copy, due for its page at once', () => {
    const done = produced(running, { width: 6, height: 4, mask: true }, now)!;
    expect(done).toMatchObject({
      state: 'completed',
      progress: 1,
      result: { cached: true, maskCached: true, width: 6, height: 4 },
      page: { status: 'pending' },
      finishedAt: now,
      nextAttemptAt: now,
    });
    expect(done.result?.url).toBeUndefined();
    expect(jobSchema.safeParse(done).success).toBe(true);
  });

  it('late reports about a job that already ended change nothing', () => {
    const cancelled = canceled(running, now)!;
    expect(progressed(cancelled, 0.9, now)).toBeUndefined();
    expect(produced(cancelled, { width: 1, height: 1, mask: false }, now)).toBeUndefined();
    expect(engineFailed(cancelled, { kind: 'network', message: 'x', retryable: true }, now)).toBeUndefined();
  });
});

describe('delivery', () => {
  it('a kept copy is recorded and clears the failure count', () => {
    const job = resultKept({ ...completed, failures: 3 }, { cached: true }, now);
    expect(job).toMatchObject({ result: { cached: true }, failures: 0, error: undefined });
  });

  it('a retryable failure keeping the result tries again later, honouring the server’s hint', () => {
    const job = deliveryFailed(completed, rateLimited(7_500), clock);
    expect(job).toMatchObject({
      state: 'completed',
      failures: 1,
      nextAttemptAt: now + 7_500,
      page: { status: 'pending' },
    });
    expect(deliveryFailed(completed, rateLimited(), clock).nextAttemptAt).toBe(now + 1000);
  });

  it('after the bounded tries, or on a final error, the job fails saying the result could not be downloaded', () => {
    let job = completed;
    for (let i = 0; i < KEEP_RETRY_LIMIT; i++) job = deliveryFailed(job, rateLimited(), clock);
    expect(job.state).toBe('completed');
    job = deliveryFailed(job, rateLimited(), clock);
    expect(job.state).toBe('failed');
    expect(job.error?.message).toBe(
      'HitPaw finished, but its result could not be downloaded (Rate limited). Retry to run the job again.',
    );
    const final = new ProviderError({ kind: 'not_found', message: 'The result expired.', retryable: false });
    expect(deliveryFailed(completed, final, clock)).toMatchObject({
      state: 'failed',
      error: { kind: 'not_found' },
    });
  });

  it('the page outcome and the result’s size are recorded, and nothing more is due', () => {
    const job = delivered(
      completed,
      { page: { status: 'replaced', shown: 'enhanced' }, width: 400, height: 300 },
      now,
    );
    expect(job).toMatchObject({
      state: 'completed',
      page: { status: 'replaced', shown: 'enhanced' },
      result: { width: 400, height: 300 },
      nextAttemptAt: null,
    });
    expect(delivered({ ...completed, page: undefined }, undefined, now)).toMatchObject({
      page: undefined,
      nextAttemptAt: null,
    });
  });
});
