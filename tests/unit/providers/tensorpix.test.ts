import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ProviderError } from '@/utils/errors';
import {
  describePixels,
  tensorpix,
  TENSORPIX_OPERATIONS,
  TENSORPIX_URL_FIELD,
  tensorpixNextPollMs,
} from '@/utils/providers/tensorpix';
import {
  MODELS_CACHE_TTL_MS,
  modelsCacheName,
  nextPagePath,
  pickModel,
  tensorpixModels,
  type TensorpixModel,
} from '@/utils/providers/tensorpix-models';
import type { Operation, ProviderContext, RemoteStatus } from '@/utils/providers/types';
import { fixture, stubFetch, type Recorded, type SeenRequest } from '../helpers/fetch-stub';

const KEY = 'tpx-test-key-0123456789abcdef';
const BASE = 'https://backend.tensorpix.ai';
const T0 = Date.UTC(2025, 2, 2, 10, 0, 0);
const VIDEO_URL = 'https://media.example.org/videos/clip.mp4';
const SIGNED = 'https://storage.tensorpix.example/outputs/48213/clip_enhanced.mp4?sig=9f8e7d&exp=1741000000';

const operation = (id: string) => TENSORPIX_OPERATIONS.find((o) => o.id === id)! as Operation;
const media = (width: number | null = 1280, height: number | null = 720) => ({
  url: VIDEO_URL,
  width,
  height,
  hasAlpha: null,
});

interface Options {
  memory?: Record<string, string>;
  preview?: boolean;
  now?: number;
  key?: string;
}

function ctx({ memory = {}, preview = false, now = T0, key = KEY }: Options = {}): ProviderContext {
  return {
    key,
    settings: { tensorpixPreview: preview },
    now: () => now,
    memory: {
      get: async (name) => memory[name],
      set: async (name, value) => void (memory[name] = value),
    },
  };
}

type Answer = Recorded | Error | ((request: SeenRequest) => Recorded | Error);

const MODEL_PAGES: Record<string, Answer> = {
  'GET /api/ml-models/?limit=100': fixture('tensorpix/models-page-1.json'),
  'GET /api/ml-models/?limit=6&offset=6': fixture('tensorpix/models-page-2.json'),
};

/** A fake TensorPix answering by `METHOD /path?query`; anything unexpected fails the test loudly. */
function server(routes: Record<string, Answer>) {
  return stubFetch((request) => {
    const url = new URL(request.url);
    const route = `${request.method} ${url.pathname}${url.search}`;
    const answer = routes[route];
    if (answer === undefined) throw new Error(`unexpected request ${route}`);
    return typeof answer === 'function' ? answer(request) : answer;
  });
}

const withModels = (routes: Record<string, Answer> = {}) =>
  server({ ...MODEL_PAGES, 'POST /api/jobs/from-url/': fixture('tensorpix/job-created.json'), ...routes });

const posts = (seen: SeenRequest[]) => seen.filter((r) => r.method === 'POST');
const modelRequests = (seen: SeenRequest[]) => seen.filter((r) => r.url.includes('/api/ml-models/'));
const body = (request: SeenRequest | undefined) => request!.body as Record<string, unknown>;

async function caught(promise: Promise<unknown>): Promise<ProviderError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ProviderError);
  return error as ProviderError;
}

const { errors: ERRORS } = fixture('tensorpix/errors.json') as unknown as {
  errors: (Recorded & { name: string; kind: string })[];
};
const error = (name: string) => ERRORS.find((e) => e.name === name)!;

afterEach(() => vi.unstubAllGlobals());

