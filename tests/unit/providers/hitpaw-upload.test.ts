import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { ProviderError } from '@/utils/errors';
import { hitpawPhoto } from '@/utils/providers/hitpaw-photo';
import { hitpawSegmentation } from '@/utils/providers/hitpaw-segmentation';
import { uploadToHitPaw } from '@/utils/providers/hitpaw-upload';
import { BYTES_WANTED, type ProviderContext } from '@/utils/providers/types';
import { fixture, stubFetch, type Recorded, type SeenRequest } from '../helpers/fetch-stub';

const KEY = 'hp-key-upload-0001';
const ctx = (extra: Partial<ProviderContext> = {}): ProviderContext => ({
  key: KEY,
  settings: { tensorpixPreview: false },
  memory: { get: async () => undefined, set: async () => undefined },
  ...extra,
});

// Leading bytes are all the sniffer reads; the rest is payload.
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4, 5, 6, 7, 8]);
const JPEG = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0, 1, 2, 3, 4, 5]);
const GIF = new Uint8Array(new TextEncoder().encode('GIF89a\x01\x00\x01\x00\x00\x00\x00\x00\x00\x00'));
const TIFF = new Uint8Array(
  new TextEncoder().encode('II*\x00\x08\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00'),
);
const blob = (bytes: Uint8Array<ArrayBuffer>, type = '') => new Blob([bytes], { type });

const PRESIGN = 'https://api-base.hitpaw.com/api/oss/presign-put';
const presignOk = fixture('hitpaw/oss-presign-ok.json');
const presignData = (presignOk.body as { data: Record<string, unknown> }).data;
const withData = (data: Record<string, unknown>): Recorded => ({
  status: 200,
  body: { code: 0, data: { ...presignData, ...data } },
});
const pngPresign = withData({ content_type: 'image/png' });

