import fc from 'fast-check';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { registerOnDeviceEvents } from '@/entrypoints/background/on-device-events';
import { errorKinds } from '@/utils/errors';
import { applyReport } from '@/utils/jobs/reports';
import { getJob, putJob } from '@/utils/jobs/store';
import { makeJob } from '../jobs/job-factory';
import { hostileNumber, hostileString, hostileValue } from './arbitraries';
import { clock, expectInMachine } from './machine';

/**
 * The on-device engine's reports, as the background receives them: whatever a message carries, the
 * receiver either turns it into a transition that leaves the job valid, or ignores it. It never fails
 * while handling a message it accepted.
 */
const RUNS = 150;
const JOB = 'on-device-job';

const jobId = fc.oneof({ weight: 5, arbitrary: fc.constant(JOB) }, { weight: 1, arbitrary: hostileValue });

const count = fc.oneof(
  { weight: 4, arbitrary: fc.integer({ min: 1, max: 300 }) },
  { weight: 1, arbitrary: hostileNumber },
  { weight: 1, arbitrary: hostileValue },
);
const base64 = fc.oneof(
  { weight: 3, arbitrary: fc.base64String({ minLength: 4, maxLength: 64 }) },
  { weight: 1, arbitrary: hostileString },
);
/** Mostly the documented values, sometimes anything: so every kind of report is applied, not only refused. */
const mostly = <T>(good: fc.Arbitrary<T>) =>
  fc.oneof({ weight: 4, arbitrary: good }, { weight: 1, arbitrary: hostileValue });
const backend = mostly(fc.constantFrom('webgpu', 'webgl', 'wasm', 'cpu'));
const optional = { requiredKeys: [] as [] };

/** Each report as the engine sends it, with its fields varied, dropped or replaced. */
const messages = fc.oneof(
  fc.record({
    type: fc.constant('engineProgress'),
    data: fc.record(
      { jobId, done: count, total: count, backend },
      { requiredKeys: ['jobId', 'done', 'total'] },
    ),
  }),
  fc.record({
    type: fc.constant('engineResult'),
    data: fc.record(
      {
        jobId,
        mime: mostly(fc.constantFrom('image/png', 'image/jpeg')),
        bytes: base64,
        width: count,
        height: count,
        backend,
        mask: base64,
      },
      { requiredKeys: ['jobId', 'mime', 'bytes', 'width', 'height'] },
    ),
  }),
  fc.record({
    type: fc.constant('engineError'),
    data: fc.record({
      jobId,
      error: fc.oneof(
        {
          weight: 4,
          arbitrary: fc.record(
            {
              kind: mostly(fc.constantFrom(...errorKinds)),
              message: hostileString,
              retryable: mostly(fc.boolean()),
              code: mostly(fc.oneof(fc.string(), fc.integer())),
            },
            { requiredKeys: ['kind', 'message', 'retryable'] },
          ),
        },
        { weight: 1, arbitrary: hostileValue },
      ),
    }),
  }),
  fc.record({ type: fc.constant('engineCancelled'), data: fc.record({ jobId }, optional) }),
  fc.record({ type: fc.constant('engineIdle'), data: fc.constant(undefined) }),
  fc.record({ type: fc.oneof(hostileString, fc.constant('engineResult')), data: fc.anything() }),
);

/** Delivers a message as Chrome would from the offscreen document; resolves with the receiver's answer. */
async function deliver(type: unknown, data: unknown): Promise<unknown> {
  let respond!: (res: unknown) => void;
  const answered = new Promise((resolve) => (respond = resolve));
  const sender = { id: fakeBrowser.runtime.id, url: fakeBrowser.runtime.getURL('/offscreen.html') };
  const handled = await fakeBrowser.runtime.onMessage.trigger(
    { id: 1, type, data, timestamp: Date.now() },
    sender,
    respond,
  );
  // A listener that will answer returns true (Chrome's contract); none does for a message it ignores.
  return (handled as unknown[]).some((result) => result === true) ? answered : undefined;
}

const running = { state: 'processing' as const, progress: null };
/** One report of each kind as the engine sends it when all is well. */
const WELL_FORMED: [typeof running, { type: string; data: unknown }][] = [
  [running, { type: 'engineProgress', data: { jobId: JOB, done: 1, total: 4, backend: 'wasm' } }],
  [
    running,
    {
      type: 'engineResult',
      data: { jobId: JOB, mime: 'image/png', bytes: 'iVBORw0KGgo=', width: 2, height: 2 },
    },
  ],
  [
    running,
    {
      type: 'engineError',
      data: {
        jobId: JOB,
        error: { kind: 'provider_failure', message: 'The model failed.', retryable: false },
      },
    },
  ],
  [running, { type: 'engineCancelled', data: { jobId: JOB } }],
];

let reports = 0;
// Registered once: the messaging library allows one listener per message type in a context.
beforeAll(() => {
  registerOnDeviceEvents({
    report: async (id, report) => {
      reports++;
      await applyReport(id, report, clock.now);
    },
    tick: async () => undefined,
  });
});
beforeEach(() => {
  reports = 0;
});

describe('on-device engine reports, whatever they carry', () => {
  it('are applied as valid transitions or ignored, and never fail once accepted', async () => {
    const prior = fc.record({
      state: fc.constantFrom('queued' as const, 'processing' as const),
      progress: fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: null }),
    });
    const reached = new Set<string>();
    await fc.assert(
      fc.asyncProperty(prior, messages, async (history, { type, data }) => {
        await putJob(makeJob({ ...history, id: JOB, provider: 'on-device', providerName: 'On device' }));
        const answer = (await deliver(type, data)) as { err?: unknown } | undefined;
        expect(answer?.err, 'the receiver failed on a message it accepted').toBeUndefined();
        const job = (await getJob(JOB))!;
        expectInMachine(job, 'ours');
        if (job.error) expect(job.error.message.trim()).not.toBe('');
        reached.add(job.state);
      }),
      // Besides the random runs, one well-formed report of each kind is always tried, so the check below
      // does not depend on the draw (a valid result with a valid id is a rare draw).
      { numRuns: RUNS, examples: WELL_FORMED },
    );
    expect(reports).toBeGreaterThan(0);
    // Each kind of report was applied (a queued job only stays queued when a message is ignored).
    expect([...reached], [...reached].join()).toEqual(
      expect.arrayContaining(['canceled', 'completed', 'failed', 'processing']),
    );
  });
});

describe('on-device counterexamples the properties found', () => {
  const processing = () =>
    putJob(makeJob({ id: JOB, state: 'processing', provider: 'on-device', providerName: 'On device' }));

  it('a result whose mask is not base64 is refused by the schema, not a failure in the receiver', async () => {
    await processing();
    const data = { jobId: JOB, mime: 'image/png', bytes: 'AAAA', width: 1, height: 1, mask: '""' };
    expect(await deliver('engineResult', data)).toEqual({ res: undefined });
    expect(reports).toBe(0);
    expect((await getJob(JOB))!.state).toBe('processing');
  });

  it('an engine error with a blank message still leaves a sentence on the failed job', async () => {
    await processing();
    const error = { kind: 'provider_failure', message: ' ', retryable: true };
    await deliver('engineError', { jobId: JOB, error });
    expect((await getJob(JOB))!.error).toMatchObject({
      message: 'The on-device engine stopped without saying why. Retry to run it again.',
    });
  });
});