describe('TensorPix provider shape', () => {
  it('is a URL-input, public-result video provider with no cancel', () => {
    expect(tensorpix).toMatchObject({
      id: 'tensorpix',
      name: 'TensorPix',
      credential: 'tensorpix',
      input: 'url',
      resultAccess: 'public',
    });
    expect('cancel' in tensorpix).toBe(false);
    expect(tensorpix.precheck({ operation: operation('upscale-4x'), media: media(3840, 2160) })).toBeNull();
  });

  it('polls from 5 s up to 30 s for at most 400 polls or 3 hours', () => {
    expect(tensorpix.pollSchedule).toEqual({
      firstMs: 5_000,
      factor: 1.5,
      maxMs: 30_000,
      maxPolls: 400,
      maxAgeMs: 3 * 60 * 60_000,
    });
  });

  it('keeps the from-url field name in one decided constant', () => {
    expect(TENSORPIX_URL_FIELD).toBe('url');
  });

  it('lists the video operations by task, with no model id anywhere', () => {
    expect(
      TENSORPIX_OPERATIONS.map((o) => [
        o.id,
        o.label,
        o.group,
        o.scale,
        (o.payload as { task: number }).task,
      ]),
    ).toEqual([
      ['upscale-2x', 'Upscale 2×', 'Upscale', 2, 1],
      ['upscale-4x', 'Upscale 4×', 'Upscale', 4, 1],
      ['denoise', 'Denoise', 'Denoise', 1, 3],
      ['face-enhance', 'Face enhance', 'Faces', 1, 12],
      ['fps-2x', 'Frame rate ×2', 'Motion', 1, 10],
      ['slow-motion', 'Slow motion 0.5×', 'Motion', 1, 11],
      ['stabilise', 'Stabilise', 'Motion', 1, 13],
      ['deinterlace', 'Deinterlace', 'Restore', 1, 9],
      ['low-light', 'Low light', 'Restore', 1, 15],
      ['film-restore', 'Film restore', 'Restore', 1, 2],
    ]);
    for (const o of TENSORPIX_OPERATIONS) {
      expect(o.media).toBe('video');
      expect(JSON.stringify(o.payload)).not.toMatch(/ml_models|"id"/);
    }
  });
});

describe('TensorPix model list', () => {
  it('follows `next` on the TensorPix host with the Token header and reads every model', async () => {
    const seen = server(MODEL_PAGES);
    const { models, cached } = await tensorpixModels(ctx());
    expect(cached).toBe(false);
    expect(seen.map((r) => r.url)).toEqual([
      `${BASE}/api/ml-models/?limit=100`,
      `${BASE}/api/ml-models/?limit=6&offset=6`,
    ]);
    for (const request of seen) {
      expect(request.method).toBe('GET');
      expect(request.headers.get('authorization')).toBe(`Token ${KEY}`);
    }
    // The broken entry (id null) is skipped; a string id and a string cost_weight are read as numbers.
    expect(models.map((m) => m.id)).toEqual([11, 12, 14, 21, 22, 31, 41, 42, 51, 61, 71, 81]);
    expect(models.find((m) => m.id === 51)).toMatchObject({
      name: 'Stabilization',
      task: 13,
      costWeight: 1.2,
    });
    expect(models.find((m) => m.id === 81)).toMatchObject({ costWeight: null, maxResolution: null });
  });

  it('accepts a bare array (one request)', async () => {
    const seen = server({ 'GET /api/ml-models/?limit=100': fixture('tensorpix/models-bare-array.json') });
    const { models } = await tensorpixModels(ctx());
    expect(seen).toHaveLength(1);
    expect(models.map((m) => m.id)).toEqual([11, 14, 21]);
  });

  it('only ever uses the path of a `next` link, and only for the model list', () => {
    expect(nextPagePath('http://backend.tensorpix.ai/api/ml-models/?limit=6&offset=6')).toBe(
      'api/ml-models/?limit=6&offset=6',
    );
    expect(nextPagePath('https://elsewhere.example/api/ml-models/?offset=6')).toBe('api/ml-models/?offset=6');
    expect(nextPagePath('https://backend.tensorpix.ai/api/jobs/?offset=6')).toBeNull();
    expect(nextPagePath(null)).toBeNull();
  });

  it('stops on a `next` link that points back at a page already read', async () => {
    const looping = fixture('tensorpix/models-page-1.json');
    const seen = server({
      'GET /api/ml-models/?limit=100': {
        ...looping,
        body: { ...(looping.body as object), next: `${BASE}/api/ml-models/?limit=100` },
      },
    });
    const { models } = await tensorpixModels(ctx());
    expect(seen).toHaveLength(1);
    expect(models).toHaveLength(5);
  });

  it('is cached per key for a day under a hashed name, then fetched again', async () => {
    const memory: Record<string, string> = {};
    const seen = withModels();
    await tensorpix.submit({ operation: operation('upscale-2x'), media: media() }, ctx({ memory }));
    await tensorpix.submit({ operation: operation('denoise'), media: media() }, ctx({ memory }));
    expect(modelRequests(seen)).toHaveLength(2); // two pages, once
    expect(posts(seen)).toHaveLength(2);

    const almost = ctx({ memory, now: T0 + MODELS_CACHE_TTL_MS - 1 });
    await tensorpix.submit({ operation: operation('denoise'), media: media() }, almost);
    expect(modelRequests(seen)).toHaveLength(2);

    const dayLater = ctx({ memory, now: T0 + MODELS_CACHE_TTL_MS });
    await tensorpix.submit({ operation: operation('denoise'), media: media() }, dayLater);
    expect(modelRequests(seen)).toHaveLength(4);

    await tensorpix.submit(
      { operation: operation('denoise'), media: media() },
      ctx({ memory, key: 'other' }),
    );
    expect(modelRequests(seen)).toHaveLength(6);
    expect(Object.keys(memory)).toHaveLength(2);
  });

  it('never stores the key: the cache name is a short SHA-256 prefix', async () => {
    const memory: Record<string, string> = {};
    withModels();
    await tensorpix.submit({ operation: operation('upscale-2x'), media: media() }, ctx({ memory }));
    const [name] = Object.keys(memory);
    expect(name).toMatch(/^tensorpix:models:[0-9a-f]{16}$/);
    expect(name).toBe(await modelsCacheName(KEY));
    const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(KEY));
    expect(name!.slice(-16)).toBe(Buffer.from(digest).toString('hex').slice(0, 16));
    for (const [n, value] of Object.entries(memory)) {
      expect(n).not.toContain(KEY);
      expect(value).not.toContain(KEY);
    }
    expect(JSON.parse(memory[name!]!)).toMatchObject({ fetchedAt: T0 });
  });

  it('refetches over an unreadable cache entry and does not remember an empty list', async () => {
    const memory: Record<string, string> = { [await modelsCacheName(KEY)]: '{not json' };
    const seen = server(MODEL_PAGES);
    await tensorpixModels(ctx({ memory }));
    expect(seen).toHaveLength(2);
    const empty: Record<string, string> = {};
    server({ 'GET /api/ml-models/?limit=100': { status: 200, body: { count: 0, next: null, results: [] } } });
    expect((await tensorpixModels(ctx({ memory: empty }))).models).toEqual([]);
    expect(empty).toEqual({});
  });
});

