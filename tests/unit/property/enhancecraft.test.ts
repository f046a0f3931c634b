import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { enhancecraft } from '@/utils/providers/enhancecraft';
import type { ProviderContext, SubmitRequest } from '@/utils/providers/types';
import { makeJob } from '../jobs/job-factory';
import { fixture, stubFetch, type Recorded } from '../helpers/fetch-stub';
import { answer, headers, hostileValue, KEY, link, mutated } from './arbitraries';
import { pollingJob, pollThroughMachine, settle, submitThroughMachine } from './machine';

/**
 * EnhanceCraft: any answer to a status poll, an upload or a job creation ends as a RemoteStatus or
 * Submitted, or a readable ProviderError; the job machine keeps the job valid either way.
 */
const RUNS = 150;
const NOW = 1705312800_000 - 30_000; // 30 s before the recorded X-RateLimit-Reset

const body = (name: string) => fixture(`enhancecraft/${name}`).body;
const STATUSES = ['queued', 'processing', 'completed', 'failed', 'canceled', 'cancelled'];
const documentedStatus = fc
  .oneof(
    { weight: 5, arbitrary: fc.constantFrom(...STATUSES) },
    { weight: 1, arbitrary: fc.constant('completed') },
  )
  .chain((s) => fc.constantFrom(s, ` ${s.toUpperCase()}\n`));
/** Storage keys as documented, absolute links, and keys that would leave the API host. */
const outputUrl = fc.oneof(
  fc.constantFrom('outputs/user-id/7c9e.png', '/outputs/x.png', '../../etc/passwd', 'https://', 'http://['),
  link,
);
const overrides = {
  status: fc.oneof(documentedStatus, hostileValue),
  output_url: outputUrl,
  error_message: hostileValue,
  credits_used: hostileValue,
};

const statusBodies = fc.oneof(
  ...[
    'status-queued.json',
    'status-processing.json',
    'status-completed.json',
    'status-completed-absolute.json',
    'status-completed-no-output.json',
    'status-failed.json',
  ].map((name) => mutated(body(name), overrides)),
);
const errorBodies = fc.oneof(
  ...['400', '401', '402', '403', '404', '413', '422', '429'].map((s) => mutated(body(`error-${s}.json`))),
);
/** A job object as documented (fields top level or under `data`) whose fields vary. */
const wellFormedJob = fc
  .record(
    {
      id: fc.oneof(fc.uuid(), hostileValue),
      status: documentedStatus,
      output_url: fc.oneof(
        { weight: 2, arbitrary: fc.constant('outputs/user-id/7c9e.png') },
        outputUrl,
        fc.constant(null),
      ),
      error_message: fc.oneof(hostileValue, fc.constant(null)),
      credits_used: fc.oneof(fc.nat(), hostileValue),
    },
    { requiredKeys: ['status'] },
  )
  .chain((job) => fc.constantFrom<unknown>(job, { data: job }))
  .chain((b) => headers.map((h): Recorded => ({ status: 200, body: b, headers: h })));

const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
const media = (): SubmitRequest['media'] => ({
  url: 'https://gallery.example.org/images/photo.png',
  width: 200,
  height: 150,
  hasAlpha: false,
  bytes: new Blob([PNG], { type: 'image/png' }),
});

/** A fresh memory each time: the rate budget one answer leaves must not hold back the next run. */
function ctx(): ProviderContext {
  const memory: Record<string, string> = {};
  return {
    key: KEY,
    now: () => NOW,
    settings: { tensorpixPreview: false },
    memory: { get: async (name) => memory[name], set: async (name, value) => void (memory[name] = value) },
  };
}

let upload: Recorded;
let created: Recorded;
let polled: Recorded;
beforeEach(() => {
  stubFetch((request) => {
    if (request.url.endsWith('/api/v1/upload/api')) return upload;
    if (request.url.endsWith('/api/v1/jobs/api')) return created;
    return polled;
  });
});
afterEach(() => vi.unstubAllGlobals());

describe('EnhanceCraft answers, whatever they are', () => {
  it('status, documented job objects with odd fields: every state of the machine, all valid', async () => {
    const reached = new Set<string>();
    await fc.assert(
      fc.asyncProperty(wellFormedJob, pollingJob('EnhanceCraft'), async (reply, job) => {
        polled = reply;
        const outcome = await settle(enhancecraft.status('job-1', ctx()));
        reached.add(pollThroughMachine(job, outcome, enhancecraft).state);
      }),
      { numRuns: RUNS },
    );
    expect([...reached].sort()).toEqual(['canceled', 'completed', 'failed', 'processing', 'queued']);
  });

  it('status, anything at all: a status or a readable ProviderError, and a valid job', async () => {
    await fc.assert(
      fc.asyncProperty(
        answer(fc.oneof(statusBodies, errorBodies), fc.constant(200)),
        pollingJob('EnhanceCraft'),
        async (reply, job) => {
          polled = reply;
          pollThroughMachine(job, await settle(enhancecraft.status('job-1', ctx())), enhancecraft);
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('submit: any upload and job-creation answers give a job id or a readable ProviderError', async () => {
    const operation = enhancecraft.operations.find((o) => o.id === 'enhance-2x')!;
    const uploads = answer(
      fc.oneof(
        { weight: 4, arbitrary: mutated(body('upload-ok.json')) },
        { weight: 1, arbitrary: errorBodies },
      ),
    );
    const creations = answer(
      fc.oneof(
        ...[
          'job-created.json',
          'job-created-data-id.json',
          'job-created-job-id.json',
          'job-created-no-id.json',
        ].map((name) => mutated(body(name), overrides)),
        errorBodies,
      ),
    );
    const reached = new Set<string>();
    await fc.assert(
      fc.asyncProperty(uploads, creations, fc.nat({ max: 5 }), async (up, create, failures) => {
        upload = up;
        created = create;
        const outcome = await settle(enhancecraft.submit({ operation, media: media() }, ctx()));
        const job = makeJob({ state: 'submitting', failures, providerName: 'EnhanceCraft' });
        reached.add(submitThroughMachine(job, outcome, enhancecraft).state);
      }),
      { numRuns: RUNS },
    );
    // Created jobs, answers that ran nothing (tried again or final), and an unknown outcome were all seen.
    expect([...reached]).toEqual(expect.arrayContaining(['queued', 'waiting', 'failed', 'needs_decision']));
  });
});

describe('EnhanceCraft counterexamples the properties found', () => {
  it('an output_url that is no address at all is an unreadable answer, not a TypeError', async () => {
    polled = { status: 200, body: { status: 'completed', output_url: 'http://[' } };
    await expect(enhancecraft.status('job-1', ctx())).rejects.toThrow(
      'EnhanceCraft sent an answer the extension could not read (output_url is not a valid address).',
    );
  });

  it('blanks the key when an error answer echoes it back', async () => {
    upload = fixture('enhancecraft/upload-ok.json');
    created = { status: 400, text: `{"8":"${KEY}` };
    const operation = enhancecraft.operations.find((o) => o.id === 'enhance-2x')!;
    await expect(enhancecraft.submit({ operation, media: media() }, ctx())).rejects.toThrow(
      'EnhanceCraft rejected the operation settings. EnhanceCraft said: “{"8":"…”',
    );
  });

  it("blanks the key in a failed job's error_message", async () => {
    polled = { status: 200, body: { status: 'failed', error_message: `bad key ${KEY}` } };
    const status = await enhancecraft.status('job-1', ctx());
    expect(status.error?.message).toContain('EnhanceCraft said: “bad key …”');
  });
});
