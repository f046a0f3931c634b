import { afterEach, describe, expect, it, vi } from 'vitest';
import { ProviderError } from '@/utils/errors';
import { HITPAW_KNOWN_CODES } from '@/utils/providers/hitpaw-errors';
import { hitpawPhoto, outputExtension } from '@/utils/providers/hitpaw-photo';
import { BYTES_WANTED, type ProviderContext } from '@/utils/providers/types';
import { fixture, stubFetch, type Recorded } from '../helpers/fetch-stub';

const KEY = 'test-key-123456789';
const general2x = hitpawPhoto.operations.find((o) => o.id === 'general_2x')!;
const media = {
  url: 'https://gallery.example.org/images/photo.jpg',
  width: 200,
  height: 150,
  hasAlpha: false,
};

function ctx(memory: Record<string, string> = {}): ProviderContext {
  return {
    key: KEY,
    settings: { tensorpixPreview: false },
    memory: {
      get: async (name) => memory[name],
      set: async (name, value) => void (memory[name] = value),
    },
  };
}

async function caught(promise: Promise<unknown>): Promise<ProviderError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ProviderError);
  return error as ProviderError;
}

afterEach(() => vi.unstubAllGlobals());

describe('HitPaw photo submit', () => {
  it('posts the documented body with the Apikey header and reads data.job_id and consume_coins', async () => {
    const seen = stubFetch(() => fixture('hitpaw/submit-ok.json'));
    const result = await hitpawPhoto.submit({ operation: general2x, media }, ctx());
    expect(result).toEqual({
      providerJobId: 'f5007c0b-e902-4070-8c75-f337d896168f',
      cost: { unit: 'coins', amount: 75 },
      model: 'general_2x',
    });
    expect(seen).toHaveLength(1);
    expect(seen[0]!.url).toBe('https://api-base.hitpaw.com/api/photo-enhancer');
    expect(seen[0]!.method).toBe('POST');
    expect(seen[0]!.headers.get('apikey')).toBe(KEY);
    expect(seen[0]!.headers.get('content-type')).toMatch(/application\/json/);
    expect(seen[0]!.body).toEqual({ model_name: 'general_2x', img_url: media.url, extension: '.jpg' });
  });

  it.each(['hitpaw/submit-ok-top-level.json', 'hitpaw/submit-ok-msg.json'])(
    'reads the %s envelope',
    async (name) => {
      stubFetch(() => fixture(name));
      const result = await hitpawPhoto.submit({ operation: general2x, media }, ctx());
      expect(result.providerJobId).toMatch(/^0b1c2d3e-/);
      expect(result.cost?.amount).toBeGreaterThan(0);
    },
  );

  it('treats HTTP 200 with a non-200 code as the error it names', async () => {
    stubFetch(() => fixture('hitpaw/error-http200-code.json'));
    const error = await caught(hitpawPhoto.submit({ operation: general2x, media }, ctx()));
    expect(error.kind).toBe('insufficient_credits');
    expect(error.retryable).toBe(false);
  });

  it('counts an HTML page with 200 as an unreadable, transient answer', async () => {
    stubFetch(() => fixture('hitpaw/error-html-200.json'));
    const error = await caught(hitpawPhoto.submit({ operation: general2x, media }, ctx()));
    expect(error.kind).toBe('provider_failure');
    expect(error.retryable).toBe(true);
  });

  it('tries the older model spelling once on 110400005 and remembers it', async () => {
    const errors = (fixture('hitpaw/errors.json') as unknown as { errors: (Recorded & { code: number })[] })
      .errors;
    const unsupported = errors.find((e) => e.code === 110400005)!;
    const seen = stubFetch((request) =>
      (request.body as { model_name: string }).model_name === 'sharpen_denoise_1x'
        ? unsupported
        : fixture('hitpaw/submit-ok.json'),
    );
    const memory: Record<string, string> = {};
    const denoise = hitpawPhoto.operations.find((o) => o.id === 'sharpen_denoise_1x')!;
    const result = await hitpawPhoto.submit({ operation: denoise, media }, ctx(memory));
    expect(result.model).toBe('sharpen_denoise');
    expect(seen.map((r) => (r.body as { model_name: string }).model_name)).toEqual([
      'sharpen_denoise_1x',
      'sharpen_denoise',
    ]);
    // Next time the working spelling goes first: one request.
    const again = stubFetch(() => fixture('hitpaw/submit-ok.json'));
    await hitpawPhoto.submit({ operation: denoise, media }, ctx(memory));
    expect(again.map((r) => (r.body as { model_name: string }).model_name)).toEqual(['sharpen_denoise']);
  });

  it('turns a network failure into a network error (the engine treats the outcome as unknown)', async () => {
    stubFetch(() => new TypeError('Failed to fetch'));
    const error = await caught(hitpawPhoto.submit({ operation: general2x, media }, ctx()));
    expect(error.kind).toBe('network');
  });
});