describe('TensorPix model pick', () => {
  it.each([
    ['upscale-2x', 1280, 720, 11], // cheapest 2× that takes 720p
    ['upscale-2x', 3840, 2160, 12], // the cheaper 2× stops at 1080p
    ['upscale-4x', 640, 360, 14],
    ['denoise', 1280, 720, 22], // equal cost_weight, lower priority
    ['face-enhance', 1280, 720, 31],
    ['fps-2x', 1280, 720, 41],
    ['slow-motion', 1280, 720, 42],
    ['stabilise', 1280, 720, 51],
    ['deinterlace', 1280, 720, 61],
    ['low-light', 1280, 720, 71],
    ['film-restore', 1280, 720, 81],
  ])('%s at %i×%i sends model %i', async (id, width, height, modelId) => {
    const seen = withModels();
    await tensorpix.submit({ operation: operation(id), media: media(width, height) }, ctx());
    expect(body(posts(seen)[0]).ml_models).toEqual([modelId]);
  });

  it('picks the cheapest model when the size is unknown, and prefers same-size models for same-size tasks', () => {
    const m = (id: number, extra: Partial<TensorpixModel>): TensorpixModel => ({
      id,
      name: `m${id}`,
      task: 3,
      upscaleFactor: null,
      maxResolution: 921_600,
      costWeight: 1,
      priority: 1,
      ...extra,
    });
    const models = [m(1, { costWeight: 2 }), m(2, { upscaleFactor: 2, costWeight: 0.5 }), m(3, {})];
    expect(pickModel(models, { task: 3 }, null)).toEqual({ ok: true, model: models[2] });
    expect(pickModel(models, { task: 3 }, 4_000_000)).toEqual({
      ok: false,
      reason: 'too_large',
      maxResolution: 921_600,
    });
    expect(pickModel(models, { task: 4 }, null)).toEqual({ ok: false, reason: 'none' });
  });

  it('says readably when no model fits, without sending a job', async () => {
    const seen = server({ 'GET /api/ml-models/?limit=100': fixture('tensorpix/models-bare-array.json') });
    const error = await caught(
      tensorpix.submit({ operation: operation('low-light'), media: media() }, ctx()),
    );
    expect(error.kind).toBe('unsupported_model');
    expect(error.retryable).toBe(false);
    expect(error.message).toBe('TensorPix offers no model for “Low light” on this account right now.');
    expect(posts(seen)).toHaveLength(0);
  });

  it('asks for a fresh list once when a cached list has no model for the task', async () => {
    const memory: Record<string, string> = {};
    server({ 'GET /api/ml-models/?limit=100': fixture('tensorpix/models-bare-array.json') });
    await tensorpixModels(ctx({ memory }));
    const seen = withModels();
    await tensorpix.submit({ operation: operation('low-light'), media: media() }, ctx({ memory }));
    expect(modelRequests(seen)).toHaveLength(2);
    expect(body(posts(seen)[0]).ml_models).toEqual([71]);
  });

  it('refuses an operation without a TensorPix payload', async () => {
    const seen = withModels();
    const odd: Operation = { ...operation('denoise'), payload: { model: 'x' } };
    const error = await caught(tensorpix.submit({ operation: odd, media: media() }, ctx()));
    expect(error.kind).toBe('unsupported_model');
    expect(seen).toHaveLength(0);
  });
});