/** HitPaw as documented: presign, then the storage PUT, then the job endpoint. */
function hitpawWorld(overrides: { presign?: Recorded; put?: Recorded | Error; submit?: Recorded } = {}) {
  // A case's own vi.unstubAllGlobals() takes the fake browser too; the errors read their messages from it.
  if ((globalThis as { chrome?: unknown }).chrome === undefined) vi.stubGlobal('chrome', fakeBrowser);
  return stubFetch((request: SeenRequest) => {
    if (request.url === PRESIGN) return overrides.presign ?? pngPresign;
    if (request.method === 'PUT') return overrides.put ?? fixture('hitpaw/oss-put-ok.json');
    return overrides.submit ?? fixture('hitpaw/submit-ok.json');
  });
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

describe('uploadToHitPaw: presign, then PUT the bytes', () => {
  it('presigns with the key, a named file and the sniffed type, then PUTs the raw bytes with no key', async () => {
    const seen = hitpawWorld();
    const uploaded = await uploadToHitPaw(blob(PNG, 'application/octet-stream'), ctx());
    expect(uploaded).toEqual({ accessUrl: presignData.access_url, type: 'image/png' });
    expect(seen.map((r) => `${r.method} ${r.url}`)).toEqual([
      `POST ${PRESIGN}`,
      `PUT ${presignData.upload_url as string}`,
    ]);
    const [presign, put] = seen as [SeenRequest, SeenRequest];
    expect(presign.headers.get('apikey')).toBe(KEY);
    expect(presign.body).toEqual({ filename: 'image.png', content_type: 'image/png', expire_seconds: 600 });
    expect(put.headers.get('apikey')).toBeNull();
    expect(put.headers.get('authorization')).toBeNull();
    const init = vi.mocked(fetch).mock.calls[1]![1]!;
    expect(new Uint8Array(await (init.body as Blob).arrayBuffer())).toEqual(PNG); // the raw bytes, as they are
    expect([init.credentials, init.redirect]).toEqual(['omit', 'manual']);
  });

  it('PUTs with exactly the Content-Type the presign answered, even where it differs from ours', async () => {
    const seen = hitpawWorld({ presign: presignOk }); // the docs' example answers image/jpeg
    await uploadToHitPaw(blob(PNG, 'image/png'), ctx());
    expect(seen[1]!.headers.get('content-type')).toBe('image/jpeg');
  });

  it('refuses a type outside the whitelist (or the endpoint’s narrower list) before any request', async () => {
    const seen = hitpawWorld();
    expect((await caught(uploadToHitPaw(blob(TIFF, 'image/tiff'), ctx()))).message).toBe(
      'HitPaw accepts JPEG, PNG, GIF, WebP and BMP images; this one is TIFF.',
    );
    const narrow = await caught(uploadToHitPaw(blob(GIF), ctx(), ['image/jpeg', 'image/png'], 'It'));
    expect([narrow.kind, narrow.retryable, narrow.message]).toEqual([
      'invalid_input',
      false,
      'It accepts JPEG and PNG images; this one is GIF.',
    ]);
    const text = await caught(uploadToHitPaw(new Blob(['<svg/>'], { type: 'image/png' }), ctx()));
    expect(text.message).toMatch(/not an image type the extension recognises/);
    expect(seen).toHaveLength(0);
  });

  it('a presign refused with 400 is final; 401 is the key; nothing is PUT', async () => {
    const seen = hitpawWorld({ presign: fixture('hitpaw/oss-presign-bad-type.json') });
    const bad = await caught(uploadToHitPaw(blob(PNG), ctx()));
    expect([bad.kind, bad.retryable]).toEqual(['invalid_input', false]);
    expect(bad.message).toMatch(/content_type image\/tiff is not allowed/);
    vi.unstubAllGlobals();
    hitpawWorld({ presign: { status: 401, body: { code: 401, message: 'Authentication failed' } } });
    expect((await caught(uploadToHitPaw(blob(PNG), ctx()))).kind).toBe('auth');
    expect(seen.filter((r) => r.method === 'PUT')).toHaveLength(0);
  });

  it('a 403 from the storage (signature or expiry) is worth one more try, never a "maybe received"', async () => {
    hitpawWorld({ put: fixture('hitpaw/oss-put-signature-mismatch.json') });
    const refused = await caught(uploadToHitPaw(blob(PNG), ctx()));
    expect([refused.kind, refused.retryable]).toEqual(['provider_failure', true]);
    expect(refused.message).toMatch(/expired or not matching\). Nothing was submitted/);
    vi.unstubAllGlobals();
    hitpawWorld({ put: new TypeError('Failed to fetch') });
    const cut = await caught(uploadToHitPaw(blob(PNG), ctx()));
    expect([cut.kind, cut.retryable]).toEqual(['provider_failure', true]);
  });

  it('sends the bytes nowhere but a public https address, and hands HitPaw only such an access URL', async () => {
    for (const data of [
      { upload_url: 'http://bucket.oss-us-west-1.aliyuncs.com/x.png?Signature=y' },
      { upload_url: 'https://192.168.0.10/x.png' },
      { access_url: 'https://localhost/x.png' },
    ]) {
      const seen = hitpawWorld({ presign: withData({ ...data, content_type: 'image/png' }) });
      const error = await caught(uploadToHitPaw(blob(PNG), ctx()));
      expect(error.message).toMatch(/could not read \(its upload addresses are not public https links\)/);
      expect(seen.filter((r) => r.method === 'PUT')).toHaveLength(0);
      vi.unstubAllGlobals();
    }
  });

  it('a redirect from the storage is not followed with the bytes', async () => {
    hitpawWorld({ put: { status: 307, headers: { location: 'https://elsewhere.example/' }, text: '' } });
    const error = await caught(uploadToHitPaw(blob(PNG), ctx()));
    expect(error.message).toMatch(/redirect; nothing was sent there/);
    expect(vi.mocked(fetch).mock.calls).toHaveLength(2);
  });

  it('a PUT that never answers ends at the request deadline as a transient failure', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
        if (String(input instanceof Request ? input.url : input) === PRESIGN)
          return new Response(JSON.stringify(pngPresign.body), { status: 200 });
        return new Promise<Response>((_, reject) =>
          init?.signal?.addEventListener('abort', () => reject(init.signal!.reason)),
        );
      }),
    );
    const error = await caught(uploadToHitPaw(blob(PNG), ctx({ timeoutMs: 50 })));
    expect([error.kind, error.retryable]).toEqual(['provider_failure', true]);
  });
});

