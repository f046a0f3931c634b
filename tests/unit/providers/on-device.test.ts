import { describe, expect, it } from 'vitest';
import { putBlob } from '@/utils/jobs/blobs';
import { writeLocalJob } from '@/utils/on-device/local-jobs';
import { onDevice } from '@/utils/providers/on-device';

describe('on-device provider', () => {
  it('names the kept cut-out and its mask, and hands back their bytes', async () => {
    await putBlob('cut-1', 'result', new Blob(['cut-out'], { type: 'image/png' }));
    await putBlob('cut-1', 'mask', new Blob(['mask'], { type: 'image/png' }));
    await writeLocalJob('cut-1', { state: 'done', width: 3, height: 2, mask: true });
    const status = await onDevice.status('cut-1');
    expect(status).toMatchObject({ state: 'completed', progress: 1 });
    expect(await (await onDevice.download(status.resultUrl!)).text()).toBe('cut-out');
    expect(await (await onDevice.download(status.maskUrl!)).text()).toBe('mask');
  });

  it('gives an upscale no mask, and says plainly when a kept copy is gone', async () => {
    await writeLocalJob('up-1', { state: 'done', width: 6, height: 4 });
    const status = await onDevice.status('up-1');
    expect(status.maskUrl).toBeUndefined();
    await expect(onDevice.download(status.resultUrl!)).rejects.toThrow('The on-device result is gone.');
    await expect(onDevice.download('https://example.com/x.png')).rejects.toThrow('gone');
  });

  it('offers Remove background only for images, as a cut-out, refusing what is too large first', () => {
    const op = onDevice.operations.find((o) => o.id === 'remove-background')!;
    expect(op).toMatchObject({ media: 'image', cutout: true, scale: 1, group: 'Background' });
    const media = { url: 'https://example.com/a.jpg', width: 5000, height: 4000, hasAlpha: false };
    expect(onDevice.precheck({ operation: op, media })).toMatch(/takes images up to 16\.0 MP/);
    expect(onDevice.precheck({ operation: op, media: { ...media, width: 4000, height: 3000 } })).toBeNull();
  });
});