describe('TensorPix max_resolution refusal', () => {
  it('refuses a 1080p video for the 4× model before any job request', async () => {
    const seen = withModels();
    const error = await caught(
      tensorpix.submit({ operation: operation('upscale-4x'), media: media(1920, 1080) }, ctx()),
    );
    expect(error.kind).toBe('limit_exceeded');
    expect(error.retryable).toBe(false);
    expect(error.message).toBe("This video is 1920×1080; TensorPix's 4× model accepts at most 1280×720.");
    expect(posts(seen)).toHaveLength(0);
  });

  it('sends the job when the size is unknown (TensorPix checks it then)', async () => {
    const seen = withModels();
    await tensorpix.submit({ operation: operation('upscale-4x'), media: media(null, null) }, ctx());
    expect(body(posts(seen)[0]).ml_models).toEqual([14]);
  });

  it('describes limits as 16:9 sizes or megapixels', () => {
    expect(describePixels(921_600)).toBe('1280×720');
    expect(describePixels(8_294_400)).toBe('3840×2160');
    expect(describePixels(1_000_000)).toBe('1.0 megapixels');
  });
});

describe('TensorPix submit', () => {
  it('posts the URL, integer model ids and the preview flag with the Token header', async () => {
    const seen = withModels();
    const result = await tensorpix.submit({ operation: operation('upscale-2x'), media: media() }, ctx());
    const [post] = posts(seen);
    expect(post!.url).toBe(`${BASE}/api/jobs/from-url/`);
    expect(post!.headers.get('authorization')).toBe(`Token ${KEY}`);
    expect(post!.headers.get('content-type')).toMatch(/application\/json/);
    expect(post!.body).toEqual({ url: VIDEO_URL, ml_models: [11], preview: false, output_resolution: -1 });
    expect(result).toEqual({
      providerJobId: '48213',
      model: 'Upscale 2x',
      cost: { unit: 'credits', amount: 0.52 },
      status: {
        state: 'queued',
        rawStatus: '0',
        progress: 0,
        etaSeconds: null,
        cost: { unit: 'credits', amount: 0.52 },
      },
    });
  });

  it('asks for a free preview when the person chose it in Options', async () => {
    const seen = withModels();
    await tensorpix.submit({ operation: operation('denoise'), media: media() }, ctx({ preview: true }));
    expect(body(posts(seen)[0])).toEqual({ url: VIDEO_URL, ml_models: [22], preview: true });
  });

  it('sends fps_interpolation_factor and playback_speed only with their models', async () => {
    const seen = withModels();
    await tensorpix.submit({ operation: operation('fps-2x'), media: media() }, ctx());
    await tensorpix.submit({ operation: operation('slow-motion'), media: media() }, ctx());
    const [fps, slow] = posts(seen).map(body);
    expect(fps).toEqual({ url: VIDEO_URL, ml_models: [41], preview: false, fps_interpolation_factor: 2 });
    expect(slow).toEqual({ url: VIDEO_URL, ml_models: [42], preview: false, playback_speed: 0.5 });

    const mixed: Operation = {
      ...operation('denoise'),
      payload: { task: 3, options: { fps_interpolation_factor: 2, playback_speed: 0.5, grain: 0.1 } },
    };
    await tensorpix.submit({ operation: mixed, media: media() }, ctx());
    expect(body(posts(seen)[2])).toEqual({ url: VIDEO_URL, ml_models: [22], preview: false, grain: 0.1 });
  });

  it('leaves out a cost it cannot read', async () => {
    const created = fixture('tensorpix/job-created.json');
    withModels({
      'POST /api/jobs/from-url/': { ...created, body: { ...(created.body as object), cost_usd: '<string>' } },
    });
    const result = await tensorpix.submit({ operation: operation('denoise'), media: media() }, ctx());
    expect(result.cost).toBeUndefined();
    expect(result.providerJobId).toBe('48213');
  });

  it('refetches the list and posts once more when a cached model id is no longer known', async () => {
    const memory: Record<string, string> = {};
    const stale = [{ id: 999, name: 'Old denoise', task: 3, cost_weight: 0.1 }];
    server({ 'GET /api/ml-models/?limit=100': { status: 200, body: stale } });
    await tensorpixModels(ctx({ memory }));
    const seen = withModels({
      'POST /api/jobs/from-url/': (request) =>
        body(request).ml_models?.toString() === '999'
          ? error('invalid-model')
          : fixture('tensorpix/job-created.json'),
    });
    const result = await tensorpix.submit(
      { operation: operation('denoise'), media: media() },
      ctx({ memory }),
    );
    expect(result.providerJobId).toBe('48213');
    expect(posts(seen).map((r) => body(r).ml_models)).toEqual([[999], [22]]);
  });

  it('does not post again for an unknown model id from a fresh list', async () => {
    const seen = withModels({ 'POST /api/jobs/from-url/': error('invalid-model') });
    const failure = await caught(
      tensorpix.submit({ operation: operation('denoise'), media: media() }, ctx()),
    );
    expect(failure.kind).toBe('invalid_input');
    expect(failure.code).toBe('ml_models');
    expect(failure.message).toBe(
      'TensorPix rejected the request: “ml_models: Invalid pk "999" - object does not exist.”.',
    );
    expect(posts(seen)).toHaveLength(1);
  });

  it('treats an unreadable 201 as an unknown outcome that must not be resubmitted blindly', async () => {
    withModels({ 'POST /api/jobs/from-url/': { status: 201, text: '<html>ok</html>' } });
    const failure = await caught(
      tensorpix.submit({ operation: operation('denoise'), media: media() }, ctx()),
    );
    expect(failure.kind).toBe('unknown_outcome');
    expect(failure.retryable).toBe(false);
    expect(failure.message).toMatch(/charged twice/);
  });

  it('a network failure while listing models is a safe retry; on the job POST it stays `network`', async () => {
    server({ 'GET /api/ml-models/?limit=100': new TypeError('Failed to fetch') });
    const listing = await caught(
      tensorpix.submit({ operation: operation('denoise'), media: media() }, ctx()),
    );
    expect(listing.kind).toBe('provider_failure');
    expect(listing.retryable).toBe(true);
    expect(listing.message).toMatch(/no job was sent/);

    withModels({ 'POST /api/jobs/from-url/': new TypeError('Failed to fetch') });
    const posting = await caught(
      tensorpix.submit({ operation: operation('denoise'), media: media() }, ctx()),
    );
    expect(posting.kind).toBe('network');
  });
});

