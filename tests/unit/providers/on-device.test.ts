import { afterEach, describe, expect, it, vi } from 'vitest';
import { onDevice } from '@/utils/providers/on-device';

const running = (open: boolean) =>
  vi.stubGlobal('chrome', { runtime: { getContexts: async () => (open ? [{}] : []) } });

afterEach(() => vi.unstubAllGlobals());

describe('on-device provider', () => {
  it('needs no status poll for progress: the safety poll only says whether the engine is still there', async () => {
    running(true);
    expect(await onDevice.status()).toEqual({
      state: 'queued',
      rawStatus: 'running',
      progress: null,
      etaSeconds: null,
    });
  });

  it('fails readably once the engine’s document is gone (browser closed or restarted)', async () => {
    running(false);
    const status = await onDevice.status();
    expect(status.state).toBe('failed');
    expect(status.error).toMatchObject({
      retryable: true,
      message: 'The on-device engine stopped (the browser was closed or restarted). Retry to run it again.',
    });
  });

  it('offers Remove background only for images, as a cut-out, refusing what is too large first', () => {
    const op = onDevice.operations.find((o) => o.id === 'remove-background')!;
    expect(op).toMatchObject({ media: 'image', cutout: true, scale: 1, group: 'Background' });
    const media = { url: 'https://example.com/a.jpg', width: 5000, height: 4000, hasAlpha: false };
    expect(onDevice.precheck({ operation: op, media })).toMatch(/takes images up to 16\.0 MP/);
    expect(onDevice.precheck({ operation: op, media: { ...media, width: 4000, height: 3000 } })).toBeNull();
  });
});
