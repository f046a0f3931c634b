import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from './index';
import { CLIP, createJob, fromUrl, modelId, pollJob, TINY, warmUp } from './tensorpix-client';
import { SITE } from './test-client';

let emu: Emulator;
beforeAll(warmUp);
beforeEach(async () => {
  emu = await startEmulator();
  emu.tensorpix.addKey('k');
});
afterEach(() => emu.close());

const x2 = () => modelId(emu, 1, 2);
const x4 = () => modelId(emu, 1, 4);
const refusal = async (body: Record<string, unknown>, key = 'k') => {
  const answer = await fromUrl(emu, key, body);
  expect(answer.status).toBe(400);
  return answer.json();
};

describe('TensorPix POST /api/jobs/from-url/ validation (every refusal is 400)', () => {
  it('required fields and field types, all reported at once in DRF’s field-keyed form', async () => {
    expect(await refusal({})).toEqual({
      url: ['This field is required.'],
      ml_models: ['This field is required.'],
    });
    expect(
      await refusal({
        url: 'not a url',
        ml_models: [],
        codec: 'h264',
        output_resolution: 1000,
        grain: 1.5,
        preview: 'maybe',
        start_frame: -1,
      }),
    ).toEqual({
      url: ['Enter a valid URL.'],
      ml_models: ['This list may not be empty.'],
      preview: ['Must be a valid boolean.'],
      codec: ['"h264" is not a valid choice.'],
      output_resolution: ['"1000" is not a valid choice.'],
      grain: ['Ensure this value is less than or equal to 1.'],
      start_frame: ['Ensure this value is greater than or equal to 0.'],
    });
    expect(await refusal({ url: TINY, ml_models: x2() })).toEqual({
      ml_models: ['Expected a list of items but got type "int".'],
    });
    expect(await refusal({ url: TINY, ml_models: ['abc'] })).toEqual({
      ml_models: ['Incorrect type. Expected pk value, received str.'],
    });
    expect(await refusal({ url: TINY, ml_models: [x2()], start_frame: 10, end_frame: 5 })).toEqual({
      non_field_errors: ['end_frame must be greater than start_frame.'],
    });
  });

  it('an unknown model id → {"ml_models":["Invalid pk \\"999\\" - object does not exist."]}', async () => {
    expect(await refusal({ url: TINY, ml_models: [x2(), 999] })).toEqual({
      ml_models: ['Invalid pk "999" - object does not exist.'],
    });
    expect(await refusal({ url: TINY, ml_models: ['999'] })).toEqual({
      ml_models: ['Invalid pk "999" - object does not exist.'],
    });
  });

  it('the URL field name is one configurable constant (default `url`)', async () => {
    expect(emu.tensorpix.config().urlField).toBe('url');
    emu.tensorpix.configure({ urlField: 'video_url' });
    expect(await refusal({ url: TINY, ml_models: [x2()] })).toEqual({
      video_url: ['This field is required.'],
    });
    emu.tensorpix.forceNextOutcome(-2);
    const answer = await fromUrl(emu, 'k', { video_url: TINY, ml_models: [x2()] });
    expect([answer.status, answer.json().input_video.external_url]).toEqual([201, TINY]);
  });

  it('YouTube, Vimeo, TikTok and Instagram links → 400', async () => {
    for (const url of [
      'https://www.youtube.com/watch?v=dQw4w9WgXcQ',
      'https://youtu.be/dQw4w9WgXcQ',
      'https://m.youtube.com/shorts/abc',
      'https://vimeo.com/123456',
      'https://player.vimeo.com/video/123456',
      'https://www.tiktok.com/@user/video/1',
      'https://www.instagram.com/reel/abc/',
    ]) {
      const body = await refusal({ url, ml_models: [x2()] });
      expect([url, body.detail]).toEqual([
        url,
        expect.stringMatching(/YouTube, Instagram, Vimeo and TikTok/),
      ]);
    }
  });

  it('a URL that is not a fetchable video → 400 "The provided URL could not be parsed as a video."', async () => {
    for (const url of [
      `${SITE}/index.html`,
      `${SITE}/images/photo.jpg`,
      `${SITE}/videos/missing.mp4`,
      'https://videos.example.com/clip.mp4', // not a host the emulator serves: unreachable offline
      'http://127.0.0.1:9/clip.mp4',
    ]) {
      const body = await refusal({ url, ml_models: [x2()] });
      expect([url, body]).toEqual([url, { detail: 'The provided URL could not be parsed as a video.' }]);
    }
    expect(emu.tensorpix.jobs()).toEqual([]);
  });

  it('input pixels over a chosen model’s max_resolution → 400 naming the limit', async () => {
    const fullHd = `${SITE}/videos/fullhd.mp4`; // 1920x1080 = 2,073,600 px
    const body = await refusal({ url: fullHd, ml_models: [modelId(emu, 3), x4()] });
    expect(body.detail).toMatch(/1920x1080.*Upscale 4x.*921600/);
    emu.tensorpix.forceNextOutcome(-2); // the 2x model's limit is exactly 1920x1080: accepted
    expect((await fromUrl(emu, 'k', { url: fullHd, ml_models: [x2()] })).status).toBe(201);
  });

  it('no credits → 400 mentioning credits (previews are free); success charges cost_usd', async () => {
    emu.tensorpix.addKey('broke', { credits: 0 });
    const body = await refusal({ url: TINY, ml_models: [x2()] }, 'broke');
    expect(body.detail).toMatch(/credits/);
    emu.tensorpix.forceNextOutcome(-2);
    expect((await createJob(emu, 'broke', { preview: true })).cost_usd).toBe('0.00');
    emu.tensorpix.forceNextOutcome(-2);
    const job = await createJob(emu, 'k', { url: CLIP });
    expect(job.cost_usd).toMatch(/^\d+\.\d\d$/);
    expect(emu.tensorpix.credits('k')).toBeCloseTo(1000 - Number(job.cost_usd), 5);
  });

  it('storage quota used up → 400 mentioning storage; finished outputs count against it', async () => {
    emu.tensorpix.addKey('full', { storageBytes: 0 });
    expect((await refusal({ url: TINY, ml_models: [x2()] }, 'full')).detail).toMatch(/storage/);
    emu.tensorpix.addKey('small', { storageBytes: 1000 });
    const job = await createJob(emu, 'small');
    const last = (await pollJob(emu, 'small', job.id)).at(-1);
    expect(last.status).toBe(2);
    expect(emu.tensorpix.storageUsed('small')).toBe(last.output_video.size);
    expect((await refusal({ url: TINY, ml_models: [x2()] }, 'small')).detail).toMatch(/storage/);
  });
});