describe('TensorPix job status', () => {
  const poll = async (name: string, extra: Record<string, Answer> = {}) => {
    const seen = server({ 'GET /api/jobs/48213/': fixture(name), ...extra });
    return { status: await tensorpix.status('48213', ctx()), seen };
  };

  it('GETs /api/jobs/{id}/ with the Token header', async () => {
    const { seen, status } = await poll('tensorpix/job-queued.json');
    expect(seen.map((r) => [r.method, r.url, r.headers.get('authorization')])).toEqual([
      ['GET', `${BASE}/api/jobs/48213/`, `Token ${KEY}`],
    ]);
    expect(status).toMatchObject({ state: 'queued', rawStatus: '0', progress: 0, etaSeconds: null });
  });

  it('1 is processing with progress and ETA', async () => {
    expect((await poll('tensorpix/job-processing.json')).status).toEqual({
      state: 'processing',
      rawStatus: '1',
      progress: 0.42,
      etaSeconds: 180,
      cost: { unit: 'credits', amount: 0.52 },
    });
  });

  it('2 with output_video.file is completed with the presigned link', async () => {
    const { status } = await poll('tensorpix/job-finished.json');
    expect(status).toEqual({
      state: 'completed',
      rawStatus: '2',
      progress: 1,
      etaSeconds: null,
      resultUrl: SIGNED,
      cost: { unit: 'credits', amount: 0.52 },
    });
  });

  it('a preview job carries the before/after clips', async () => {
    const { status } = await poll('tensorpix/job-finished-preview.json');
    expect(status.state).toBe('completed');
    expect(status.resultUrl).toMatch(/clip_preview\.mp4/);
    expect(status.previewUrls).toEqual({
      before: expect.stringMatching(/\/before\.mp4\?sig=/),
      after: expect.stringMatching(/\/after\.mp4\?sig=/),
    });
    expect(status.cost).toEqual({ unit: 'credits', amount: 0 });
  });

  it('2 without output_video yet is still processing, flagged incomplete', async () => {
    expect((await poll('tensorpix/job-finished-no-file.json')).status).toMatchObject({
      state: 'processing',
      incomplete: true,
    });
  });

  it('a numeric output_video is read through /api/restored-videos/{id}/', async () => {
    const { status, seen } = await poll('tensorpix/job-finished-output-id.json', {
      'GET /api/restored-videos/8841/': fixture('tensorpix/restored-video.json'),
    });
    expect(seen.map((r) => new URL(r.url).pathname)).toEqual([
      '/api/jobs/48213/',
      '/api/restored-videos/8841/',
    ]);
    expect(seen[1]!.headers.get('authorization')).toBe(`Token ${KEY}`);
    expect(status).toMatchObject({ state: 'completed', resultUrl: SIGNED });
  });

  it('a numeric output_video whose record is missing is "done without a result" for now', async () => {
    const { status } = await poll('tensorpix/job-finished-output-id.json', {
      'GET /api/restored-videos/8841/': error('not-found'),
    });
    expect(status).toMatchObject({ state: 'processing', incomplete: true });
  });

  it('-1 is a failure with a readable error, -2 is canceled', async () => {
    const failed = (await poll('tensorpix/job-failed.json')).status;
    expect(failed.state).toBe('failed');
    expect(failed.rawStatus).toBe('-1');
    expect(failed.error).toBeInstanceOf(ProviderError);
    expect(failed.error?.kind).toBe('provider_failure');
    expect(failed.error?.message).toMatch(/^TensorPix could not finish this job/);
    expect(failed.cost).toBeUndefined();
    expect((await poll('tensorpix/job-canceled.json')).status).toMatchObject({
      state: 'canceled',
      rawStatus: '-2',
    });
  });

  it('reads the history variant with a string status', async () => {
    expect((await poll('tensorpix/job-history-finished.json')).status).toMatchObject({
      state: 'completed',
      rawStatus: 'FINISHED',
      resultUrl: SIGNED,
    });
  });

  const finished = (fixture('tensorpix/job-finished.json').body as { output_video: unknown }).output_video;
  it.each([
    [0, 'queued'],
    ['IN_QUEUE', 'queued'],
    ['In Queue', 'queued'],
    ['in-queue', 'queued'],
    [1, 'processing'],
    ['PROCESSING', 'processing'],
    ['Processing', 'processing'],
    [2, 'completed'],
    ['FINISHED', 'completed'],
    ['2', 'completed'],
    [-1, 'failed'],
    ['FAILED', 'failed'],
    ['-1', 'failed'],
    [-2, 'canceled'],
    ['CANCELED', 'canceled'],
    ['CANCELLED', 'canceled'],
    ['Canceled', 'canceled'],
    [7, 'processing'],
    ['SOMETHING_NEW', 'processing'],
    [null, 'processing'],
  ])('status %j → %s', async (raw, state) => {
    server({ 'GET /api/jobs/7/': { status: 200, body: { id: 7, status: raw, output_video: finished } } });
    const status = await tensorpix.status('7', ctx());
    expect(status.state).toBe(state);
    expect(status.rawStatus).toBe(raw === null ? 'unknown' : String(raw));
  });

  it.each([
    [1.7, 1],
    [-0.2, 0],
    ['0.25', 0.25],
    [null, null],
  ])('clamps processing_progress %j to %j', async (progress, expected) => {
    server({
      'GET /api/jobs/7/': { status: 200, body: { id: 7, status: 1, processing_progress: progress } },
    });
    expect((await tensorpix.status('7', ctx())).progress).toBe(expected);
  });

  it('drops a negative or missing ETA', async () => {
    server({ 'GET /api/jobs/7/': { status: 200, body: { id: 7, status: 1, eta_s: -5 } } });
    expect((await tensorpix.status('7', ctx())).etaSeconds).toBeNull();
    server({ 'GET /api/jobs/7/': { status: 200, body: { id: 7, status: 1 } } });
    expect((await tensorpix.status('7', ctx())).etaSeconds).toBeNull();
  });

  it('never sends a malformed job id', async () => {
    const seen = server({});
    const failure = await caught(tensorpix.status('../ml-models', ctx()));
    expect(failure.kind).toBe('not_found');
    expect(seen).toHaveLength(0);
  });

  it('an unreadable 200 is a transient failure', async () => {
    server({ 'GET /api/jobs/7/': { status: 200, text: '<html>maintenance</html>' } });
    const failure = await caught(tensorpix.status('7', ctx()));
    expect(failure.kind).toBe('provider_failure');
    expect(failure.retryable).toBe(true);
  });

  it('progress always lands in 0..1 whatever the number', async () => {
    await fc.assert(
      // JSON has no Infinity or NaN, so every number TensorPix can send is finite.
      fc.asyncProperty(fc.double({ noNaN: true, noDefaultInfinity: true }), async (progress) => {
        server({
          'GET /api/jobs/7/': { status: 200, body: { id: 7, status: 1, processing_progress: progress } },
        });
        const result = (await tensorpix.status('7', ctx())).progress;
        expect(result).not.toBeNull();
        expect(result!).toBeGreaterThanOrEqual(0);
        expect(result!).toBeLessThanOrEqual(1);
      }),
      { numRuns: 50 },
    );
  });
});

