import { afterEach, describe, expect, it, vi } from 'vitest';
import { ProviderError } from '@/utils/errors';
import { enhancecraft, PROBE_JOB_ID, resolveOutputUrl } from '@/utils/providers/enhancecraft';
import { withDrawnMask } from '@/utils/providers/enhancecraft-operations';
import { stepsSchema } from '@/utils/pipeline/enhancecraft-steps';
import { putBlob } from '@/utils/jobs/blobs';
import { drawMask, pngDataUrl } from '@/utils/mask/drawn-mask';
import type { MediaInfo, Operation, ProviderContext } from '@/utils/providers/types';
import { fixture, stubFetch, type Recorded, type SeenRequest } from '../helpers/fetch-stub';

const KEY = 'sk_live_test_0123456789abcdef';
const API = 'https://api.enhancecraft.com';
const JOB = '7c9e6679-7425-40de-944b-e07fc1f90ae7';
const NOW = 1705312800_000 - 30_000; // 30 s before the fixtures' X-RateLimit-Reset

const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
const media = (bytes?: Blob): MediaInfo => ({
  url: 'https://gallery.example.org/images/photo.png',
  width: 200,
  height: 150,
  hasAlpha: false,
  bytes,
});
const png = () => new Blob([PNG], { type: 'image/png' });
const op = (id: string) => enhancecraft.operations.find((o) => o.id === id)!;

