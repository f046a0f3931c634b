import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from './index';
import { hitpaw, poll, SITE, submitPhoto } from './test-client';

let emu: Emulator;
beforeEach(async () => {
  emu = await startEmulator();
  emu.hitpaw.addKey('k', { coins: 1000 });
});
afterEach(() => emu.close());

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const logo = `${SITE}/images/logo.png`;

describe('HitPaw envelopes and billing', () => {
  it('answers a submit with the documented success envelope', async () => {
    const answer = await hitpaw(
      emu,
      '/api/photo-enhancer',
      { model_name: 'general_2x', img_url: logo, extension: '.png' },
      'k',
    );
    expect(answer.status).toBe(200);
    expect(answer.headers['content-type']).toMatch(/^application\/json/);
    const body = answer.json();
    expect(body).toEqual({
      code: 200,
      message: 'OK',
      data: { job_id: expect.stringMatching(UUID_V4), consume_coins: 10 },
    });
  });

  it('uses `msg` instead of `message` in both envelopes when switched', async () => {
    emu.hitpaw.configure({ messageKey: 'msg' });
    const id = await submitPhoto(emu, 'k');
    const status = (await hitpaw(emu, '/api/task-status', { job_id: id }, 'k')).json();
    expect(status).toMatchObject({ code: 200, msg: 'OK' });
    expect(status).not.toHaveProperty('message');
    const error = await hitpaw(emu, '/api/task-status', { job_id: id }, 'wrong');
    expect(error.json()).toEqual({ error_code: 110400000, msg: 'api_key is not valid' });
  });

  it('reports errors as HTTP 200 with a non-200 `code` when switched', async () => {
    emu.hitpaw.configure({ errorsAsHttp200: true });
    const answer = await hitpaw(emu, '/api/task-status', { job_id: 'unknown' }, 'k');
    expect(answer.status).toBe(200);
    expect(answer.json()).toEqual({ code: 110400002, message: 'The task does not exist', data: null });
    const ok = await hitpaw(emu, '/api/image-segmentation', { file_url: logo }, 'k');
    expect(ok.json()).toMatchObject({ code: 200, message: 'OK', data: { consume_coins: 20 } });
  });

  it('deducts consume_coins at submit, priced by output pixels per model class', async () => {
    const cases: [string, Record<string, unknown>, number][] = [
      ['/api/photo-enhancer', { model_name: 'general_4x' }, 10], // 640x400 < 8 MP
      ['/api/photo-enhancer', { model_name: 'generative_portrait' }, 20],
      ['/api/photo-enhancer', { model_name: 'generative_2x' }, 80], // the table's "<8 MP: 80", literally
      ['/api/photo-enhancer', { model_name: 'sharpen_denoise_1x', img_url: `${SITE}/images/wide.png` }, 70], // 36 MP
      ['/api/image-segmentation', { file_url: logo }, 20],
      [
        '/api/video-enhancer',
        { video_url: `${SITE}/videos/clip.mp4`, model_name: 'general_restore_2x', resolution: [640, 360] },
        20,
      ], // 2 s × HD 10
    ];
    let balance = 1000;
    for (const [path, fields, price] of cases) {
      const body = path === '/api/photo-enhancer' ? { img_url: logo, extension: '.png', ...fields } : fields;
      const answer = await hitpaw(emu, path, body, 'k');
      expect([fields, answer.json().data?.consume_coins]).toEqual([fields, price]);
      balance -= price;
      expect(emu.hitpaw.coins('k')).toBe(balance);
    }
  });

  it('returns the documented task-status fields, mask_url only for segmentation', async () => {
    const id = await submitPhoto(emu, 'k');
    const data = await poll(emu, 'k', id);
    expect(data).toEqual({ job_id: id, status: 'CONVERTING', res_url: '', original_url: logo });
    const seg = (await hitpaw(emu, '/api/image-segmentation', { file_url: logo }, 'k')).json().data.job_id;
    expect(await poll(emu, 'k', seg)).toEqual({
      job_id: seg,
      status: 'CONVERTING',
      res_url: '',
      mask_url: '',
      original_url: logo,
    });
  });
});