describe('TensorPix poll delay', () => {
  const at = (state: RemoteStatus['state'], etaSeconds: number | null): RemoteStatus => ({
    state,
    rawStatus: 'x',
    progress: null,
    etaSeconds,
  });

  it.each([
    ['queued', 600, 7, 5_000],
    ['processing', 60, 3, 15_000],
    ['processing', 4, 3, 5_000],
    ['processing', 0, 3, 5_000],
    ['processing', 3_600, 3, 30_000],
    ['processing', null, 0, 5_000],
    ['processing', null, 2, 11_250],
    ['processing', null, 20, 30_000],
  ] as const)('%s with ETA %j after %i polls waits %i ms', (state, eta, polls, ms) => {
    expect(tensorpix.nextPollMs(at(state, eta), polls)).toBe(ms);
  });

  it('stays between 5 and 30 s', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('queued', 'processing', 'completed' as const),
        fc.option(fc.double({ min: -1e6, max: 1e9, noNaN: true })),
        fc.nat(1_000),
        (state, eta, polls) => {
          const ms = tensorpixNextPollMs(at(state, eta), polls);
          expect(ms).toBeGreaterThanOrEqual(5_000);
          expect(ms).toBeLessThanOrEqual(30_000);
        },
      ),
    );
  });
});

describe('TensorPix fresh result links', () => {
  it('GETs the job again every time and returns the current link', async () => {
    const finished = fixture('tensorpix/job-finished.json');
    const job = finished.body as { output_video: { file: string } };
    let signature = 0;
    const seen = server({
      'GET /api/jobs/48213/': () => {
        signature += 1;
        return {
          ...finished,
          body: { ...job, output_video: { ...job.output_video, file: `${SIGNED}&n=${signature}` } },
        };
      },
    });
    expect(await tensorpix.freshResult('48213', ctx())).toBe(`${SIGNED}&n=1`);
    expect(await tensorpix.freshResult('48213', ctx())).toBe(`${SIGNED}&n=2`);
    expect(seen).toHaveLength(2);
  });

  it('has no link before the job is finished', async () => {
    server({ 'GET /api/jobs/48213/': fixture('tensorpix/job-processing.json') });
    expect(await tensorpix.freshResult('48213', ctx())).toBeUndefined();
  });
});

