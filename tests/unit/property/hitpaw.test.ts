import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { HITPAW_KNOWN_CODES } from '@/utils/providers/hitpaw-errors';
import { hitpawPhoto } from '@/utils/providers/hitpaw-photo';
import { hitpawSegmentation } from '@/utils/providers/hitpaw-segmentation';
import { hitpawVideo } from '@/utils/providers/hitpaw-video';
import type { Provider, ProviderContext, SubmitRequest } from '@/utils/providers/types';
import { makeJob } from '../jobs/job-factory';
import { fixture, stubFetch, type Recorded } from '../helpers/fetch-stub';
import { answer, hostileValue, KEY, link, mutated } from './arbitraries';
import { pollingJob, pollThroughMachine, settle, submitThroughMachine } from './machine';

/**
 * HitPaw: any answer to task-status or to a submit ends as a RemoteStatus/Submitted or a readable
 * ProviderError, and the job machine keeps the job valid either way.
 */
const RUNS = 150;

const body = (name: string) => fixture(`hitpaw/${name}`).body;
const STATUSES = [
  'WAITING',
  'PENDING',
  'INPUT_PREPARING',
  'CONVERTING',
  'CONVERT_COMPLETED',
  'OUTPUT_SAVING',
  'OUTPUT_SAVED',
  'COMPLETED',
  'ERROR',
  'ERROR_INTERRUPTION',
  'TIMEOUT',
  'REJECT',
  'NSFW',
  'CANCEL',
];
/** Documented spellings, their lower-case and padded forms, and unknown ones. */
const status = fc.oneof(
  fc.constantFrom(...STATUSES),
  fc.constantFrom(...STATUSES).map((s) => ` ${s.toLowerCase()}\n`),
  fc.string({ maxLength: 12 }),
  hostileValue,
);
/** A documented status as HitPaw spells it, or in lower case with stray spaces. */
const documentedStatus = fc
  .oneof(
    { weight: 4, arbitrary: fc.constantFrom(...STATUSES) },
    { weight: 1, arbitrary: fc.constant('COMPLETED') },
  )
  .chain((s) => fc.constantFrom(s, ` ${s.toLowerCase()}\n`));
/** A well-formed envelope (either documented layout) around a task whose other fields vary. */
const wellFormedStatus = fc
  .record(
    {
      job_id: fc.oneof(fc.uuid(), hostileValue),
      status: documentedStatus,
      res_url: fc.oneof(
        { weight: 2, arbitrary: fc.webUrl({ validSchemes: ['https'] }) },
        link,
        fc.constant(null),
      ),
      mask_url: fc.oneof(link, fc.constant(null)),
      original_url: hostileValue,
    },
    { requiredKeys: ['status'] },
  )
  .chain((data) =>
    fc.constantFrom<unknown>({ code: 200, message: 'OK', data }, { code: '200', msg: 'OK', data }, data),
  )
  .map((body): Recorded => ({ status: 200, body }));
const code = fc.oneof(
  fc.constant(200),
  fc.constantFrom(...HITPAW_KNOWN_CODES),
  fc.constantFrom(...HITPAW_KNOWN_CODES).map(String),
  hostileValue,
);
const overrides = { status, code, error_code: code, res_url: link, mask_url: link };

const statusBodies = fc.oneof(
  ...[
    'status-completed.json',
    'status-completed-top-level.json',
    'status-completed-segmentation.json',
    'status-completed-empty-url.json',
    'status-converting.json',
    'status-error.json',
    'error-http200-code.json',
  ].map((name) => mutated(body(name), overrides)),
);
const errorBodies = fc.constantFrom(
  ...(fixture('hitpaw/errors.json') as unknown as { errors: Recorded[] }).errors.map((e) => e.body),
);
const submitBodies = fc.oneof(
  ...['submit-ok.json', 'submit-ok-msg.json', 'submit-ok-top-level.json'].map((name) =>
    mutated(body(name), overrides),
  ),
  errorBodies.chain((b) => mutated(b, overrides)),
);

function ctx(): ProviderContext {
  const memory: Record<string, string> = {};
  return {
    key: KEY,
    settings: { tensorpixPreview: false },
    memory: { get: async (name) => memory[name], set: async (name, value) => void (memory[name] = value) },
  };
}

