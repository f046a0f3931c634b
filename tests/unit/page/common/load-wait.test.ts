// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { waitForImage } from '@/utils/page/common/load-wait';

function image(decode?: () => Promise<void>): HTMLImageElement {
  const img = document.createElement('img');
  Object.defineProperty(img, 'decode', { configurable: true, value: decode });
  return img;
}
const never = () => new Promise<void>(() => {});
/** What a broken request looks like: complete, but no pixels. */
function broken(img: HTMLImageElement) {
  Object.defineProperty(img, 'complete', { configurable: true, value: true });
  Object.defineProperty(img, 'naturalWidth', { configurable: true, value: 0 });
}

afterEach(() => {
  vi.useRealTimers();
});

describe('waitForImage', () => {
  it('resolves true once decode() resolves', async () => {
    await expect(
      waitForImage(
        image(() => Promise.resolve()),
        1000,
      ),
    ).resolves.toBe(true);
  });

  it('falls back to the load / error events without decode()', async () => {
    const loaded = image(undefined);
    const pendingLoad = waitForImage(loaded, 1000);
    loaded.dispatchEvent(new Event('load'));
    await expect(pendingLoad).resolves.toBe(true);

    const failed = image(undefined);
    const pendingError = waitForImage(failed, 1000);
    failed.dispatchEvent(new Event('error'));
    await expect(pendingError).resolves.toBe(false);
  });

  it('resolves false when decode() rejects for a broken image (a CSP refusal)', async () => {
    const img = image(() => Promise.reject(new DOMException('', 'EncodingError')));
    broken(img);
    await expect(waitForImage(img, 1000)).resolves.toBe(false);
  });

  it('lets the events decide when decode() rejects for another reason', async () => {
    const img = image(() => Promise.reject(new DOMException('', 'EncodingError')));
    Object.defineProperty(img, 'complete', { configurable: true, value: false });
    const pending = waitForImage(img, 1000);
    await Promise.resolve();
    img.dispatchEvent(new Event('load'));
    await expect(pending).resolves.toBe(true);
  });

  it('resolves false after the timeout, and only once', async () => {
    vi.useFakeTimers();
    const img = image(never);
    const pending = waitForImage(img, 5000);
    vi.advanceTimersByTime(4999);
    img.dispatchEvent(new Event('error'));
    await expect(pending).resolves.toBe(false);

    const slow = image(never);
    const timedOut = waitForImage(slow, 5000);
    vi.advanceTimersByTime(5000);
    slow.dispatchEvent(new Event('load')); // too late to count
    await expect(timedOut).resolves.toBe(false);
  });
});
