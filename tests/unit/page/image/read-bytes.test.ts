// @vitest-environment happy-dom
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { fromBase64 } from '@/utils/base64';
import { imageTypeOf, readCapped, sniffImageType } from '@/utils/page/image/image-bytes';
import { createPageHandlers } from '@/utils/page/handlers';
import { READ_REFUSALS, readImageBytes } from '@/utils/page/image/read-bytes';
import { recordsOf } from '@/utils/page/common/records';

const PAGE = 'https://gallery.example.org/album/';
const CDN = 'https://cdn.example.net/photos/';
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
const JPEG = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 4]);

const image = (bytes: Uint8Array<ArrayBuffer>, type = 'image/png', headers: Record<string, string> = {}) =>
  new Response(bytes, { headers: { 'content-type': type, ...headers } });
/** A fetch that answers per credentials mode; a missing answer is a network/CORS failure (TypeError). */
function fetchStub(answers: Partial<Record<RequestCredentials, () => Response>>) {
  return vi.fn<typeof fetch>(async (_url, init) => {
    const answer = answers[init?.credentials ?? 'same-origin'];
    if (!answer) throw new TypeError('Failed to fetch');
    return answer();
  });
}
const $ = (selector: string) => document.querySelector(selector) as HTMLImageElement;

beforeAll(() => {
  (window as unknown as { happyDOM: { setURL(url: string): void } }).happyDOM.setURL(PAGE);
});
afterAll(() => {
  document.body.innerHTML = '';
});
beforeEach(() => {
  document.body.innerHTML = `
    <img id="own" src="cat.jpg" srcset="cat.jpg 400w, cat-big.jpg 1600w">
    <img id="cdn" src="${CDN}dog.jpg">
    <img id="inline" src="data:image/png;base64,iVBORw0KGgo=">`;
});

describe('readImageBytes', () => {
  it('reads a same-origin image with the page cookies, from the cache, as base64', async () => {
    const fetch = fetchStub({ include: () => image(JPEG, 'image/jpeg; charset=binary') });
    const reply = await readImageBytes(document, 'j1', `${PAGE}cat-big.jpg`, { fetch });
    expect(reply).toEqual({ ok: true, type: 'image/jpeg', base64: expect.any(String), size: JPEG.length });
    expect(reply.ok && fromBase64(reply.base64)).toEqual(JPEG);
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(fetch.mock.calls[0]![0]).toBe(`${PAGE}cat-big.jpg`); // a srcset candidate the page offers
    expect(fetch.mock.calls[0]![1]).toMatchObject({ credentials: 'include', cache: 'force-cache' });
  });

  it('reads data: URLs (and names the type from the bytes when the server does not)', async () => {
    const fetch = fetchStub({ include: () => image(PNG, 'application/octet-stream') });
    const reply = await readImageBytes(document, 'j1', 'data:image/png;base64,iVBORw0KGgo=', { fetch });
    expect(reply).toMatchObject({ ok: true, type: 'image/png', size: PNG.length });
  });

  it('is not a fetch proxy: a URL no image on the page shows is refused without a request', async () => {
    const fetch = fetchStub({ include: () => image(PNG) });
    for (const url of [`${PAGE}secret.json`, 'https://bank.example.com/account', 'not a url at all']) {
      expect(await readImageBytes(document, 'j1', url, { fetch })).toEqual({
        ok: false,
        reason: READ_REFUSALS.notShown,
      });
    }
    expect(fetch).not.toHaveBeenCalled();
  });

  it("reads a layer of an element's CSS background, which the page shows as well", async () => {
    document.body.innerHTML += `<div id="banner" style="background-image: url('${CDN}banner.png')"></div>`;
    const fetch = fetchStub({ include: () => image(PNG) });
    const reply = await readImageBytes(document, 'j1', `${CDN}banner.png`, { fetch });
    expect(reply).toMatchObject({ ok: true, type: 'image/png', size: PNG.length });
  });

  it('refuses addresses the page cannot read, such as file: or an extension page', async () => {
    document.body.innerHTML = `<img src="file:///etc/passwd"><img src="chrome-extension://abc/x.png">`;
    const fetch = fetchStub({});
    for (const url of ['file:///etc/passwd', 'chrome-extension://abc/x.png']) {
      expect(await readImageBytes(document, 'j1', url, { fetch })).toEqual({
        ok: false,
        reason: READ_REFUSALS.scheme,
      });
    }
    expect(fetch).not.toHaveBeenCalled();
  });

  it('retries a cross-origin image without cookies, which is what CORS `*` allows', async () => {
    const fetch = fetchStub({ omit: () => image(JPEG, 'image/jpeg') });
    const reply = await readImageBytes(document, 'j1', `${CDN}dog.jpg`, { fetch });
    expect(reply).toMatchObject({ ok: true, size: JPEG.length });
    expect(fetch.mock.calls.map(([, init]) => init?.credentials)).toEqual(['include', 'omit']);
  });

  it('refuses more than the cap, by Content-Length or while streaming', async () => {
    const big = new Uint8Array(64).fill(1);
    const declared = fetchStub({ include: () => image(big, 'image/png', { 'content-length': '64' }) });
    const streamed = fetchStub({ include: () => image(big, 'image/png') });
    for (const fetch of [declared, streamed]) {
      const reply = await readImageBytes(document, 'j1', `${PAGE}cat.jpg`, { fetch, maxBytes: 63 });
      expect(reply).toEqual({ ok: false, reason: READ_REFUSALS.tooBig });
    }
    expect(READ_REFUSALS.tooBig).toBe('This image is larger than 25 MB.');
  });

  it('refuses a response that is not an image (a login page served in its place)', async () => {
    const html = new TextEncoder().encode('<!doctype html><title>Sign in</title>');
    const fetch = fetchStub({ include: () => image(html, 'text/html') });
    expect(await readImageBytes(document, 'j1', `${PAGE}cat.jpg`, { fetch })).toEqual({
      ok: false,
      reason: READ_REFUSALS.notImage,
    });
  });

  describe('when fetch cannot read it', () => {
    /** happy-dom has no 2D canvas: one that draws and encodes, or is tainted like a cross-origin image's. */
    function canvasStub(result: 'png' | 'tainted') {
      const drawn: unknown[] = [];
      const canvas = {
        width: 0,
        height: 0,
        getContext: () => ({ drawImage: (img: unknown) => drawn.push(img) }),
        toBlob(callback: (blob: Blob | null) => void, type: string) {
          if (result === 'tainted')
            throw new DOMException('Tainted canvases may not be exported.', 'SecurityError');
          callback(new Blob([PNG], { type }));
        },
      };
      const create = document.createElement.bind(document);
      vi.spyOn(document, 'createElement').mockImplementation(((tag: string) =>
        tag === 'canvas' ? canvas : create(tag)) as typeof document.createElement);
      return { canvas, drawn };
    }
    function loaded(img: HTMLImageElement, width: number, height: number) {
      Object.defineProperties(img, {
        complete: { value: true },
        naturalWidth: { value: width },
        naturalHeight: { value: height },
        currentSrc: { value: img.src },
      });
    }

    it('draws the loaded image, the job tagged copy first, and encodes it as PNG when CORS-clean', async () => {
      document.body.innerHTML += `<img id="tagged" src="${CDN}dog.jpg">`;
      recordsOf(document).tag('j1', [$('#tagged')]);
      loaded($('#cdn'), 800, 600);
      loaded($('#tagged'), 800, 600);
      const { canvas, drawn } = canvasStub('png');
      const reply = await readImageBytes(document, 'j1', `${CDN}dog.jpg`, { fetch: fetchStub({}) });
      expect(reply).toMatchObject({ ok: true, type: 'image/png', size: PNG.length });
      expect(drawn).toEqual([$('#tagged')]);
      expect([canvas.width, canvas.height]).toEqual([800, 600]);
    });

    it('says so in words when the other site does not let pages read it', async () => {
      loaded($('#cdn'), 800, 600);
      canvasStub('tainted');
      expect(await readImageBytes(document, 'j1', `${CDN}dog.jpg`, { fetch: fetchStub({}) })).toEqual({
        ok: false,
        reason: 'This image is on another site that does not let pages read it.',
      });
    });

    it('does not draw a copy that shows another file, or one that has not loaded', async () => {
      const { drawn } = canvasStub('png');
      const reply = await readImageBytes(document, 'j1', `${PAGE}cat-big.jpg`, { fetch: fetchStub({}) });
      expect(reply).toEqual({ ok: false, reason: READ_REFUSALS.failed });
      expect(drawn).toEqual([]);
    });
  });
});