describe('HitPaw documented error codes', () => {
  const { errors } = fixture('hitpaw/errors.json') as unknown as { errors: (Recorded & { code: number })[] };

  it("covers every code of HitPaw's documented error table", () => {
    expect(new Set(HITPAW_KNOWN_CODES)).toEqual(new Set(errors.map((e) => e.code)));
  });

  it.each(errors.map((e) => [e.code, e] as const))('maps %i to a readable error', async (code, answer) => {
    stubFetch(() => answer);
    const error = await caught(hitpawPhoto.submit({ operation: general2x, media }, ctx()));
    // "Invalid URL" to a URL submit is marked as asking for the image's bytes; the code stays in the text.
    expect(error.code).toBe(code === 100400001 ? BYTES_WANTED : code);
    expect(error.message).toContain(`(code ${code})`);
    expect(error.httpStatus).toBe(answer.status);
    expect(error.message).toMatch(/HitPaw|This file|The result|This video|Your HitPaw/);
    expect(error.message).not.toContain(KEY);
    const retryable = code === 100429000 || String(code).startsWith('1005');
    expect(error.retryable).toBe(retryable);
    if (String(code).startsWith('1104020')) expect(error.kind).toBe('insufficient_credits');
    if ([110400000, 100401000].includes(code)) expect(error.kind).toBe('auth');
  });

  it('quotes an unknown code inertly and falls back on the HTTP status', async () => {
    stubFetch(() => ({ status: 418, body: { error_code: 999, message: '<b>teapot</b>' } }));
    const error = await caught(hitpawPhoto.submit({ operation: general2x, media }, ctx()));
    expect(error.kind).toBe('invalid_input');
    expect(error.message).toContain('“<b>teapot</b>”');
  });
});

describe('HitPaw task status', () => {
  const status = (name: string) => {
    stubFetch(() => fixture(name));
    return hitpawPhoto.status('f5007c0b-e902-4070-8c75-f337d896168f', ctx());
  };

  it('CONVERTING is processing with a synthetic progress step', async () => {
    expect(await status('hitpaw/status-converting.json')).toMatchObject({
      state: 'processing',
      rawStatus: 'CONVERTING',
      progress: 0.5,
    });
  });

  it.each(['hitpaw/status-completed.json', 'hitpaw/status-completed-top-level.json'])(
    '%s is completed with the result URL',
    async (name) => {
      const result = await status(name);
      expect(result.state).toBe('completed');
      expect(result.resultUrl).toMatch(/^https:\/\/cdn\.example\.net\/hitpaw\//);
    },
  );

  it('keeps the segmentation mask URL', async () => {
    expect((await status('hitpaw/status-completed-segmentation.json')).maskUrl).toBe(
      'https://cdn.example.net/hitpaw/a1/mask.png',
    );
  });

  it('COMPLETED without a result URL is still working, flagged incomplete', async () => {
    expect(await status('hitpaw/status-completed-empty-url.json')).toMatchObject({
      state: 'processing',
      incomplete: true,
    });
  });

  it('ERROR is a retryable failure', async () => {
    const result = await status('hitpaw/status-error.json');
    expect(result.state).toBe('failed');
    expect(result.error?.retryable).toBe(true);
  });

  it.each([
    ['WAITING', 'queued'],
    ['PENDING', 'queued'],
    ['INPUT_PREPARING', 'processing'],
    ['CONVERT_COMPLETED', 'processing'],
    ['OUTPUT_SAVING', 'processing'],
    ['OUTPUT_SAVED', 'processing'],
    ['TIMEOUT', 'failed'],
    ['ERROR_INTERRUPTION', 'failed'],
    ['NSFW', 'failed'],
    ['REJECT', 'failed'],
    ['CANCEL', 'canceled'],
    ['SOMETHING_NEW', 'processing'],
  ])('%s → %s', async (raw, state) => {
    stubFetch(() => ({
      status: 200,
      body: { code: 200, message: 'OK', data: { job_id: 'x', status: raw } },
    }));
    const result = await hitpawPhoto.status('x', ctx());
    expect(result.state).toBe(state);
    expect(result.rawStatus).toBe(raw);
    if (raw === 'NSFW' || raw === 'REJECT') expect(result.error?.kind).toBe('content_rejected');
  });

  it('the key test treats "task does not exist" as a working key and 110400000 as a bad one', async () => {
    const { errors } = fixture('hitpaw/errors.json') as unknown as {
      errors: (Recorded & { code: number })[];
    };
    stubFetch(() => errors.find((e) => e.code === 110400002)!);
    await expect(hitpawPhoto.testKey(ctx())).resolves.toBeUndefined();
    stubFetch(() => errors.find((e) => e.code === 110400000)!);
    expect((await caught(hitpawPhoto.testKey(ctx()))).kind).toBe('auth');
  });
});

describe('output extension and prechecks', () => {
  it('asks for PNG for PNG/WebP sources and anything with alpha, JPEG otherwise', () => {
    expect(outputExtension({ ...media, url: 'https://a.example/x.PNG?v=1' })).toBe('.png');
    expect(outputExtension({ ...media, url: 'https://a.example/x.webp' })).toBe('.png');
    expect(outputExtension({ ...media, url: 'https://a.example/x.jpg', hasAlpha: true })).toBe('.png');
    expect(outputExtension({ ...media, url: 'https://a.example/x.jpg' })).toBe('.jpg');
    expect(outputExtension({ ...media, url: 'https://a.example/photo' })).toBe('.jpg');
  });

  it('refuses inputs over 67 MP and outputs over the model cap, before sending', () => {
    const big = { ...media, width: 10_000, height: 7_000 };
    expect(hitpawPhoto.precheck({ operation: general2x, media: big })).toMatch(/at most 67/);
    const generative = hitpawPhoto.operations.find((o) => o.id === 'generative_1x')!;
    const wide = { ...media, width: 8_000, height: 5_000 };
    expect(hitpawPhoto.precheck({ operation: generative, media: wide })).toMatch(/at most 33/);
    expect(hitpawPhoto.precheck({ operation: general2x, media })).toBeNull();
  });
});
