import sharp from 'sharp';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from './index';
import { ec, pollJob, runJob, siteImage, submit, uploadSite, warmUp } from './enhancecraft-client';
import { call } from './test-client';

let emu: Emulator;
beforeAll(warmUp);
beforeEach(async () => {
  emu = await startEmulator();
  emu.enhancecraft.addKey('sk_live_k', { user: 'user-1', perMinute: 1000, credits: 1000 });
});
afterEach(() => emu.close());

const meta = (bytes: Buffer) => sharp(bytes).metadata();
const pixel = async (bytes: Buffer, x: number, y: number) => {
  const { data, info } = await sharp(bytes).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  const i = (y * info.width + x) * 4;
  return [...data.subarray(i, i + 4)];
};

describe('EnhanceCraft processing: real pixels, operations in order', () => {
  it('enhance scale 2 of the 160x100 PNG: a 320x200 PNG under outputs/<user>/<id>.png, downloaded with Bearer', async () => {
    const { job, file } = await runJob(emu, 'sk_live_k', [{ type: 'enhance', params: { scale: 2 } }]);
    expect(job.output_url).toBe(`outputs/user-1/${job.id}.png`);
    expect(file.headers['content-type']).toBe('image/png');
    expect(file.headers['content-length']).toBe(String(file.body.length));
    expect(file.headers['access-control-allow-origin']).toBe('*');
    expect(file.headers['x-ratelimit-remaining']).toMatch(/^\d+$/);
    expect(await meta(file.body)).toMatchObject({ format: 'png', width: 320, height: 200 });
    const noAuth = await ec(emu, 'GET', `/${job.output_url!}`, null);
    expect([noAuth.status, noAuth.json()]).toEqual([401, { detail: 'Invalid API key' }]);
  });

  it('the download route answers a CORS preflight, HEAD and Range', async () => {
    const { job, file } = await runJob(emu, 'sk_live_k', [{ type: 'denoise' }]);
    const preflight = await ec(emu, 'OPTIONS', `/${job.output_url!}`, null, {
      headers: { Origin: 'chrome-extension://abc', 'Access-Control-Request-Method': 'GET' },
    });
    expect([preflight.status, preflight.headers['access-control-allow-headers']]).toEqual([
      204,
      'Authorization',
    ]);
    const head = await ec(emu, 'HEAD', `/${job.output_url!}`, 'sk_live_k');
    expect([head.status, head.headers['content-length'], head.body.length]).toEqual([
      200,
      String(file.body.length),
      0,
    ]);
    const range = await ec(emu, 'GET', `/${job.output_url!}`, 'sk_live_k', {
      headers: { Range: 'bytes=0-7' },
    });
    expect([range.status, range.body.equals(file.body.subarray(0, 8))]).toEqual([206, true]);
  });

  it('absolute form: output_url is a public https URL on cdn.example.net with the same bytes', async () => {
    const jpeg = await uploadSite(emu, 'sk_live_k', 'photo.jpg');
    const job = await submit(emu, 'sk_live_k', jpeg, [{ type: 'enhance', params: { scale: 4 } }]);
    emu.enhancecraft.configure({ outputUrlForm: 'absolute' });
    const { job: done } = await pollJob(emu, 'sk_live_k', job.id);
    expect(done.output_url).toBe(`https://cdn.example.net/enhancecraft/outputs/user-1/${job.id}.jpg`);
    expect(done.input_url).toBe(jpeg); // input stays a key
    const file = await call(emu, done.output_url!);
    expect([file.status, file.headers['content-type'], file.headers['access-control-allow-origin']]).toEqual([
      200,
      'image/jpeg',
      '*',
    ]);
    expect(await meta(file.body)).toMatchObject({ format: 'jpeg', width: 800, height: 600 });
    const keyed = await ec(emu, 'GET', `/outputs/user-1/${job.id}.jpg`, 'sk_live_k');
    expect(keyed.body.equals(file.body)).toBe(true);
  });

  it('remove-background: an RGBA PNG, transparent at the border and opaque in the middle; jpg flattens', async () => {
    const { job, file } = await runJob(emu, 'sk_live_k', [{ type: 'remove-background' }], 'photo.jpg');
    expect(job.output_url).toMatch(/\.png$/);
    expect(await meta(file.body)).toMatchObject({
      format: 'png',
      width: 200,
      height: 150,
      hasAlpha: true,
      channels: 4,
    });
    expect((await pixel(file.body, 0, 0))[3]).toBe(0);
    expect((await pixel(file.body, 100, 75))[3]).toBe(255);
    const jpg = await runJob(emu, 'sk_live_k', [
      { type: 'remove-background', params: { output_format: 'jpg' } },
    ]);
    expect(await meta(jpg.file.body)).toMatchObject({ format: 'jpeg', hasAlpha: false });
    expect((await pixel(jpg.file.body, 0, 0)).slice(0, 3).every((v) => v > 245)).toBe(true);
  });

  it('replace-background: a colour fills the border; transparent keeps alpha; a prompt paints a scene', async () => {
    const color = await runJob(emu, 'sk_live_k', [
      { type: 'replace-background', params: { background_type: 'color', background_color: '#00FF00' } },
    ]);
    const corner = await pixel(color.file.body, 0, 0);
    expect((await meta(color.file.body)).hasAlpha).toBe(false);
    expect([corner[0]! < 10, corner[1]! > 245, corner[2]! < 10, corner[3]]).toEqual([true, true, true, 255]);
    const clear = await runJob(
      emu,
      'sk_live_k',
      [{ type: 'replace-background', params: { background_type: 'transparent' } }],
      'photo.jpg',
    );
    expect(clear.job.output_url).toMatch(/\.png$/);
    expect((await pixel(clear.file.body, 0, 0))[3]).toBe(0);
    const scene = await runJob(
      emu,
      'sk_live_k',
      [
        {
          type: 'replace-background',
          params: { background_type: 'prompt', background_prompt: 'a beach at dusk' },
        },
      ],
      'photo.jpg',
    );
    expect(await meta(scene.file.body)).toMatchObject({ format: 'jpeg', width: 200, height: 150 });
  });

  it('replace-background with an image: another upload of the same user, scaled to cover', async () => {
    const bg = await uploadSite(emu, 'sk_live_k', 'photo.jpg');
    const { file } = await runJob(emu, 'sk_live_k', [
      { type: 'replace-background', params: { background_type: 'image', background_image_key: bg } },
    ]);
    expect(await meta(file.body)).toMatchObject({ width: 160, height: 100 });
    expect((await pixel(file.body, 0, 0))[3]).toBe(255);
  });

  it('smart-crop to 16:9 and 9:16 gives exactly that ratio, inside the image; padding is accepted', async () => {
    const wide = await runJob(
      emu,
      'sk_live_k',
      [{ type: 'smart-crop', params: { aspect_ratio: '16:9' } }],
      'photo.jpg',
    );
    const w = await meta(wide.file.body);
    expect(w.width! * 9).toBe(w.height! * 16);
    expect(w.width).toBeLessThanOrEqual(200);
    const tall = await runJob(emu, 'sk_live_k', [
      { type: 'smart-crop', params: { aspect_ratio: '9:16', padding_percent: 30 } },
    ]);
    const t = await meta(tall.file.body);
    expect([t.width! * 16 === t.height! * 9, t.height! <= 100]).toEqual([true, true]);
  });

  it('convert to webp: .webp key, image/webp bytes; compress-optimize is JPEG at its quality', async () => {
    const webp = await runJob(emu, 'sk_live_k', [
      { type: 'convert', params: { output_format: 'webp', quality: 50 } },
    ]);
    expect(webp.job.output_url).toMatch(/\.webp$/);
    expect(webp.file.headers['content-type']).toBe('image/webp');
    expect((await meta(webp.file.body)).format).toBe('webp');
    const low = await runJob(
      emu,
      'sk_live_k',
      [{ type: 'compress-optimize', params: { quality: 10 } }],
      'demo-1.jpg',
    );
    const high = await runJob(
      emu,
      'sk_live_k',
      [{ type: 'compress-optimize', params: { quality: 95 } }],
      'demo-1.jpg',
    );
    expect(low.job.output_url).toMatch(/\.jpg$/);
    expect(low.file.body.length).toBeLessThan(high.file.body.length / 2);
  });

  it('operations run in order: enhance 4x, crop-resize by pixels then resize, then convert', async () => {
    const { file, job } = await runJob(emu, 'sk_live_k', [
      { type: 'enhance', params: { scale: 4 } }, // 640x400
      { type: 'crop-resize', params: { crop: { pixels: [40, 0, 400, 400] }, resize: { width: 100 } } },
      { type: 'convert', params: { output_format: 'jpg' } },
    ]);
    expect(job.output_url).toMatch(/\.jpg$/);
    expect(await meta(file.body)).toMatchObject({ format: 'jpeg', width: 100, height: 100 });
    const pct = await runJob(emu, 'sk_live_k', [
      {
        type: 'crop-resize',
        params: {
          crop: { percentage: [0, 0, 50, 50] },
          resize: { width: 30, height: 30, maintain_aspect: false },
        },
      },
      { type: 'enhance-anime' },
    ]);
    expect(await meta(pct.file.body)).toMatchObject({ width: 120, height: 120 });
  });

  it('same-size operations return processed pixels of the same size', async () => {
    const original = await sharp(await siteImage(emu, 'photo.jpg'))
      .raw()
      .toBuffer();
    const mask = `data:image/png;base64,${(
      await sharp({ create: { width: 20, height: 15, channels: 3, background: '#000' } })
        .composite([
          { input: { create: { width: 6, height: 5, channels: 3, background: '#fff' } }, left: 7, top: 5 },
        ])
        .png()
        .toBuffer()
    ).toString('base64')}`;
    for (const op of [
      { type: 'enhance-face', params: { enhancement_level: 1 } },
      { type: 'deblur', params: { strength: 1.5 } },
      { type: 'restore-old-photo', params: { enable_colorization: true, colorization_strength: 1 } },
      { type: 'blur-background', params: { blur_radius: 40 } },
      { type: 'remove-object', params: { mask_data_url: mask } },
      { type: 'remove-text' },
    ]) {
      const { file } = await runJob(
        emu,
        'sk_live_k',
        [op, { type: 'convert', params: { output_format: 'png' } }],
        'photo.jpg',
      );
      const { data, info } = await sharp(file.body).removeAlpha().raw().toBuffer({ resolveWithObject: true });
      expect([op.type, info.width, info.height, data.equals(original)]).toEqual([op.type, 200, 150, false]);
    }
  });
});
