import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OSS_HOST } from './hitpaw/oss';
import { startEmulator, type Emulator } from './index';
import { call, fetchImage, hitpaw, pollToEnd, SITE, submitPhoto } from './test-client';

/**
 * HitPaw's OSS pre-sign upload as its docs page states it
 * (https://developer.hitpaw.com/common/oss-presign-put-api): presign → PUT the raw bytes with exactly the
 * answered Content-Type → 200 empty, 403 on a signature mismatch or expiry → the access_url works as an
 * input URL. Error statuses are "400/401/500".
 */
let emu: Emulator;
beforeEach(async () => {
  emu = await startEmulator();
  emu.hitpaw.addKey('k');
  emu.hitpaw.configure({ rateLimit: null });
});
afterEach(() => emu.close());

const presign = (body: unknown, key: string | null = 'k') => hitpaw(emu, '/api/oss/presign-put', body, key);
const png = { filename: 'photo.png', content_type: 'image/png' };

async function presigned(body: Record<string, unknown> = png) {
  const answer = await presign(body);
  expect(answer.status).toBe(200);
  return answer.json().data as {
    upload_url: string;
    access_url: string;
    object_key: string;
    content_type: string;
    expire_at: number;
  };
}

const put = (url: string, bytes: Buffer, type?: string, headers: Record<string, string> = {}) =>
  call(emu, url, {
    method: 'PUT',
    headers: type === undefined ? headers : { 'content-type': type, ...headers },
    body: bytes,
  });

const logoBytes = async () => (await call(emu, `${SITE}/images/logo.png`)).body;

describe('HitPaw OSS: POST /api/oss/presign-put', () => {
  it('answers code 0 with a signed PUT URL on the bucket, a public access URL and the expiry', async () => {
    const before = Math.floor(emu.clock.now() / 1000);
    const answer = await presign({ ...png, expire_seconds: 600 });
    expect(answer.status).toBe(200);
    const { code, data } = answer.json();
    expect(code).toBe(0);
    expect(data.content_type).toBe('image/png');
    expect(data.object_key).toMatch(/\.png$/);
    const upload = new URL(data.upload_url);
    expect([upload.protocol, upload.host, upload.pathname]).toEqual([
      'https:',
      OSS_HOST,
      `/${data.object_key}`,
    ]);
    expect([...upload.searchParams.keys()].sort()).toEqual(['Expires', 'OSSAccessKeyId', 'Signature']);
    expect(new URL(data.access_url).pathname).toBe(`/${data.object_key}`);
    expect(data.expire_at).toBeGreaterThanOrEqual(before + 600);
    expect(data.expire_at).toBeLessThanOrEqual(before + 601);
    expect(Number(upload.searchParams.get('Expires'))).toBe(data.expire_at);
  });

  it('expire_seconds defaults to 3600 and must be an integer in 60–7200', async () => {
    const before = Math.floor(emu.clock.now() / 1000);
    expect((await presigned()).expire_at - before).toBeGreaterThanOrEqual(3600);
    for (const ok of [60, 7200]) expect((await presign({ ...png, expire_seconds: ok })).status).toBe(200);
    for (const bad of [59, 7201, 90.5, '600', -1])
      expect((await presign({ ...png, expire_seconds: bad })).status).toBe(400);
  });

  it('400 for a missing filename, one without an extension, or a type outside the whitelist', async () => {
    const cases = [
      { content_type: 'image/png' },
      { filename: 'photo', content_type: 'image/png' },
      { filename: '.png', content_type: 'image/png' },
      { filename: 'photo.tiff', content_type: 'image/png' },
      { filename: 'photo.svg', content_type: 'image/svg+xml' },
      { filename: 'photo.png' },
      { filename: 'photo.png', content_type: 'image/tiff' },
      { filename: 'photo.png', content_type: 'image/avif' },
    ];
    for (const body of cases)
      expect({ body, status: (await presign(body)).status }).toEqual({ body, status: 400 });
    expect((await presign('{"filename":')).status).toBe(400);
    for (const [filename, content_type] of [
      ['a.jpg', 'image/jpeg'],
      ['a.JPEG', 'image/jpeg'],
      ['a.webp', 'image/webp'],
      ['a.gif', 'image/gif'],
      ['a.bmp', 'image/bmp'],
      ['clip.mp4', 'video/mp4'],
    ])
      expect((await presign({ filename, content_type })).status).toBe(200);
  });

  it('401 without a key, with an unknown key or an expired one', async () => {
    emu.hitpaw.addKey('old', { kind: 'expired' });
    for (const key of [null, 'nope', 'old']) expect((await presign(png, key)).status).toBe(401);
  });

  it('can answer the content type the filename implies, which is then the one the PUT must carry', async () => {
    emu.hitpaw.configure({ ossContentTypeFrom: 'filename' });
    const data = await presigned({ filename: 'photo.jpg', content_type: 'image/png' });
    expect(data.content_type).toBe('image/jpeg');
    expect((await put(data.upload_url, Buffer.from('x'), 'image/png')).status).toBe(403);
    expect((await put(data.upload_url, Buffer.from('x'), 'image/jpeg')).status).toBe(200);
  });

  it('batch: 1–20 files, one expiry for all, items in request order', async () => {
    const files = [png, { filename: 'clip.mp4', content_type: 'video/mp4' }];
    const answer = await hitpaw(emu, '/api/oss/presign-put/batch', { files, expire_seconds: 1800 }, 'k');
    expect(answer.status).toBe(200);
    const { data } = answer.json();
    expect([data.total, data.success, data.failed]).toEqual([2, 2, 0]);
    expect(data.items.map((i: { content_type: string }) => i.content_type)).toEqual([
      'image/png',
      'video/mp4',
    ]);
    const many = Array.from({ length: 21 }, () => png);
    for (const bad of [[], many, [{ filename: 'x.exe', content_type: 'image/png' }]])
      expect((await hitpaw(emu, '/api/oss/presign-put/batch', { files: bad }, 'k')).status).toBe(400);
  });
});