describe('HitPaw photo and segmentation with the job’s bytes', () => {
  const general2x = hitpawPhoto.operations.find((o) => o.id === 'general_2x')!;
  const matting = hitpawSegmentation.operations[0]!;
  const dataUrl = 'data:image/png;base64,iVBORw0KGgo=';
  const media = (bytes?: Blob) => ({ url: dataUrl, width: 200, height: 150, hasAlpha: null, bytes });

  it('photo: uploads, then submits the access URL with the extension its type calls for', async () => {
    const seen = hitpawWorld();
    const submitted = await hitpawPhoto.submit({ operation: general2x, media: media(blob(PNG)) }, ctx());
    expect(submitted.providerJobId).toBe('f5007c0b-e902-4070-8c75-f337d896168f');
    expect(seen.map((r) => r.method)).toEqual(['POST', 'PUT', 'POST']);
    expect(seen[2]!.body).toEqual({
      model_name: 'general_2x',
      img_url: presignData.access_url,
      extension: '.png',
    });
    vi.unstubAllGlobals();
    const jpeg = hitpawWorld({ presign: presignOk });
    await hitpawPhoto.submit({ operation: general2x, media: media(blob(JPEG)) }, ctx());
    expect((jpeg[2]!.body as { extension: string }).extension).toBe('.jpg');
  });

  it('segmentation: JPEG, PNG and WebP only, refused before any request otherwise', async () => {
    const seen = hitpawWorld();
    await hitpawSegmentation.submit({ operation: matting, media: media(blob(PNG)) }, ctx());
    expect(seen[2]!.url).toBe('https://api-base.hitpaw.com/api/image-segmentation');
    expect(seen[2]!.body).toEqual({ file_url: presignData.access_url });
    vi.unstubAllGlobals();
    const none = hitpawWorld();
    const error = await caught(
      hitpawSegmentation.submit({ operation: matting, media: media(blob(GIF)) }, ctx()),
    );
    expect(error.message).toBe(
      "HitPaw's background removal accepts JPEG, PNG and WebP images; this one is GIF.",
    );
    expect(none).toHaveLength(0);
  });

  it('"Invalid URL" to a URL submit asks for the bytes; to an uploaded one it stays HitPaw’s answer', async () => {
    const invalid = (
      fixture('hitpaw/errors.json') as unknown as { errors: (Recorded & { code: number })[] }
    ).errors.find((e) => e.code === 100400001)!;
    const byUrl = {
      url: 'https://gallery.example.org/images/photo.jpg',
      width: 200,
      height: 150,
      hasAlpha: false,
    };
    hitpawWorld({ submit: invalid });
    for (const submit of [
      () => hitpawPhoto.submit({ operation: general2x, media: byUrl }, ctx()),
      () => hitpawSegmentation.submit({ operation: matting, media: byUrl }, ctx()),
    ]) {
      const error = await caught(submit());
      expect([error.code, error.kind, error.retryable]).toEqual([BYTES_WANTED, 'invalid_input', false]);
      expect(error.message).toMatch(/public link HitPaw's servers can download\. \(code 100400001\)/);
    }
    const uploaded = await caught(
      hitpawPhoto.submit({ operation: general2x, media: media(blob(PNG)) }, ctx()),
    );
    expect(uploaded.code).toBe(100400001);
  });
});
