import { afterEach, describe, expect, it, vi } from 'vitest';
import { hitpawSegmentation } from '@/utils/providers/hitpaw-segmentation';
import { hitpawVideo, targetResolution } from '@/utils/providers/hitpaw-video';
import type { ProviderContext } from '@/utils/providers/types';
import { fixture, stubFetch, type Recorded } from '../helpers/fetch-stub';

const ctx = (memory: Record<string, string> = {}): ProviderContext => ({
  key: 'hp-key-0001',
  settings: { tensorpixPreview: false },
  memory: { get: async (n) => memory[n], set: async (n, v) => void (memory[n] = v) },
});
const video = {
  url: 'https://gallery.example.org/videos/clip.mp4',
  width: 640,
  height: 360,
  hasAlpha: null,
  duration: 4,
};
const op = (id: string) => hitpawVideo.operations.find((o) => o.id === id)!;
const errors = (fixture('hitpaw/errors.json') as unknown as { errors: (Recorded & { code: number })[] })
  .errors;

afterEach(() => vi.unstubAllGlobals());

describe('HitPaw video', () => {
  it('sends the target and original resolution read from the video element', async () => {
    const seen = stubFetch(() => fixture('hitpaw/submit-ok.json'));
    const result = await hitpawVideo.submit({ operation: op('general_restore_2x'), media: video }, ctx());
    expect(seen[0]!.url).toBe('https://api-base.hitpaw.com/api/video-enhancer');
    expect(seen[0]!.body).toEqual({
      video_url: video.url,
      model_name: 'general_restore_2x',
      resolution: [1280, 720],
      original_resolution: [640, 360],
      extension: '.mp4',
    });
    expect(result.cost).toEqual({ unit: 'coins', amount: 75 });
  });

  it('falls back once to the older spelling (face_soft) and remembers it', async () => {
    const unsupported = errors.find((e) => e.code === 110400005)!;
    const seen = stubFetch((r) =>
      (r.body as { model_name: string }).model_name === 'face_soft_2x'
        ? unsupported
        : fixture('hitpaw/submit-ok.json'),
    );
    const memory: Record<string, string> = {};
    expect(
      (await hitpawVideo.submit({ operation: op('face_soft_2x'), media: video }, ctx(memory))).model,
    ).toBe('face_soft');
    expect(seen.map((r) => (r.body as { model_name: string }).model_name)).toEqual([
      'face_soft_2x',
      'face_soft',
    ]);
    expect(memory['model:face_soft_2x']).toBe('face_soft');
  });

  it('refuses before sending: over 36 MP, outside 0.5 s–1 h, or an unknown size', () => {
    const big = { ...video, width: 3840, height: 2160 };
    expect(hitpawVideo.precheck({ operation: op('general_restore_4x'), media: big })).toMatch(
      /at most 36 MP/,
    );
    expect(hitpawVideo.precheck({ operation: op('general_restore_1x'), media: big })).toBeNull();
    expect(
      hitpawVideo.precheck({ operation: op('general_restore_1x'), media: { ...video, duration: 0.2 } }),
    ).toMatch(/0\.5 seconds to 1 hour/);
    expect(
      hitpawVideo.precheck({ operation: op('general_restore_1x'), media: { ...video, duration: 4000 } }),
    ).toMatch(/1 hour/);
    expect(
      hitpawVideo.precheck({ operation: op('general_restore_1x'), media: { ...video, width: null } }),
    ).toMatch(/size is not known/);
  });

  it('rounds odd target sizes down to even numbers', () => {
    expect(targetResolution(321, 241, 2)).toEqual([642, 482]);
    expect(targetResolution(333, 201, 1)).toEqual([332, 200]);
  });
});

describe('HitPaw segmentation', () => {
  const image = {
    url: 'https://gallery.example.org/images/portrait.jpg',
    width: 300,
    height: 400,
    hasAlpha: false,
  };

  it('sends only file_url (return_type is undocumented) and reports the flat cost', async () => {
    const seen = stubFetch(() => ({
      status: 200,
      body: { code: 200, message: 'OK', data: { job_id: 'seg-1', consume_coins: 20 } },
    }));
    const result = await hitpawSegmentation.submit(
      { operation: hitpawSegmentation.operations[0], media: image },
      ctx(),
    );
    expect(seen[0]!.url).toBe('https://api-base.hitpaw.com/api/image-segmentation');
    expect(seen[0]!.body).toEqual({ file_url: image.url });
    expect(result).toEqual({ providerJobId: 'seg-1', cost: { unit: 'coins', amount: 20 } });
  });

  it('reads the cut-out and the mask when done', async () => {
    stubFetch(() => fixture('hitpaw/status-completed-segmentation.json'));
    const status = await hitpawSegmentation.status('a1', ctx());
    expect(status).toMatchObject({
      state: 'completed',
      resultUrl: 'https://cdn.example.net/hitpaw/a1/result.png',
      maskUrl: 'https://cdn.example.net/hitpaw/a1/mask.png',
    });
  });

  it('refuses formats the docs do not list, and labels its flat price', () => {
    const matting = hitpawSegmentation.operations[0];
    expect(
      hitpawSegmentation.precheck({
        operation: matting,
        media: { ...image, url: 'https://a.example/x.gif' },
      }),
    ).toMatch(/JPEG, PNG and WebP/);
    expect(hitpawSegmentation.precheck({ operation: matting, media: image })).toBeNull();
    expect(matting.costHint).toBe('20 coins');
    expect(matting.cutout).toBe(true);
  });
});