describe('TensorPix errors', () => {
  it.each(ERRORS.map((e) => [e.name, e] as const))('%s maps to its kind on a poll', async (_name, answer) => {
    server({ 'GET /api/jobs/48213/': answer });
    const failure = await caught(tensorpix.status('48213', ctx()));
    expect(failure.kind).toBe(answer.kind);
    expect(failure.httpStatus).toBe(answer.status);
    expect(failure.retryable).toBe(answer.status === 429 || answer.status >= 500);
    expect(failure.message).toMatch(/TensorPix/);
    expect(failure.message).not.toContain(KEY);
  });

  it('auth errors point at Options', async () => {
    for (const name of ['no-credentials', 'invalid-token', 'forbidden']) {
      server({ 'GET /api/jobs/48213/': error(name) });
      expect((await caught(tensorpix.status('48213', ctx()))).message).toContain(
        'Check your TensorPix API key in Options.',
      );
    }
  });

  it('a 400 about the video says so, quoting TensorPix inertly', async () => {
    withModels({ 'POST /api/jobs/from-url/': error('not-a-video') });
    const failure = await caught(
      tensorpix.submit({ operation: operation('denoise'), media: media() }, ctx()),
    );
    expect(failure.kind).toBe('invalid_input');
    expect(failure.retryable).toBe(false);
    expect(failure.message).toMatch(
      /^TensorPix could not read this video: “The provided URL could not be parsed as a video\.” It must be a direct, public video link/,
    );
  });

  it('a 400 about storage or credits is insufficient_credits', async () => {
    for (const name of ['storage-quota', 'credits']) {
      withModels({ 'POST /api/jobs/from-url/': error(name) });
      const failure = await caught(
        tensorpix.submit({ operation: operation('denoise'), media: media() }, ctx()),
      );
      expect(failure.kind).toBe('insufficient_credits');
      expect(failure.retryable).toBe(false);
    }
  });

  it('429 carries Retry-After (seconds or a date), or DRF’s “available in N seconds”', async () => {
    server({ 'GET /api/jobs/48213/': error('throttled') });
    expect((await caught(tensorpix.status('48213', ctx()))).retryAfterMs).toBe(42_000);

    const date = new Date(T0 + 90_000).toUTCString();
    server({ 'GET /api/jobs/48213/': { status: 429, headers: { 'Retry-After': date }, body: {} } });
    expect((await caught(tensorpix.status('48213', ctx()))).retryAfterMs).toBe(90_000);

    server({ 'GET /api/jobs/48213/': { ...error('throttled'), headers: {} } });
    expect((await caught(tensorpix.status('48213', ctx()))).retryAfterMs).toBe(42_000);

    server({ 'GET /api/jobs/48213/': { status: 429, body: { detail: 'Slow down.' } } });
    expect((await caught(tensorpix.status('48213', ctx()))).retryAfterMs).toBeUndefined();
  });

  it('blanks the key if a server message ever echoes it', async () => {
    server({ 'GET /api/jobs/48213/': { status: 400, body: { detail: `Bad token ${KEY} here` } } });
    const failure = await caught(tensorpix.status('48213', ctx()));
    expect(failure.message).not.toContain(KEY);
    expect(failure.message).toContain('Bad token … here');
  });

  it('a 400 about the input size is limit_exceeded, a bad output_resolution field is not', async () => {
    withModels({ 'POST /api/jobs/from-url/': error('over-resolution') });
    const media4k = media(null, null);
    const over = await caught(
      tensorpix.submit({ operation: operation('upscale-4x'), media: media4k }, ctx()),
    );
    expect(over.kind).toBe('limit_exceeded');
    expect(over.message).toMatch(
      /^This video is larger than TensorPix's model accepts\. TensorPix said: “The input/,
    );
    withModels({ 'POST /api/jobs/from-url/': error('bad-output-resolution') });
    const field = await caught(
      tensorpix.submit({ operation: operation('upscale-2x'), media: media() }, ctx()),
    );
    expect(field.kind).toBe('invalid_input');
    expect(field.code).toBe('output_resolution');
  });

  it('leaves server text alone when the key is too short to blank safely', async () => {
    server({ 'GET /api/jobs/48213/': { status: 400, body: { detail: 'Please provide a direct link.' } } });
    const failure = await caught(tensorpix.status('48213', ctx({ key: 'k' })));
    expect(failure.message).toContain('“Please provide a direct link.”');
  });

  it('a network failure on a poll is `network` (retried by the engine)', async () => {
    server({ 'GET /api/jobs/48213/': new TypeError('Failed to fetch') });
    expect((await caught(tensorpix.status('48213', ctx()))).kind).toBe('network');
  });
});

describe('TensorPix key test', () => {
  it('asks for one model with the Token header', async () => {
    const seen = server({ 'GET /api/ml-models/?limit=1': fixture('tensorpix/models-bare-array.json') });
    await expect(tensorpix.testKey(ctx())).resolves.toBeUndefined();
    expect(seen.map((r) => [r.method, r.url, r.headers.get('authorization')])).toEqual([
      ['GET', `${BASE}/api/ml-models/?limit=1`, `Token ${KEY}`],
    ]);
  });

  it('reports a rejected key as auth', async () => {
    server({ 'GET /api/ml-models/?limit=1': error('invalid-token') });
    const failure = await caught(tensorpix.testKey(ctx()));
    expect(failure.kind).toBe('auth');
    expect(failure.message).toBe(
      'TensorPix did not accept your API key. Check your TensorPix API key in Options. TensorPix said: “Invalid token.”',
    );
  });
});
