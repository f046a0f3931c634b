import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { tensorpix, TENSORPIX_OPERATIONS } from '@/utils/providers/tensorpix';
import { pickModel, type TensorpixModel } from '@/utils/providers/tensorpix-models';
import type { Operation, ProviderContext } from '@/utils/providers/types';
import { makeJob } from '../jobs/job-factory';
import { fixture, stubFetch, type Recorded } from '../helpers/fetch-stub';
import { answer, hostileNumber, hostileValue, KEY, link, mutated } from './arbitraries';
import { pollingJob, pollThroughMachine, settle, submitThroughMachine } from './machine';

/**
 * TensorPix: any answer to a job poll (and the restored-video lookup it may make), to the model list
 * and to the job creation ends as a RemoteStatus or Submitted, or a readable ProviderError; the job
 * machine keeps the job valid either way.
 */
const RUNS = 150;
const T0 = Date.UTC(2025, 2, 2, 10, 0, 0);

const body = (name: string) => fixture(`tensorpix/${name}`).body;
/** Documented statuses: ints from the job endpoint, strings from history and prose, odd spellings. */
const STATUSES = [
  0,
  1,
  2,
  -1,
  -2,
  '0',
  '2',
  'In Queue',
  'PROCESSING',
  'finished',
  'Failed',
  'CANCELED',
  'cancelled',
];
const documentedStatus = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom<unknown>(...STATUSES) },
  { weight: 1, arbitrary: fc.constant<unknown>(2) },
);
const progress = fc.oneof(
  fc.double({ min: -1, max: 2, noNaN: true }),
  fc.constantFrom<unknown>('0.5', 'NaN', '-Infinity', '', null, 1e308),
  hostileValue,
);
const previews = fc.record({ before_video: fc.oneof(link, fc.constant(null)), after_video: link });
const video = fc.record(
  {
    id: fc.nat(),
    file: fc.oneof({ weight: 2, arbitrary: fc.webUrl({ validSchemes: ['https'] }) }, link),
    preview_videos: fc.oneof(previews, hostileValue),
  },
  { requiredKeys: [] },
);
/** An object, a bare id to look up, an id as text, or nothing (the documented and seen shapes). */
const output = fc.oneof(video, fc.nat({ max: 99_999 }), fc.constant('8841'), fc.constant(null), hostileValue);
const overrides = {
  status: fc.oneof(documentedStatus, hostileValue),
  processing_progress: progress,
  eta_s: fc.oneof(hostileNumber, hostileValue),
  cost_usd: fc.oneof(fc.constantFrom('0.52', '-1', 'NaN', '1e400'), hostileValue),
  output_video: output,
  restored_video: output,
  file: link,
  before_video: link,
  after_video: link,
};

const JOB_FIXTURES = [
  'job-queued.json',
  'job-processing.json',
  'job-finished.json',
  'job-finished-no-file.json',
  'job-finished-output-id.json',
  'job-finished-preview.json',
  'job-history-finished.json',
  'job-failed.json',
  'job-canceled.json',
];
const jobBodies = fc.oneof(...JOB_FIXTURES.map((name) => mutated(body(name), overrides)));
const errorBodies = fc.constantFrom(
  ...(fixture('tensorpix/errors.json') as unknown as { errors: Recorded[] }).errors.map((e) => e.body),
);
/** A Job object as documented whose fields vary, answering with 200. */
const wellFormedJob = fc
  .record(
    {
      id: fc.oneof(fc.nat(), fc.constant('48213'), hostileValue),
      status: documentedStatus,
      processing_progress: progress,
      eta_s: fc.oneof(fc.nat({ max: 7200 }), hostileNumber, fc.constant(null)),
      cost_usd: fc.oneof(fc.constant('0.52'), hostileValue),
      output_video: output,
    },
    { requiredKeys: ['id', 'status'] },
  )
  .map((job): Recorded => ({ status: 200, body: job }));
const restoredVideo = answer(
  fc.oneof(mutated(body('restored-video.json'), overrides), video),
  fc.constant(200),
);

function ctx(): ProviderContext {
  const memory: Record<string, string> = {};
  return {
    key: KEY,
    now: () => T0,
    settings: { tensorpixPreview: false },
    memory: { get: async (name) => memory[name], set: async (name, value) => void (memory[name] = value) },
  };
}

let job: Recorded;
let restored: Recorded;
let models: Recorded[];
let created: Recorded;
beforeEach(() => {
  let page = 0;
  stubFetch((request) => {
    const path = new URL(request.url).pathname;
    if (path.startsWith('/api/restored-videos/')) return restored;
    if (path.startsWith('/api/ml-models/')) return models[Math.min(page++, models.length - 1)]!;
    if (path === '/api/jobs/from-url/') return created;
    return job;
  });
});
afterEach(() => vi.unstubAllGlobals());

