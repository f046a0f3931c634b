import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { probeVideo } from './site/video';
import { startEmulator, type Emulator } from './index';
import { call, fetchImage, hitpaw, pollToEnd, SITE, submitPhoto } from './test-client';

let emu: Emulator;
beforeEach(async () => {
  emu = await startEmulator();
  emu.hitpaw.addKey('k');
  emu.hitpaw.configure({ rateLimit: null });
});
afterEach(() => emu.close());

const resultOf = async (id: string) => {
  const { data } = await pollToEnd(emu, 'k', id);
  expect(data.status).toBe('COMPLETED');
  return data;
};

describe('HitPaw processing: real bytes through sharp and ffmpeg', () => {
  it('general_2x of the 160x100 PNG is a 320x200 PNG that keeps its alpha, served with CORS', async () => {
    const { res_url } = await resultOf(await submitPhoto(emu, 'k'));
    const { answer, meta } = await fetchImage(emu, res_url);
    expect([meta.format, meta.width, meta.height, meta.hasAlpha]).toEqual(['png', 320, 200, true]);
    expect(answer.headers['content-type']).toBe('image/png');
    expect(answer.headers['content-length']).toBe(String(answer.body.length));
    expect(answer.headers['access-control-allow-origin']).toBe('*');
  });

  it('.jpg flattens the alpha; 4x and generative scales follow the model suffix', async () => {
    const jpg = await resultOf(await submitPhoto(emu, 'k', { extension: '.jpg', model_name: 'face_v2_4x' }));
    const { meta } = await fetchImage(emu, jpg.res_url);
    expect([meta.format, meta.width, meta.height, meta.hasAlpha]).toEqual(['jpeg', 640, 400, false]);
    const photo = `${SITE}/images/photo.jpg`;
    const gen = await resultOf(
      await submitPhoto(emu, 'k', { img_url: photo, model_name: 'generative_6x', extension: '.webp' }),
    );
    expect((await fetchImage(emu, gen.res_url)).meta).toMatchObject({
      format: 'webp',
      width: 1200,
      height: 900,
    });
  });

  it('1x models return a processed image of the same size', async () => {
    const photo = `${SITE}/images/photo.jpg`;
    const data = await resultOf(
      await submitPhoto(emu, 'k', { img_url: photo, model_name: 'sharpen_denoise', extension: '.jpg' }),
    );
    const { answer, meta } = await fetchImage(emu, data.res_url);
    expect([meta.width, meta.height]).toEqual([200, 150]);
    const before = await sharp((await call(emu, photo)).body)
      .raw()
      .toBuffer();
    const after = await sharp(answer.body).raw().toBuffer();
    expect(after.equals(before)).toBe(false);
  });

  it('writes TIFF and BMP output formats', async () => {
    const tif = await resultOf(await submitPhoto(emu, 'k', { extension: '.tiff' }));
    expect((await fetchImage(emu, tif.res_url)).meta).toMatchObject({
      format: 'tiff',
      width: 320,
      height: 200,
    });
    const bmp = await resultOf(await submitPhoto(emu, 'k', { extension: '.bmp' }));
    const { body, headers } = await call(emu, bmp.res_url);
    expect(headers['content-type']).toBe('image/bmp');
    expect([body.toString('ascii', 0, 2), body.readInt32LE(18), body.readInt32LE(22)]).toEqual([
      'BM',
      320,
      200,
    ]);
  });

  it('segmentation returns an RGBA cut-out with a transparent border and a same-size greyscale mask', async () => {
    const answer = await hitpaw(
      emu,
      '/api/image-segmentation',
      { file_url: `${SITE}/images/photo.jpg` },
      'k',
    );
    const data = await resultOf(answer.json().data.job_id);
    expect(data.mask_url).toMatch(/^https:\/\/cdn\.example\.net\/.+\.png$/);
    const cut = await sharp((await call(emu, data.res_url)).body)
      .raw()
      .toBuffer({ resolveWithObject: true });
    expect([cut.info.width, cut.info.height, cut.info.channels]).toEqual([200, 150, 4]);
    const alphaAt = (x: number, y: number) => cut.data[(y * 200 + x) * 4 + 3];
    expect([alphaAt(0, 0), alphaAt(100, 0), alphaAt(0, 75), alphaAt(199, 149)]).toEqual([0, 0, 0, 0]);
    expect(alphaAt(100, 75)).toBe(255);
    const maskBytes = (await call(emu, data.mask_url!)).body;
    const mask = await sharp(maskBytes).metadata();
    expect([mask.format, mask.width, mask.height, mask.channels, mask.space]).toEqual([
      'png',
      200,
      150,
      1,
      'b-w',
    ]);
  });

  it('video: a real re-encoded file at the requested resolution', async () => {
    const body = {
      video_url: `${SITE}/videos/clip.mp4`,
      model_name: 'general_restore_2x',
      resolution: [640, 360],
      original_resolution: [320, 180],
      extension: '.mp4',
    };
    const answer = await hitpaw(emu, '/api/video-enhancer', body, 'k');
    const data = await resultOf(answer.json().data.job_id);
    const file = await call(emu, data.res_url);
    expect(file.headers['content-type']).toBe('video/mp4');
    expect(await probeVideo(file.body)).toMatchObject({ width: 640, height: 360 });
  });
});