function ctx(memory: Record<string, string> = {}): ProviderContext {
  return {
    key: KEY,
    now: () => NOW,
    settings: { tensorpixPreview: false },
    memory: { get: async (name) => memory[name], set: async (name, value) => void (memory[name] = value) },
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

/** Upload → upload-ok, job creation → `created`, anything else → `other`. */
function submitFlow(created = 'enhancecraft/job-created.json', other?: Recorded) {
  return stubFetch((request) => {
    if (request.url.endsWith('/api/v1/upload/api')) return fixture('enhancecraft/upload-ok.json');
    if (request.url.endsWith('/api/v1/jobs/api')) return fixture(created);
    return other ?? { status: 599, body: {} };
  });
}

const multipart = (request: SeenRequest) => String(request.body);

afterEach(() => vi.unstubAllGlobals());

describe('EnhanceCraft submit', () => {
  it('uploads the bytes as multipart field `file` with the Bearer key, then creates the job', async () => {
    const seen = submitFlow();
    const result = await enhancecraft.submit({ operation: op('enhance-2x'), media: media(png()) }, ctx());

    expect(seen).toHaveLength(2);
    const [upload, create] = seen as [SeenRequest, SeenRequest];
    expect(upload.url).toBe(`${API}/api/v1/upload/api`);
    expect(upload.method).toBe('POST');
    expect(upload.headers.get('authorization')).toBe(`Bearer ${KEY}`);
    expect(upload.headers.get('content-type')).toMatch(/^multipart\/form-data; boundary=/);
    expect(multipart(upload)).toContain('Content-Disposition: form-data; name="file"; filename="image.png"');
    expect(multipart(upload)).toContain('Content-Type: image/png');

    expect(create.url).toBe(`${API}/api/v1/jobs/api`);
    expect(create.method).toBe('POST');
    expect(create.headers.get('authorization')).toBe(`Bearer ${KEY}`);
    expect(create.headers.get('content-type')).toMatch(/application\/json/);
    expect(create.body).toEqual({
      input_key: 'uploads/user-id/abc123.jpg',
      operations: [{ type: 'enhance', params: { scale: 2 } }],
    });

    expect(result.providerJobId).toBe(JOB);
    expect(result.cost).toBeUndefined(); // paid operations have no documented price
    expect(result.status).toMatchObject({ state: 'queued', rawStatus: 'queued' });
  });

  it.each([
    ['image/jpeg', PNG, 'image.jpg', 'image/jpeg'],
    ['image/webp', PNG, 'image.webp', 'image/webp'],
    ['', new TextEncoder().encode('GIF89a....'), 'image.gif', 'image/gif'],
    ['application/octet-stream', PNG, 'image.png', 'image/png'],
  ])('names a %s upload after its type', async (type, bytes, filename, sentType) => {
    const seen = submitFlow();
    await enhancecraft.submit({ operation: op('denoise'), media: media(new Blob([bytes], { type })) }, ctx());
    expect(multipart(seen[0]!)).toContain(`filename="${filename}"`);
    expect(multipart(seen[0]!)).toContain(`Content-Type: ${sentType}`);
  });

  it('sends an unrecognisable file as `image` and lets EnhanceCraft decide', async () => {
    const seen = submitFlow();
    await enhancecraft.submit({ operation: op('denoise'), media: media(new Blob(['hello'])) }, ctx());
    expect(multipart(seen[0]!)).toContain('filename="image"\r\n');
  });

  it.each([
    ['enhancecraft/job-created.json', 'queued'],
    ['enhancecraft/job-created-job-id.json', 'processing'],
    ['enhancecraft/job-created-data-id.json', undefined],
  ])('reads the job id from %s and its status as the first poll', async (name, state) => {
    submitFlow(name);
    const result = await enhancecraft.submit({ operation: op('enhance-4x'), media: media(png()) }, ctx());
    expect(result.providerJobId).toBe(JOB);
    expect(result.status?.state).toBe(state);
  });

  it('a created job without an id is an unknown outcome that is never retried automatically', async () => {
    submitFlow('enhancecraft/job-created-no-id.json');
    const error = await caught(
      enhancecraft.submit({ operation: op('enhance-4x'), media: media(png()) }, ctx()),
    );
    expect(error.kind).toBe('unknown_outcome');
    expect(error.retryable).toBe(false);
  });

  it('refuses a request without bytes (or with none in them) before sending anything', async () => {
    const seen = submitFlow();
    const missing = await caught(enhancecraft.submit({ operation: op('enhance-2x'), media: media() }, ctx()));
    expect(missing.kind).toBe('invalid_input');
    expect(missing.message).toMatch(/bytes/);
    const empty = await caught(
      enhancecraft.submit({ operation: op('enhance-2x'), media: media(new Blob([])) }, ctx()),
    );
    expect(empty.kind).toBe('invalid_input');
    expect(seen).toHaveLength(0);
  });

  it('free operations cost 0 credits; a credit count in the answer is shown when there is one', async () => {
    submitFlow();
    const free = await enhancecraft.submit({ operation: op('convert-webp'), media: media(png()) }, ctx());
    expect(free.cost).toEqual({ unit: 'credits', amount: 0 });
    stubFetch((request) =>
      request.url.endsWith('/upload/api')
        ? fixture('enhancecraft/upload-ok.json')
        : { status: 201, body: { id: JOB, status: 'queued', credits_used: 2 } },
    );
    const paid = await enhancecraft.submit({ operation: op('enhance-4x'), media: media(png()) }, ctx());
    expect(paid.cost).toEqual({ unit: 'credits', amount: 2 });
  });

  it('sends a pipeline step list as given, and refuses an invalid one before sending', async () => {
    const steps = [
      { type: 'enhance', params: { scale: 4 } },
      { type: 'compress-optimize', params: { quality: 70 } },
    ];
    const pipeline: Operation = {
      id: 'pipeline-a',
      label: 'Mine',
      group: 'My pipelines',
      media: 'image',
      scale: 4,
      payload: steps,
    };
    const seen = submitFlow();
    await enhancecraft.submit({ operation: pipeline, media: media(png()) }, ctx());
    expect((seen[1]!.body as { operations: unknown }).operations).toEqual(steps);

    const broken = { ...pipeline, payload: [{ type: 'remove-object', params: { mask_data_url: 'data:,' } }] };
    const again = submitFlow();
    const error = await caught(enhancecraft.submit({ operation: broken, media: media(png()) }, ctx()));
    expect(error.kind).toBe('invalid_input');
    expect(error.message).toMatch(/Step 1 \(remove-object\) needs a mask/);
    expect(again).toHaveLength(0);
  });

  it('remove-object sends the mask drawn for the job as mask_data_url: a PNG data URL the image’s size', async () => {
    const mask = await drawMask(
      [
        {
          radius: 8,
          points: [
            { x: 40, y: 40 },
            { x: 120, y: 90 },
          ],
        },
      ],
      200,
      150,
    );
    await putBlob(
      'job-mask-1',
      'drawn-mask',
      new Blob([mask.png as Uint8Array<ArrayBuffer>], { type: 'image/png' }),
    );
    const seen = submitFlow();
    await enhancecraft.submit(
      { operation: op('remove-object'), media: media(png()), jobId: 'job-mask-1' },
      ctx(),
    );
    expect(seen[1]!.body).toEqual({
      input_key: 'uploads/user-id/abc123.jpg',
      operations: [{ type: 'remove-object', params: { mask_data_url: pngDataUrl(mask.png) } }],
    });

    const again = submitFlow();
    const text = op('remove-text-masked');
    await enhancecraft.submit({ operation: text, media: media(png()), jobId: 'job-mask-1' }, ctx());
    expect(again[1]!.body).toMatchObject({
      operations: [
        { type: 'remove-text', params: { auto_detect: false, mask_data_url: pngDataUrl(mask.png) } },
      ],
    });
  });

  it('a mask job without its drawn mask, or with one of another size, is refused before anything is sent', async () => {
    const seen = submitFlow();
    const missing = await caught(
      enhancecraft.submit(
        { operation: op('remove-object'), media: media(png()), jobId: 'no-such-job' },
        ctx(),
      ),
    );
    expect([missing.kind, missing.retryable]).toEqual(['invalid_input', false]);
    expect(missing.message).toMatch(/mask drawn for this image is no longer kept/);

    const small = await drawMask([{ radius: 2, points: [{ x: 5, y: 5 }] }], 100, 75);
    await putBlob(
      'job-mask-2',
      'drawn-mask',
      new Blob([small.png as Uint8Array<ArrayBuffer>], { type: 'image/png' }),
    );
    const wrong = await caught(
      enhancecraft.submit(
        { operation: op('remove-object'), media: media(png()), jobId: 'job-mask-2' },
        ctx(),
      ),
    );
    expect(wrong.message).toBe(
      'The drawn mask is 100×75 but the image is 200×150; draw it again on this image.',
    );
    expect(seen).toHaveLength(0);
  });

  it('stops after a refused upload: no job is created', async () => {
    const seen = stubFetch(() => fixture('enhancecraft/error-413.json'));
    const error = await caught(
      enhancecraft.submit({ operation: op('enhance-2x'), media: media(png()) }, ctx()),
    );
    expect(error.kind).toBe('invalid_input');
    expect(error.message).toMatch(/too large/);
    expect(seen).toHaveLength(1);
  });

  it('turns a network failure into a network error', async () => {
    stubFetch(() => new TypeError('Failed to fetch'));
    const error = await caught(
      enhancecraft.submit({ operation: op('enhance-2x'), media: media(png()) }, ctx()),
    );
    expect(error.kind).toBe('network');
  });
});

describe('EnhanceCraft job status', () => {
  const poll = async (name: string) => {
    const seen = stubFetch(() => fixture(name));
    const status = await enhancecraft.status(JOB, ctx());
    return { status, seen };
  };

  it('GETs the job with the Bearer key', async () => {
    const { seen } = await poll('enhancecraft/status-queued.json');
    expect(seen[0]!.url).toBe(`${API}/api/v1/jobs/api/${JOB}`);
    expect(seen[0]!.method).toBe('GET');
    expect(seen[0]!.headers.get('authorization')).toBe(`Bearer ${KEY}`);
  });

  it.each([
    ['status-queued', 'queued'],
    ['status-processing', 'processing'],
  ])('%s → %s', async (name, state) => {
    const { status } = await poll(`enhancecraft/${name}.json`);
    expect(status).toMatchObject({ state, rawStatus: state, progress: null, etaSeconds: null });
  });

  it('completed with a storage key → the key resolved against the API base', async () => {
    const { status } = await poll('enhancecraft/status-completed.json');
    expect(status).toMatchObject({
      state: 'completed',
      progress: 1,
      resultUrl: `${API}/outputs/user-id/${JOB}.png`,
    });
  });

  it('completed with an absolute URL → that URL', async () => {
    const { status } = await poll('enhancecraft/status-completed-absolute.json');
    expect(status.resultUrl).toBe(
      'https://cdn.example.net/enhancecraft/outputs/user-id/7c9e6679.png?sig=abc',
    );
  });

  it('completed without output_url is still working, flagged incomplete', async () => {
    const { status } = await poll('enhancecraft/status-completed-no-output.json');
    expect(status).toMatchObject({ state: 'processing', incomplete: true });
  });

  it('failed carries error_message, quoted inertly', async () => {
    const { status } = await poll('enhancecraft/status-failed.json');
    expect(status.state).toBe('failed');
    expect(status.error?.kind).toBe('provider_failure');
    expect(status.error?.message).toContain('“Image processing failed: <b>out of memory</b> at stage 2”');
    expect(status.error?.message).not.toMatch(/[\n\t]/);
  });

  it.each([
    ['uploading', 'processing'],
    ['COMPLETED', 'processing'], // upper case, but no output yet
    ['Queued', 'queued'],
    ['cancelled', 'canceled'],
  ])('"%s" → %s', async (raw, state) => {
    stubFetch(() => ({ status: 200, body: { id: JOB, status: raw, output_url: null } }));
    const status = await enhancecraft.status(JOB, ctx());
    expect(status.state).toBe(state);
  });

  it('an answer without a status is unreadable (a transient failure)', async () => {
    stubFetch(() => ({ status: 200, text: '<html>maintenance</html>' }));
    const error = await caught(enhancecraft.status(JOB, ctx()));
    expect(error.kind).toBe('provider_failure');
    expect(error.retryable).toBe(true);
  });

  it('encodes an odd job id into the path', async () => {
    const seen = stubFetch(() => fixture('enhancecraft/status-queued.json'));
    await enhancecraft.status('a/b?c', ctx());
    expect(seen[0]!.url).toBe(`${API}/api/v1/jobs/api/a%2Fb%3Fc`);
  });
});

describe('the output_url decision', () => {
  it.each([
    ['outputs/u/1.png', `${API}/outputs/u/1.png`],
    ['/outputs/u/1.png', `${API}/outputs/u/1.png`],
    ['  outputs/u/my file.png ', `${API}/outputs/u/my%20file.png`],
    ['https://cdn.example.net/x.png', 'https://cdn.example.net/x.png'],
    ['HTTP://cdn.example.net/x.png', 'http://cdn.example.net/x.png'],
  ])('%s → %s', (value, url) => {
    expect(resolveOutputUrl(value)).toBe(url);
  });

  it.each([
    '//evil.example/x.png',
    '/\\evil.example/x.png',
    'javascript:alert(1)',
    'data:image/png;base64,AA',
  ])('refuses %s, which would leave the API host', (value) => {
    expect(() => resolveOutputUrl(value)).toThrow(ProviderError);
  });
});

describe('EnhanceCraft download', () => {
  const answer = (type: string, text = 'GIF89a-image-bytes'): Recorded => ({
    status: 200,
    text,
    headers: { 'content-type': type },
  });

  it('sends the Bearer key to the API host and returns a Blob typed by its bytes, not its label', async () => {
    const seen = stubFetch(() => answer('image/png'));
    const blob = await enhancecraft.download(`${API}/outputs/user-id/${JOB}.png`, ctx());
    expect(seen[0]!.headers.get('authorization')).toBe(`Bearer ${KEY}`);
    expect(blob.type).toBe('image/gif');
    expect(await blob.text()).toBe('GIF89a-image-bytes');
  });

  it.each([
    'https://cdn.example.net/enhancecraft/x.png',
    'http://api.enhancecraft.com/outputs/x.png',
    'https://api.enhancecraft.com.evil.example/outputs/x.png',
    'https://api.enhancecraft.com:8443/outputs/x.png',
    'https://evil.example/outputs/x.png?api.enhancecraft.com',
  ])('never hands the key to %s', async (url) => {
    const seen = stubFetch(() => answer('image/png'));
    await enhancecraft.download(url, ctx()).catch(() => undefined); // http: is refused before sending
    for (const request of seen) {
      expect(request.headers.get('authorization')).toBeNull();
      expect(JSON.stringify([...request.headers])).not.toContain(KEY);
    }
  });

  it('types an untyped result from its bytes', async () => {
    stubFetch(() => answer('application/octet-stream', 'GIF89a-bytes'));
    const blob = await enhancecraft.download('https://cdn.example.net/x', ctx());
    expect(blob.type).toBe('image/gif');
  });

  it('a JSON or HTML answer is not an image', async () => {
    stubFetch(() => ({ status: 200, body: { url: 'https://elsewhere.example/x.png' } }));
    expect((await caught(enhancecraft.download(`${API}/outputs/x.png`, ctx()))).kind).toBe(
      'provider_failure',
    );
  });

  it('a missing result is not_found, on the API host and on a CDN', async () => {
    stubFetch(() => fixture('enhancecraft/error-404.json'));
    const api = await caught(enhancecraft.download(`${API}/outputs/x.png`, ctx()));
    expect(api.kind).toBe('not_found');
    expect(api.message).toMatch(/result is no longer available/);
    stubFetch(() => ({ status: 403, text: '<Error>AccessDenied</Error>' }));
    expect((await caught(enhancecraft.download('https://cdn.example.net/x.png', ctx()))).kind).toBe(
      'not_found',
    );
    stubFetch(() => ({ status: 503, text: '' }));
    expect((await caught(enhancecraft.download('https://cdn.example.net/x.png', ctx()))).retryable).toBe(
      true,
    );
  });

  it('refuses an address that is not http(s) without fetching', async () => {
    const seen = stubFetch(() => answer('image/png'));
    await caught(enhancecraft.download('file:///etc/passwd', ctx()));
    await caught(enhancecraft.download('not a url', ctx()));
    expect(seen).toHaveLength(0);
  });
});

describe('EnhanceCraft key test and catalogue', () => {
  it('asks for a job that cannot exist: 404 means the key works, 401 that it does not', async () => {
    const seen = stubFetch(() => fixture('enhancecraft/error-404.json'));
    await expect(enhancecraft.testKey(ctx())).resolves.toBeUndefined();
    expect(seen[0]!.url).toBe(`${API}/api/v1/jobs/api/${PROBE_JOB_ID}`);
    expect(seen[0]!.method).toBe('GET');
    stubFetch(() => fixture('enhancecraft/error-401.json'));
    const error = await caught(enhancecraft.testKey(ctx()));
    expect(error.kind).toBe('auth');
    expect(error.message).toContain('Check your EnhanceCraft API key in Options.');
  });

  it('declares the contract the engine relies on', () => {
    expect(enhancecraft).toMatchObject({
      id: 'enhancecraft',
      name: 'EnhanceCraft',
      credential: 'enhancecraft',
      input: 'bytes',
      resultAccess: 'bearer',
      pollSchedule: { firstMs: 2_000, factor: 1.5, maxMs: 10_000, maxPolls: 120, maxAgeMs: 900_000 },
    });
    expect(enhancecraft.precheck({ operation: op('enhance-8x'), media: media(png()) })).toBeNull();
  });

  it('every catalogue entry is a valid, unique image operation with its steps as payload', () => {
    const ids = enhancecraft.operations.map((o) => o.id);
    expect(new Set(ids).size).toBe(ids.length);
    const aMask = 'data:image/png;base64,iVBORw0KGgo=';
    for (const operation of enhancecraft.operations) {
      expect(operation.media).toBe('image');
      // A mask operation's steps are complete once the drawn mask is filled in, and not before.
      const payload = operation.drawnMask ? withDrawnMask(operation.payload, aMask) : operation.payload;
      expect(stepsSchema.safeParse(payload).success).toBe(true);
      if (operation.drawnMask) expect(stepsSchema.safeParse(operation.payload).success).toBe(false);
      expect(operation.id).not.toContain(':');
    }
    expect(ids).toEqual(
      expect.arrayContaining(['enhance-2x', 'enhance-4x', 'enhance-8x', 'enhance-anime', 'smart-crop-16x9']),
    );
    const masked = enhancecraft.operations.filter((o) => o.drawnMask).map((o) => [o.id, o.label]);
    expect(masked).toEqual([
      ['remove-text-masked', 'Remove text…'],
      ['remove-object', 'Remove object…'],
    ]);
  });

  it('labels show the scale, and only the documented free operations say "free"', () => {
    expect(['enhance-2x', 'enhance-4x', 'enhance-8x', 'enhance-anime'].map((id) => op(id).label)).toEqual([
      'Upscale 2×',
      'Upscale 4×',
      'Upscale 8×',
      'Anime 4×',
    ]);
    expect(op('enhance-anime').scale).toBe(4);
    expect(op('smart-crop-9x16').label).toBe('Smart crop 9:16');
    const free = enhancecraft.operations.filter((o) => o.costHint === 'free').map((o) => o.id);
    expect(free.sort()).toEqual(['compress-optimize', 'convert-jpg', 'convert-png', 'convert-webp']);
    expect(op('remove-text').payload).toEqual([{ type: 'remove-text', params: { auto_detect: true } }]);
    expect(op('remove-background').payload).toEqual([
      { type: 'remove-background', params: { output_format: 'png' } },
    ]);
  });
});
