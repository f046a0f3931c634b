import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { readInputBytes } from '@/entrypoints/background/input-bytes';

const URL_ = 'https://photos.example.com/p/cat';
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4]);

function answerWith(response: () => Response) {
  const fetch = vi.fn(async () => response());
  vi.stubGlobal('fetch', fetch);
  return fetch;
}

beforeEach(() => {
  fakeBrowser.reset();
  // The worker already had access: no prompt, so a refused read ends with the reason.
  vi.spyOn(fakeBrowser.permissions, 'contains').mockImplementation(async () => true);
});
afterEach(() => vi.unstubAllGlobals());

describe("the worker's own read of an input image", () => {
  it('keeps bytes that are an image, typed by what they are, not by the label', async () => {
    answerWith(() => new Response(PNG, { headers: { 'content-type': 'application/octet-stream' } }));
    const read = await readInputBytes(undefined, 'j1', URL_);
    expect(read.ok).toBe(true);
    if (read.ok) {
      expect(read.blob.type).toBe('image/png');
      expect(read.blob.size).toBe(PNG.length);
    }
  });

  it('refuses an HTML page labelled as an image', async () => {
    answerWith(
      () => new Response('<!doctype html><p>Sign in', { headers: { 'content-type': 'image/jpeg' } }),
    );
    expect((await readInputBytes(undefined, 'j1', URL_)).ok).toBe(false);
  });

  it('refuses a body announcing more than the upload limit without reading it', async () => {
    let pulled = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += PNG.length;
        controller.enqueue(PNG);
      },
    });
    answerWith(() => new Response(body, { headers: { 'content-length': String(2 * 1024 ** 3) } }));
    expect((await readInputBytes(undefined, 'j1', URL_)).ok).toBe(false);
    expect(pulled).toBeLessThan(1024);
  });

  it('sends no cookies and passes a deadline signal', async () => {
    const fetch = answerWith(() => new Response(PNG));
    await readInputBytes(undefined, 'j1', URL_);
    const init = (fetch.mock.calls[0] as unknown as [string, RequestInit])[1];
    expect(init.credentials).toBe('omit');
    expect(init.signal).toBeInstanceOf(AbortSignal);
  });
});