describe('pageReadBytes handler', () => {
  it('parses the payload and answers through readImageBytes', async () => {
    const fetch = fetchStub({ include: () => image(PNG) });
    const handlers = createPageHandlers(document, { fetch });
    await expect(handlers.readBytes({ jobId: 'j1', srcUrl: 'cat.jpg' })).resolves.toMatchObject({ ok: true });
    for (const bad of [
      { srcUrl: 'cat.jpg' },
      { jobId: 'j1', srcUrl: '' },
      { jobId: 'j1', srcUrl: 7 },
      null,
    ]) {
      await expect(handlers.readBytes(bad)).rejects.toThrow();
    }
  });
});

describe('image-bytes helpers', () => {
  it('recognises the common formats by their first bytes', () => {
    const riff = (tag: string) =>
      new Uint8Array([82, 73, 70, 70, 0, 0, 0, 0, ...new TextEncoder().encode(tag)]);
    expect(sniffImageType(JPEG)).toBe('image/jpeg');
    expect(sniffImageType(PNG)).toBe('image/png');
    expect(sniffImageType(new TextEncoder().encode('GIF89a'))).toBe('image/gif');
    expect(sniffImageType(riff('WEBP'))).toBe('image/webp');
    expect(sniffImageType(riff('WAVE'))).toBeNull();
    expect(sniffImageType(new Uint8Array([0, 0, 0, 0x1c, ...new TextEncoder().encode('ftypavif')]))).toBe(
      'image/avif',
    );
    expect(sniffImageType(new TextEncoder().encode('<svg'))).toBeNull();
  });

  it('trusts a declared image type and sniffs the rest', () => {
    expect(imageTypeOf('IMAGE/WebP; q=1', new Uint8Array())).toBe('image/webp');
    expect(imageTypeOf(null, PNG)).toBe('image/png');
    expect(imageTypeOf('text/plain', new Uint8Array([1]))).toBeNull();
  });

  it('reads a streamed body in chunks up to the cap', async () => {
    const stream = () =>
      new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(new Uint8Array([1, 2, 3]));
          controller.enqueue(new Uint8Array([4, 5]));
          controller.close();
        },
      });
    expect(await readCapped(new Response(stream()), 5)).toEqual(new Uint8Array([1, 2, 3, 4, 5]));
    expect(await readCapped(new Response(stream()), 4)).toBe('too-big');
  });
});
