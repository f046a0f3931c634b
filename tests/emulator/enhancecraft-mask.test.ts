import sharp from 'sharp';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from './index';
import { pollJob, runJob, siteImage, submit, uploadSite, warmUp } from './enhancecraft-client';

let emu: Emulator;
beforeAll(warmUp);
beforeEach(async () => {
  emu = await startEmulator();
  emu.enhancecraft.addKey('sk_live_m', { user: 'user-m', perMinute: 1000, credits: 1000 });
});
afterEach(() => emu.close());

/** A black PNG of the given size with one white box: the area to remove. */
async function boxMask(
  width: number,
  height: number,
  box: { left: number; top: number; w: number; h: number },
) {
  const white = { create: { width: box.w, height: box.h, channels: 3 as const, background: '#fff' } };
  const png = await sharp({ create: { width, height, channels: 3, background: '#000' } })
    .composite([{ input: white, left: box.left, top: box.top }])
    .greyscale()
    .png()
    .toBuffer();
  return `data:image/png;base64,${png.toString('base64')}`;
}

const rgb = async (bytes: Buffer) =>
  await sharp(bytes).removeAlpha().raw().toBuffer({ resolveWithObject: true });

describe('EnhanceCraft masks (remove-object, remove-text without auto-detection)', () => {
  it('fills only the white area of mask_data_url: every pixel outside it is the input’s own', async () => {
    const box = { left: 60, top: 40, w: 50, h: 40 };
    const mask = await boxMask(200, 150, box);
    for (const op of [
      { type: 'remove-object', params: { mask_data_url: mask } },
      { type: 'remove-text', params: { auto_detect: false, mask_data_url: mask } },
    ]) {
      const { file } = await runJob(
        emu,
        'sk_live_m',
        [op, { type: 'convert', params: { output_format: 'png' } }],
        'photo.jpg',
      );
      const original = await rgb(await siteImage(emu, 'photo.jpg'));
      const out = await rgb(file.body);
      expect([out.info.width, out.info.height]).toEqual([200, 150]);
      let outsideChanged = 0;
      let insideChanged = 0;
      for (let y = 0; y < 150; y++)
        for (let x = 0; x < 200; x++) {
          const i = (y * 200 + x) * 3;
          const changed = [0, 1, 2].some((c) => out.data[i + c] !== original.data[i + c]);
          const inside = x >= box.left && x < box.left + box.w && y >= box.top && y < box.top + box.h;
          if (changed && inside) insideChanged++;
          if (changed && !inside) outsideChanged++;
        }
      expect([op.type, outsideChanged]).toEqual([op.type, 0]);
      expect(insideChanged).toBeGreaterThan(box.w * box.h * 0.5);
    }
  });

  it('a mask of another size is stretched to the image by default, and fails the job under maskSize exact', async () => {
    const small = await boxMask(100, 75, { left: 10, top: 10, w: 20, h: 20 });
    const ops = [{ type: 'remove-object', params: { mask_data_url: small } }];
    await expect(runJob(emu, 'sk_live_m', ops, 'photo.jpg')).resolves.toBeDefined();

    emu.enhancecraft.configure({ maskSize: 'exact' });
    const job = await submit(emu, 'sk_live_m', await uploadSite(emu, 'sk_live_m', 'photo.jpg'), ops);
    const { job: done } = await pollJob(emu, 'sk_live_m', job.id);
    expect([done.status, done.error_message]).toEqual([
      'failed',
      'Mask size 100x75 does not match the image (200x150)',
    ]);
    const exact = await boxMask(200, 150, { left: 10, top: 10, w: 20, h: 20 });
    const fitting = [{ type: 'remove-object', params: { mask_data_url: exact } }];
    await expect(runJob(emu, 'sk_live_m', fitting, 'photo.jpg')).resolves.toBeDefined();
  });
});
