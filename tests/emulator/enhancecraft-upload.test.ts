import sharp from 'sharp';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from './index';
import { ec, EC_API, siteImage, upload, warmUp } from './enhancecraft-client';
import { call } from './test-client';

let emu: Emulator;
beforeAll(warmUp);
beforeEach(async () => {
  emu = await startEmulator();
  emu.enhancecraft.addKey('sk_live_k', { user: 'user-1' });
});
afterEach(() => emu.close());

describe('EnhanceCraft upload (POST /api/v1/upload/api, multipart field `file`)', () => {
  it('stores the image and answers the documented shape; the key downloads with Bearer only', async () => {
    const bytes = await siteImage(emu, 'photo.jpg');
    const answer = await upload(emu, 'sk_live_k', bytes, 'holiday photo.jpg', 'image/jpeg');
    expect(answer.status).toBe(200);
    const body = answer.json();
    expect(body).toEqual({
      storage_key: expect.stringMatching(/^uploads\/user-1\/[0-9a-f-]{36}\.jpg$/),
      filename: 'holiday photo.jpg',
      size: bytes.length,
      content_type: 'image/jpeg',
    });
    const url = new URL(body.storage_key, EC_API).href; // the extension's storage-key decision
    const file = await call(emu, url, { headers: { Authorization: 'Bearer sk_live_k' } });
    expect([file.status, file.headers['content-type'], file.headers['access-control-allow-origin']]).toEqual([
      200,
      'image/jpeg',
      '*',
    ]);
    expect(file.body.equals(bytes)).toBe(true);
    expect((await call(emu, url)).status).toBe(401);
  });

  it('the storage key extension and content_type follow the bytes, not the part header or name', async () => {
    const png = await siteImage(emu, 'logo.png');
    const answer = await upload(emu, 'sk_live_k', png, 'logo.jpg', 'application/octet-stream');
    expect(answer.json()).toMatchObject({
      storage_key: expect.stringMatching(/\.png$/),
      content_type: 'image/png',
    });
    const webp = await upload(
      emu,
      'sk_live_k',
      await siteImage(emu, 'pictured.webp'),
      'p.webp',
      'image/webp',
    );
    expect(webp.json()).toMatchObject({
      storage_key: expect.stringMatching(/\.webp$/),
      content_type: 'image/webp',
    });
  });

  it('non-image bytes, a truncated image and an SVG are 400 {"detail":…}', async () => {
    const text = await upload(emu, 'sk_live_k', 'hello', 'notes.txt', 'text/plain');
    expect([text.status, text.json()]).toEqual([400, { detail: 'Invalid image file' }]);
    const jpeg = await siteImage(emu, 'photo.jpg');
    const truncated = await upload(emu, 'sk_live_k', jpeg.subarray(0, 200), 'cut.jpg', 'image/jpeg');
    expect(truncated.status).toBe(400);
    const svg =
      '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>';
    const vector = await upload(emu, 'sk_live_k', svg, 'v.svg', 'image/svg+xml');
    expect([vector.status, vector.json()]).toEqual([400, { detail: 'Unsupported image format: svg' }]);
    expect(emu.enhancecraft.objects()).toEqual([]);
  });

  it('oversize is 413: 20 MB by default, configurable', async () => {
    expect(emu.enhancecraft.config().maxUploadBytes).toBe(20 * 1024 * 1024);
    const big = await sharp({ create: { width: 64, height: 64, channels: 3, background: '#808080' } })
      .png()
      .toBuffer();
    emu.enhancecraft.configure({ maxUploadBytes: big.length - 1 });
    const answer = await upload(emu, 'sk_live_k', big, 'big.png');
    expect(answer.status).toBe(413);
    expect(answer.json().detail).toMatch(/^File too large/);
    emu.enhancecraft.configure({ maxUploadBytes: big.length });
    expect((await upload(emu, 'sk_live_k', big, 'big.png')).status).toBe(200);
  });

  it('a missing `file` field, a text field or a JSON body are 422; a broken multipart body is 400', async () => {
    const png = await siteImage(emu, 'logo.png');
    const wrongField = await upload(emu, 'sk_live_k', png, 'logo.png', 'image/png', 'image');
    expect([wrongField.status, wrongField.json()]).toEqual([
      422,
      { detail: [{ type: 'missing', loc: ['body', 'file'], msg: 'Field required', input: null }] },
    ]);
    const asText = await ec(emu, 'POST', '/api/v1/upload/api', 'sk_live_k', {
      body: '--b\r\nContent-Disposition: form-data; name="file"\r\n\r\nhello\r\n--b--\r\n',
      headers: { 'content-type': 'multipart/form-data; boundary=b' },
    });
    expect([asText.status, asText.json().detail[0].loc]).toEqual([422, ['body', 'file']]);
    const json = await ec(emu, 'POST', '/api/v1/upload/api', 'sk_live_k', { json: { file: 'x' } });
    expect(json.status).toBe(422);
    const broken = await ec(emu, 'POST', '/api/v1/upload/api', 'sk_live_k', {
      body: '--b\r\nContent-Disposition: form-data; name="file"; filename="a.png"\r\n\r\nno end',
      headers: { 'content-type': 'multipart/form-data; boundary=b' },
    });
    expect([broken.status, broken.json()]).toEqual([400, { detail: 'There was an error parsing the body' }]);
  });
});
