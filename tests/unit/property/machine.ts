import fc from 'fast-check';
import { expect } from 'vitest';
import { ProviderError } from '@/utils/errors';
import { jobSchema, jobStates, type Job } from '@/utils/jobs/schema';
import {
  afterPollError,
  afterStatus,
  afterSubmit,
  afterSubmitError,
  type Pacing,
} from '@/utils/jobs/transitions';
import { checkResultUrl } from '@/utils/page/common/safe-url';
import type { RemoteStatus, Submitted } from '@/utils/providers/types';
import { makeJob } from '../jobs/job-factory';
import { KEY } from './arbitraries';

/**
 * What every provider answer must come to, whatever it was: the adapter either gives a value or throws
 * a ProviderError with a readable sentence, and the real job machine turns either into a job that still
 * parses, in one of its states, with only safe https links in it.
 */

export const clock = { now: 2_000_000_000, random: () => 0.5 };

export type Outcome<T> = { ok: true; value: T } | { ok: false; error: unknown };

export async function settle<T>(promise: Promise<T>): Promise<Outcome<T>> {
  try {
    return { ok: true, value: await promise };
  } catch (error) {
    return { ok: false, error };
  }
}

const QUOTE = /“[^]*”/; // the provider's own words, quoted once per message

/** A sentence a person can read: ours starts with a capital and ends as a sentence; theirs is short. */
export function expectReadable(message: string): void {
  expect(message.trim(), 'empty message').not.toBe('');
  expect(message, 'the API key leaked into a message').not.toContain(KEY);
  expect(message.length, message).toBeLessThanOrEqual(700);
  const quoted = QUOTE.exec(message)?.[0] ?? '';
  expect(quoted.length, `a long quotation: ${message}`).toBeLessThanOrEqual(202);
  const ours = message.replace(QUOTE, '“…”');
  expect(ours, 'starts as a sentence').toMatch(/^[A-Z]/);
  expect(ours, 'ends as a sentence').toMatch(/(?:[.!?…]|”)(?: \(code [^()]*\))?$/);
  expect(ours).not.toMatch(/\[object \w+\]|\bundefined\b|\bNaN\b/);
  expect(ours, 'a JSON dump').not.toMatch(/[{[]\s*"/);
}

/** A thrown error must be a ProviderError with a readable message, nothing else. */
export function expectProviderError(error: unknown): ProviderError {
  if (!(error instanceof ProviderError)) {
    throw new Error(`threw past the adapter: ${String(error)}`, { cause: error });
  }
  expectReadable(error.message);
  return error;
}

/**
 * The job parses, its state is one of the machine's, a failure says why, and a completed job's links are
 * all safe https ones. `messages: 'ours'` for errors the extension's own engine wrote (checked non-empty
 * only): the readability rules are for what a provider's answer turns into.
 */
export function expectInMachine(job: Job, messages: 'provider' | 'ours' = 'provider'): void {
  const parsed = jobSchema.safeParse(job);
  expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
  expect(jobStates).toContain(job.state);
  if (job.error && messages === 'provider') expectReadable(job.error.message);
  if (job.state === 'failed' || job.state === 'needs_decision') expect(job.error).toBeDefined();
  if (job.state !== 'completed') return;
  expect(job.result).toBeDefined();
  const { url, maskUrl, previewUrls } = job.result!;
  for (const link of [url, maskUrl, previewUrls?.before, previewUrls?.after]) {
    if (link !== undefined) expect(checkResultUrl(link), link).not.toBeNull();
  }
}

/** A job the engine is polling: queued or processing, with some history. */
export function pollingJob(providerName: string): fc.Arbitrary<Job> {
  return fc
    .record({
      state: fc.constantFrom('queued' as const, 'processing' as const),
      progress: fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: null }),
      etaSeconds: fc.option(fc.nat({ max: 7200 }), { nil: null }),
      polls: fc.nat({ max: 100 }),
      failures: fc.nat({ max: 10 }),
      incompletePolls: fc.nat({ max: 3 }),
    })
    .map((history) =>
      makeJob({
        ...history,
        providerName,
        providerJobId: 'job-1',
        submittedAt: clock.now - 60_000,
        updatedAt: clock.now - 5_000,
      }),
    );
}

/** Feeds a poll's outcome into the machine and checks the job that comes out. */
export function pollThroughMachine(job: Job, outcome: Outcome<RemoteStatus>, pacing: Pacing): Job {
  let next: Job;
  if (outcome.ok) {
    if (outcome.value.error) expectProviderError(outcome.value.error);
    next = afterStatus(job, outcome.value, pacing, clock);
  } else {
    next = afterPollError(job, expectProviderError(outcome.error), clock);
  }
  expectInMachine(next);
  return next;
}

/** Feeds a submit's outcome into the machine (from `submitting`) and checks the job that comes out. */
export function submitThroughMachine(job: Job, outcome: Outcome<Submitted>, pacing: Pacing): Job {
  let next: Job;
  if (outcome.ok) {
    if (outcome.value.status?.error) expectProviderError(outcome.value.status.error);
    next = afterSubmit(job, outcome.value, pacing, clock);
  } else {
    next = afterSubmitError(job, expectProviderError(outcome.error), clock);
  }
  expectInMachine(next);
  return next;
}
