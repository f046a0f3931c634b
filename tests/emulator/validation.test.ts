import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from './index';
import { hitpaw, SITE } from './test-client';

let emu: Emulator;
beforeEach(async () => {
  emu = await startEmulator();
  emu.hitpaw.addKey('k');
});
afterEach(() => emu.close());

const logo = `${SITE}/images/logo.png`;
const photo = (fields: Record<string, unknown>) => ({
  model_name: 'general_2x',
  img_url: logo,
  extension: '.png',
  ...fields,
});
const expectError = async (path: string, body: unknown, status: number, code: number, key = 'k') => {
  const answer = await hitpaw(emu, path, body, key);
  expect({ status: answer.status, code: answer.json().error_code }).toEqual({ status, code });
};

describe('HitPaw submit validation, in the order the emulator README gives', () => {
  it('1. unparseable JSON or a non-object → 400 100400002', async () => {
    await expectError('/api/photo-enhancer', '{"model_name":', 400, 100400002);
    await expectError('/api/photo-enhancer', '[1,2]', 400, 100400002);
    await expectError('/api/task-status', 'null', 400, 100400002);
  });

  it('2. a missing or mistyped required field → 403 100403000 (before the model check)', async () => {
    await expectError('/api/photo-enhancer', { model_name: 'bogus', extension: '.png' }, 403, 100403000);
    await expectError('/api/photo-enhancer', photo({ img_url: 42 }), 403, 100403000);
    await expectError('/api/photo-enhancer', photo({ DPI: 'high' }), 403, 100403000);
    await expectError('/api/image-segmentation', {}, 403, 100403000);
    await expectError(
      '/api/video-enhancer',
      { video_url: `${SITE}/videos/clip.mp4`, model_name: 'generative' },
      403,
      100403000,
    );
    await expectError('/api/task-status', { job: 'x' }, 403, 100403000);
  });

  it('3. an unknown model → 400 110400005 (before the extension and URL checks)', async () => {
    await expectError(
      '/api/photo-enhancer',
      photo({ model_name: 'enhanced_v1', extension: '.gif', img_url: 'x' }),
      400,
      110400005,
    );
    const video = {
      video_url: 'x',
      model_name: 'video_enhance_v2',
      resolution: [640, 360],
      extension: '.webm',
    };
    await expectError('/api/video-enhancer', video, 400, 110400005);
  });

  it('4. an extension outside the allowed list → 400 110400007 (before the URL check)', async () => {
    await expectError('/api/photo-enhancer', photo({ extension: '.gif', img_url: 'x' }), 400, 110400007);
    await expectError('/api/photo-enhancer', photo({ extension: 'png' }), 400, 110400007);
    const video = { video_url: 'x', model_name: 'generative_1x', resolution: [640, 360], extension: '.webm' };
    await expectError('/api/video-enhancer', video, 400, 110400007);
  });

  it('5. a URL that is not http(s) → 100400001, or 110400008 for video', async () => {
    await expectError(
      '/api/photo-enhancer',
      photo({ img_url: 'ftp://gallery.example.org/a.png' }),
      400,
      100400001,
    );
    await expectError('/api/image-segmentation', { file_url: 'not a url' }, 400, 100400001);
    const video = {
      video_url: 'data:video/mp4;base64,AAAA',
      model_name: 'generative_1x',
      resolution: [640, 360],
    };
    await expectError('/api/video-enhancer', video, 400, 110400008);
  });

  it('6. limits, once the input is fetched: input > 67 MP → 110400009, output over the cap → 110400010', async () => {
    await expectError(
      '/api/photo-enhancer',
      photo({ img_url: `${SITE}/images/oversize.png` }),
      400,
      110400009,
    );
    await expectError('/api/image-segmentation', { file_url: `${SITE}/images/oversize.png` }, 400, 110400009);
    const wide = `${SITE}/images/wide.png`; // 36 MP: fine at 1x, 576 MP at 4x
    await expectError(
      '/api/photo-enhancer',
      photo({ img_url: wide, model_name: 'general_4x' }),
      400,
      110400010,
    );
    await expectError(
      '/api/photo-enhancer',
      photo({ img_url: wide, model_name: 'generative_1x' }),
      400,
      110400010,
    );
    expect(
      (await hitpaw(emu, '/api/photo-enhancer', photo({ img_url: wide, model_name: 'sharpen_denoise' }), 'k'))
        .status,
    ).toBe(200);
  });

  it('6. video: target > 36 MP → 110400010, duration under 0.5 s → 110400011', async () => {
    const video = {
      video_url: `${SITE}/videos/clip.mp4`,
      model_name: 'general_restore_2x',
      original_resolution: [320, 180],
    };
    await expectError('/api/video-enhancer', { ...video, resolution: [8000, 4600] }, 400, 110400010);
    await expectError(
      '/api/video-enhancer',
      { ...video, video_url: `${SITE}/videos/short.mp4`, resolution: [640, 360] },
      400,
      110400011,
    );
  });

  it('7. balance → 402 110402000; demo tries → 402 110402004; nothing is charged on a refusal', async () => {
    emu.hitpaw.addKey('broke', { coins: 5 });
    await expectError('/api/photo-enhancer', photo({}), 402, 110402000, 'broke');
    expect(emu.hitpaw.coins('broke')).toBe(5);
    emu.hitpaw.addKey('demo', { kind: 'demo', coins: 100, demoTries: 1 });
    expect((await hitpaw(emu, '/api/image-segmentation', { file_url: logo }, 'demo')).status).toBe(200);
    await expectError('/api/image-segmentation', { file_url: logo }, 402, 110402004, 'demo');
    expect(emu.hitpaw.coins('demo')).toBe(80);
    expect(emu.hitpaw.jobs()).toHaveLength(1);
  });

  it('accepts old and current model names, and a configured list can allow only the old spelling', async () => {
    for (const model_name of [
      'sharpen_denoise',
      'sharpen_denoise_1x',
      'generative',
      'generative_enhance_fast_2x',
    ]) {
      expect([
        model_name,
        (await hitpaw(emu, '/api/photo-enhancer', photo({ model_name }), 'k')).status,
      ]).toEqual([model_name, 200]);
    }
    emu.hitpaw.configure({ acceptedModels: { photo: ['sharpen_denoise'] } });
    await expectError('/api/photo-enhancer', photo({ model_name: 'sharpen_denoise_1x' }), 400, 110400005);
    expect(
      (await hitpaw(emu, '/api/photo-enhancer', photo({ model_name: 'sharpen_denoise' }), 'k')).status,
    ).toBe(200);
  });
});