let answers: Recorded[] = [];
beforeEach(() => {
  answers = [];
  stubFetch((_request, index) => answers[Math.min(index, answers.length - 1)] ?? { status: 599, body: {} });
});
afterEach(() => vi.unstubAllGlobals());

/** Each adapter's first operation on a source it accepts (the precheck passes). */
const ADAPTERS: [Provider, SubmitRequest['media']][] = [
  [hitpawPhoto, { url: 'https://gallery.example.org/a.jpg', width: 200, height: 150, hasAlpha: false }],
  [hitpawSegmentation, { url: 'https://gallery.example.org/a.png', width: 200, height: 150, hasAlpha: null }],
  [
    hitpawVideo,
    { url: 'https://gallery.example.org/v.mp4', width: 640, height: 360, hasAlpha: null, duration: 5 },
  ],
];

describe('HitPaw answers, whatever they are', () => {
  it('task-status, documented statuses with odd fields: every state of the machine, all valid', async () => {
    const reached = new Set<string>();
    await fc.assert(
      fc.asyncProperty(wellFormedStatus, pollingJob('HitPaw'), async (reply, job) => {
        answers = [reply];
        const outcome = await settle(hitpawPhoto.status('job-1', ctx()));
        reached.add(pollThroughMachine(job, outcome, hitpawPhoto).state);
      }),
      { numRuns: RUNS },
    );
    // The answers reached every branch, not only "could not read".
    expect([...reached].sort()).toEqual(['canceled', 'completed', 'failed', 'processing', 'queued']);
  });

  it('task-status, anything at all: a status or a readable ProviderError, and a valid job', async () => {
    await fc.assert(
      fc.asyncProperty(answer(statusBodies), pollingJob('HitPaw'), async (reply, job) => {
        answers = [reply];
        pollThroughMachine(job, await settle(hitpawPhoto.status('job-1', ctx())), hitpawPhoto);
      }),
      { numRuns: RUNS },
    );
  });

  for (const [adapter, media] of ADAPTERS) {
    it(`${adapter.id} submit (with the model-alias retry): a job id or a readable ProviderError`, async () => {
      const operation = adapter.operations[0]!;
      expect(adapter.precheck({ operation, media })).toBeNull();
      await fc.assert(
        fc.asyncProperty(
          // The first answer may say "model not supported" (110400005): the alias is then tried.
          fc.array(answer(submitBodies), { minLength: 1, maxLength: 2 }),
          fc.nat({ max: 5 }),
          async (replies, failures) => {
            answers = replies;
            const outcome = await settle(adapter.submit({ operation, media }, ctx()));
            const job = makeJob({ state: 'submitting', failures, providerName: 'HitPaw' });
            submitThroughMachine(job, outcome, adapter);
          },
        ),
        { numRuns: RUNS },
      );
    });
  }
});

describe('HitPaw counterexamples the properties found', () => {
  it('blanks the key when HitPaw echoes it back in an error message', async () => {
    answers = [{ status: 200, body: { code: null, message: `Invalid key ${KEY}`, data: null } }];
    const outcome = await settle(hitpawPhoto.status('job-1', ctx()));
    expect(outcome.ok).toBe(false);
    const { message } = outcome.ok ? { message: '' } : (outcome.error as Error);
    expect(message).toBe('HitPaw rejected the request. HitPaw said: “Invalid key …” (code 0)');
  });

  it('names the unreadable field instead of "received undefined"', async () => {
    answers = [{ status: 200, body: { code: 200, message: 'OK', data: '' } }];
    await expect(hitpawPhoto.status('job-1', ctx())).rejects.toThrow(
      'HitPaw sent an answer the extension could not read (status is missing or of an unexpected type).',
    );
  });

  it('a mask link that is not plain https never reaches the job; the result stands', async () => {
    const data = { status: 'COMPLETED', res_url: 'https://cdn.example.net/r.png', mask_url: '!' };
    answers = [{ status: 200, body: { code: 200, message: 'OK', data } }];
    const job = makeJob({ state: 'processing', providerJobId: 'job-1' });
    const next = pollThroughMachine(job, await settle(hitpawPhoto.status('job-1', ctx())), hitpawPhoto);
    expect(next.state).toBe('completed');
    expect(next.result).toMatchObject({ url: 'https://cdn.example.net/r.png' });
    expect(next.result?.maskUrl).toBeUndefined();
  });
});