describe('HitPaw OSS: PUT to the presigned URL', () => {
  it('200 with an empty body; the bytes are then public at access_url and usable as img_url', async () => {
    const bytes = await logoBytes();
    const data = await presigned();
    const answer = await put(data.upload_url, bytes, data.content_type);
    expect([answer.status, answer.body.length]).toEqual([200, 0]);
    const read = await call(emu, data.access_url);
    expect([read.status, read.headers['content-type']]).toEqual([200, 'image/png']);
    expect(read.body.equals(bytes)).toBe(true);
    expect(emu.hitpaw.uploads()).toMatchObject([
      { key: data.object_key, type: 'image/png', size: bytes.length },
    ]);

    const id = await submitPhoto(emu, 'k', { img_url: data.access_url });
    const { data: done } = await pollToEnd(emu, 'k', id);
    expect(done.status).toBe('COMPLETED');
    const { meta } = await fetchImage(emu, done.res_url);
    const source = await sharp(bytes).metadata();
    expect([meta.width, meta.height]).toEqual([source.width! * 2, source.height! * 2]);
  });

  it('403 SignatureDoesNotMatch for another Content-Type, none, or a tampered URL; nothing is stored', async () => {
    const data = await presigned();
    const url = new URL(data.upload_url);
    const tampered = (edit: (u: URL) => void) => {
      const copy = new URL(url);
      edit(copy);
      return copy.href;
    };
    const attempts = [
      put(data.upload_url, Buffer.from('x'), 'image/jpeg'),
      put(data.upload_url, Buffer.from('x'), 'image/png; charset=binary'),
      put(data.upload_url, Buffer.from('x')),
      put(data.upload_url, Buffer.from('x'), 'image/png', { 'content-md5': 'AAAAAAAAAAAAAAAAAAAAAA==' }),
      put(
        tampered((u) => u.searchParams.set('Expires', String(data.expire_at + 3600))),
        Buffer.from('x'),
        'image/png',
      ),
      put(
        tampered((u) => (u.pathname = u.pathname.replace(/\.png$/, '-2.png'))),
        Buffer.from('x'),
        'image/png',
      ),
      put(
        tampered((u) =>
          u.searchParams.set('Signature', 'AAAA' + url.searchParams.get('Signature')!.slice(4)),
        ),
        Buffer.from('x'),
        'image/png',
      ),
    ];
    for (const answer of await Promise.all(attempts)) {
      expect(answer.status).toBe(403);
      expect(answer.body.toString()).toMatch(/<Code>SignatureDoesNotMatch<\/Code>/);
    }
    const unsigned = await put(
      tampered((u) => u.searchParams.delete('Signature')),
      Buffer.from('x'),
      'image/png',
    );
    expect(unsigned.status).toBe(403);
    expect((await call(emu, data.access_url)).status).toBe(404);
    expect(emu.hitpaw.uploads()).toEqual([]);
  });

  it('403 AccessDenied "Request has expired" once the emulator clock passes expire_at', async () => {
    const data = await presigned({ ...png, expire_seconds: 60 });
    emu.clock.advance(61_000);
    const answer = await put(data.upload_url, Buffer.from('x'), data.content_type);
    expect(answer.status).toBe(403);
    expect(answer.body.toString()).toMatch(/<Code>AccessDenied<\/Code>[\s\S]*Request has expired/);
    expect((await call(emu, data.access_url)).status).toBe(404);
  });

  it('lets a browser PUT cross-origin (CORS), keeps the bucket private to GETs, and drops uploads after 7 days', async () => {
    const data = await presigned();
    const preflight = await call(emu, data.upload_url, {
      method: 'OPTIONS',
      headers: {
        origin: 'chrome-extension://abcdefghijklmnop',
        'access-control-request-method': 'PUT',
        'access-control-request-headers': 'content-type',
      },
    });
    expect(preflight.status).toBe(200);
    expect(preflight.headers['access-control-allow-origin']).toBe('*');
    expect(preflight.headers['access-control-allow-methods']).toMatch(/PUT/);
    expect(preflight.headers['access-control-allow-headers']).toMatch(/content-type/i);
    const answer = await put(data.upload_url, await logoBytes(), data.content_type);
    expect(answer.headers['access-control-allow-origin']).toBe('*');
    expect((await call(emu, data.upload_url)).status).toBe(403);
    emu.clock.advance(7 * 24 * 3600_000);
    expect((await call(emu, data.access_url)).status).toBe(404);
  });
});
