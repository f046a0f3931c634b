import sharp from 'sharp';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ffmpegToBuffer, siteClip } from './site/video';
import { probeVideoInfo } from './tensorpix/probe';
import { startEmulator, type Emulator } from './index';
import { CLIP, createJob, getJob, modelId, pollJob, warmUp } from './tensorpix-client';
import { call } from './test-client';

let emu: Emulator;
let sourceFrame: Buffer; // the first frame of tiny.mp4 at 320x180, grey
beforeAll(async () => {
  await warmUp();
  const frame = ['-frames:v', '1', '-vf', 'scale=320:180', '-f', 'rawvideo', '-pix_fmt', 'gray'];
  sourceFrame = await ffmpegToBuffer((await siteClip('/videos/tiny.mp4'))!, frame, '.raw');
});
beforeEach(async () => {
  emu = await startEmulator();
  emu.tensorpix.addKey('k');
});
afterEach(() => emu.close());

/** Runs a job to status 2 and returns its last Job body. */
const finished = async (fields: Record<string, unknown>) => {
  const seen = await pollJob(emu, 'k', (await createJob(emu, 'k', fields)).id);
  expect(seen.at(-1).status).toBe(2);
  return seen.at(-1);
};

/** Downloads a signed CDN URL and measures it with ffprobe. */
const download = async (url: string) => {
  const answer = await call(emu, url);
  expect(answer.status).toBe(200);
  return { answer, info: (await probeVideoInfo(answer.body))! };
};

/** Mean luma of the middle tenth of a 320x180 grey frame: the preview watermark band darkens it. */
const bandLuma = (gray: Buffer) => {
  const rows = gray.subarray(81 * 320, 99 * 320);
  return rows.reduce((sum, v) => sum + v, 0) / rows.length;
};

describe('TensorPix output: real video through ffmpeg', () => {
  it('2x of the 320x180 clip is a 640x360 H.264 MP4 at 15 fps, as output_video says, served with CORS', async () => {
    const job = await finished({ url: CLIP });
    const { answer, info } = await download(job.output_video.file);
    expect([info.width, info.height, info.framerate, info.n_frames, info.codec_id]).toEqual([
      640,
      360,
      15,
      30,
      'h264',
    ]);
    expect(answer.headers['content-type']).toBe('video/mp4');
    expect(answer.headers['access-control-allow-origin']).toBe('*');
    expect(job.output_video).toMatchObject({
      job_id: job.id,
      name: 'clip_enhanced.mp4',
      width: 640,
      height: 360,
      framerate: 15,
      n_frames: 30,
      size: answer.body.length,
      owner: expect.any(Number),
      deleted: null,
      quality_score: null,
      preview_videos: { before_video: null, after_video: null },
    });
    const thumb = await call(emu, job.output_video.thumbnail);
    expect([thumb.status, thumb.headers['content-type']]).toEqual([200, 'image/jpeg']);
  });

  it('FPS interpolation doubles the framerate (frames 0–14 of the 15 fps clip → 30 frames at 30 fps)', async () => {
    const job = await finished({ ml_models: [modelId(emu, 10)], fps_interpolation_factor: 2, end_frame: 14 });
    const { info } = await download(job.output_video.file);
    expect([info.width, info.height, info.framerate]).toEqual([160, 90, 30]);
    expect(info.n_frames).toBeGreaterThanOrEqual(29);
    expect([job.output_video.framerate, job.output_video.n_frames]).toEqual([30, info.n_frames]);
  });

  it('without the task-10 model fps_interpolation_factor is echoed but ignored; start/end_frame trim', async () => {
    const job = await finished({
      ml_models: [modelId(emu, 3)],
      fps_interpolation_factor: 2,
      start_frame: 10,
      end_frame: 24,
    });
    expect(job.fps_interpolation_factor).toBe(2);
    const { info } = await download(job.output_video.file);
    expect([info.framerate, info.n_frames]).toEqual([15, 15]); // frames 10–24
  });

  it('slow motion stretches playback at the same fps; output_resolution sets the width', async () => {
    const job = await finished({
      ml_models: [modelId(emu, 11)],
      playback_speed: 0.5,
      output_resolution: 640,
      end_frame: 14,
    });
    const { info } = await download(job.output_video.file);
    expect([info.width, info.height, info.framerate]).toEqual([640, 360, 15]);
    expect(info.duration).toBeGreaterThan(1.8); // 1 s at half speed
    expect(info.n_frames).toBeGreaterThanOrEqual(29);
  });

  it('prores_ks writes a .mov; comparison puts the original and the result side by side', async () => {
    const job = await finished({ codec: 'prores_ks', comparison: true, end_frame: 14 });
    const { answer, info } = await download(job.output_video.file);
    expect(answer.headers['content-type']).toBe('video/quicktime');
    expect([info.codec_id, info.width, info.height, info.bit_depth]).toEqual(['prores', 640, 180, 10]);
    expect(job.output_video.name).toBe('tiny_enhanced.mov');
  });

  it('each GET re-signs output_video.file; an old link answers 403 after exp (emulator clock)', async () => {
    emu.tensorpix.configure({ signatureTtlMs: 60_000 });
    const job = await finished({});
    const first = job.output_video.file as string;
    const again = (await getJob(emu, 'k', job.id)).output_video.file as string;
    expect(again).not.toBe(first);
    expect(new URL(again).pathname).toBe(new URL(first).pathname);
    const exp = Number(new URL(first).searchParams.get('exp'));
    expect(exp * 1000 - emu.clock.now()).toBeGreaterThan(55_000);
    expect((await call(emu, first)).status).toBe(200);
    emu.clock.advance(61_000);
    const stale = await call(emu, first);
    expect([stale.status, stale.headers['access-control-allow-origin']]).toEqual([403, '*']);
    expect(stale.body.toString()).toMatch(/expired/);
    const fresh = (await getJob(emu, 'k', job.id)).output_video.file as string;
    expect((await call(emu, fresh)).status).toBe(200);
    const path = new URL(fresh).pathname;
    expect((await call(emu, `https://cdn.example.net${path}`)).status).toBe(403); // unsigned
    expect((await call(emu, fresh.replace(/sig=\w/, 'sig=z'))).status).toBe(403); // tampered
  });

  it('preview: a short watermarked segment with before/after links, not charged', async () => {
    const credits = emu.tensorpix.credits('k');
    const job = await finished({ preview: true }); // tiny.mp4 is 3 s; previews enhance 2 s
    expect([job.preview, job.cost_usd, emu.tensorpix.credits('k')]).toEqual([true, '0.00', credits]);
    const { after_video, before_video } = job.output_video.preview_videos;
    expect(new URL(after_video).pathname).toBe(new URL(job.output_video.file).pathname);
    expect((await call(emu, after_video)).status).toBe(200);
    expect(job.output_video).toMatchObject({
      name: 'tiny_preview.mp4',
      width: 320,
      height: 180,
      n_frames: 30,
    });
    const before = (await download(before_video)).info;
    expect([before.width, before.height, before.n_frames]).toEqual([320, 180, 30]);
    // The watermark band darkens the first frame (seen through the thumbnail) against the source's.
    const thumbnail = (await call(emu, job.output_video.thumbnail)).body;
    const first = await sharp(thumbnail).greyscale().raw().toBuffer();
    expect(first.length).toBe(320 * 180);
    expect(bandLuma(sourceFrame) - bandLuma(first)).toBeGreaterThan(20);
  });
});