describe('TensorPix answers, whatever they are', () => {
  it('job poll, documented Job objects with odd fields: every state of the machine, all valid', async () => {
    const reached = new Set<string>();
    await fc.assert(
      fc.asyncProperty(wellFormedJob, restoredVideo, pollingJob('TensorPix'), async (reply, video, prior) => {
        job = reply;
        restored = video;
        const outcome = await settle(tensorpix.status('48213', ctx()));
        reached.add(pollThroughMachine(prior, outcome, tensorpix).state);
      }),
      { numRuns: RUNS },
    );
    expect([...reached].sort()).toEqual(['canceled', 'completed', 'failed', 'processing', 'queued']);
  });

  it('job poll, anything at all: a status or a readable ProviderError, and a valid job', async () => {
    await fc.assert(
      fc.asyncProperty(
        answer(
          fc.oneof({ weight: 4, arbitrary: jobBodies }, { weight: 1, arbitrary: errorBodies }),
          fc.constant(200),
        ),
        restoredVideo,
        pollingJob('TensorPix'),
        async (reply, video, prior) => {
          job = reply;
          restored = video;
          pollThroughMachine(prior, await settle(tensorpix.status('48213', ctx())), tensorpix);
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('submit: any model list and job-creation answer give a job id or a readable ProviderError', async () => {
    const pages = fc.oneof(
      ...['models-page-1.json', 'models-page-2.json', 'models-bare-array.json'].map((name) =>
        mutated(body(name), { max_resolution: hostileNumber, task: fc.constantFrom(1, '1', 3, null) }),
      ),
      errorBodies,
    );
    const creations = answer(
      fc.oneof(
        { weight: 4, arbitrary: mutated(body('job-created.json'), overrides) },
        { weight: 1, arbitrary: errorBodies },
      ),
    );
    const operations = fc.constantFrom(...(TENSORPIX_OPERATIONS as readonly Operation[]));
    const reached = new Set<string>();
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          // The recorded list as it is, so the job creation is reached often…
          {
            weight: 3,
            arbitrary: fc.constant<Recorded[]>([
              fixture('tensorpix/models-page-1.json'),
              fixture('tensorpix/models-page-2.json'),
            ]),
          },
          // …and model lists of any shape.
          { weight: 2, arbitrary: fc.array(answer(pages, fc.constant(200)), { minLength: 1, maxLength: 3 }) },
        ),
        creations,
        operations,
        fc.nat({ max: 5 }),
        async (pageAnswers, create, operation, failures) => {
          models = pageAnswers;
          created = create;
          const media = { url: 'https://media.example.org/v.mp4', width: 1280, height: 720, hasAlpha: null };
          const outcome = await settle(tensorpix.submit({ operation, media }, ctx()));
          const prior = makeJob({ state: 'submitting', failures, providerName: 'TensorPix', media: 'video' });
          reached.add(submitThroughMachine(prior, outcome, tensorpix).state);
        },
      ),
      { numRuns: RUNS },
    );
    expect([...reached]).toEqual(expect.arrayContaining(['queued', 'failed', 'waiting', 'needs_decision']));
  });

  it('pickModel never throws and picks only a model of the wished task that fits', () => {
    const model = fc.record({
      id: fc.nat(),
      name: fc.string(),
      task: fc.option(fc.constantFrom(1, 3, 12), { nil: null }),
      upscaleFactor: fc.option(fc.constantFrom(1, 2, 4, 0, -2), { nil: null }),
      maxResolution: fc.option(hostileNumber, { nil: null }),
      costWeight: fc.option(hostileNumber, { nil: null }),
      priority: fc.option(hostileNumber, { nil: null }),
    }) satisfies fc.Arbitrary<TensorpixModel>;
    const wish = fc.record({
      task: fc.constantFrom(1, 3, 12),
      upscaleFactor: fc.option(fc.constantFrom(2, 4), { nil: undefined }),
    });
    fc.assert(
      fc.property(
        fc.array(model, { maxLength: 8 }),
        wish,
        fc.option(fc.nat(), { nil: null }),
        (list, want, pixels) => {
          const pick = pickModel(list, want, pixels);
          if (!pick.ok) return;
          expect(list).toContain(pick.model);
          expect(pick.model.task).toBe(want.task);
          const max = pick.model.maxResolution;
          if (pixels !== null && max !== null && max > 0) expect(pixels).toBeLessThanOrEqual(max);
        },
      ),
      { numRuns: 300 },
    );
  });
});
