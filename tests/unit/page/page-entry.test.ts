// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ContentScriptContext } from 'wxt/utils/content-script-context';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import definition from '@/entrypoints/page/index';
import backgroundPart from '@/entrypoints/page-background/index';
import noticePart from '@/entrypoints/page-notice/index';
import readBytesPart from '@/entrypoints/page-read-bytes/index';
import resultPart from '@/entrypoints/page-result/index';
import videoPart from '@/entrypoints/page-video/index';
import { pageMessaging } from '@/utils/messages/page';

const ACTIVE = Symbol.for('enhance-in-place.page');
const EXTENSION_ID = fakeBrowser.runtime.id;

/** Delivers a message as Chrome would to the page code; resolves with what it answered. */
async function deliver(type: string, data: unknown, sender: object = { id: fakeBrowser.runtime.id }) {
  let respond!: (res: unknown) => void;
  const answered = new Promise((resolve) => (respond = resolve));
  const handled = await fakeBrowser.runtime.onMessage.trigger(
    { id: 1, type, data, timestamp: Date.now() },
    sender,
    respond,
  );
  return { listeners: handled.length, response: handled.length > 0 ? await answered : undefined };
}
const PARTS = [resultPart, videoPart, backgroundPart, readBytesPart, noticePart];
/** What the background's executeScript does on a click (the core), and as a job needs them (the rest). */
const injectCore = () => definition.main();
const inject = () => {
  injectCore();
  PARTS.forEach((part) => part.main());
};
const markerButtons = () =>
  Array.from(document.querySelectorAll('eip-markers')).flatMap((host) =>
    Array.from(host.shadowRoot!.querySelectorAll('button')),
  );
/** WXT's event name (`<extension id>:<entrypoint>:wxt:content-script-started`), which a page can learn. */
const STARTED_EVENT = (ContentScriptContext as unknown as { SCRIPT_STARTED_MESSAGE_TYPE: string })
  .SCRIPT_STARTED_MESSAGE_TYPE;
const srcUrl = 'https://gallery.example.org/cat.jpg';
const resultUrl = 'https://cdn.example.net/r.png';

beforeEach(() => {
  fakeBrowser.reset();
  document.body.innerHTML = `<img src="${srcUrl}">`;
});
afterEach(() => {
  (window as unknown as Record<symbol, { stop(): void } | undefined>)[ACTIVE]?.stop();
  fakeBrowser.runtime.id = EXTENSION_ID;
});

describe('page content script', () => {
  it('is an unlisted script: in no manifest entry, with no match patterns, announced to no page', () => {
    // Only `main`: none of a content script's registration, matches or WXT context options.
    expect(Object.keys(definition)).toEqual(['main']);
    const posted = vi.spyOn(window, 'postMessage');
    const dispatched = vi.spyOn(document, 'dispatchEvent');
    inject();
    expect(posted).not.toHaveBeenCalled();
    expect(dispatched).not.toHaveBeenCalled();
  });

  it('keeps one instance, its memory, listeners and marker layer however often it is injected', async () => {
    inject();
    expect((await deliver('pageInspect', { jobId: 'j1', srcUrl })).response).toMatchObject({
      res: { count: 1 },
    });
    const replaced = await deliver('pageReplace', { jobId: 'j1', srcUrl, resultUrl, label: 'x' });
    expect(replaced.response).toMatchObject({ res: { outcome: 'replaced', replacedCount: 1 } });

    inject();
    inject();
    const { listeners, response } = await deliver('pageShow', { jobId: 'j1', version: 'original' });
    expect(listeners).toBe(1);
    expect(response).toEqual({ res: { changed: 1 } });
    await expect.poll(() => markerButtons().map((b) => b.textContent)).toEqual(['Original · Show enhanced']);
    expect(document.querySelectorAll('eip-markers')).toHaveLength(1);
  });

  it("is not switched off by a page dispatching WXT's content-script-started event", async () => {
    inject();
    document.dispatchEvent(
      new CustomEvent(STARTED_EVENT, {
        detail: { contentScriptName: 'page', messageId: 'forged-by-the-page' },
      }),
    );
    await deliver('pageInspect', { jobId: 'j1', srcUrl });
    const replaced = await deliver('pageReplace', { jobId: 'j1', srcUrl, resultUrl, label: 'x' });
    expect(replaced).toMatchObject({ listeners: 1, response: { res: { outcome: 'replaced' } } });
  });

  it('stops, taking its UI away, once the extension is gone; a later injection starts afresh', async () => {
    inject();
    await deliver('pageReplace', { jobId: 'j1', srcUrl, resultUrl, label: 'x' });
    await expect.poll(() => markerButtons()).toHaveLength(1);
    fakeBrowser.runtime.id = undefined as unknown as string; // what an orphaned content script sees
    document.body.append(document.createElement('p')); // the next change it notices
    await expect.poll(() => document.querySelectorAll('eip-markers').length).toBe(0);

    fakeBrowser.runtime.id = EXTENSION_ID;
    inject();
    const { listeners } = await deliver('pageShow', { jobId: 'j1', version: 'original' });
    expect(listeners).toBe(1);
  });

  it('answers the backdrop and read-bytes messages', async () => {
    inject();
    expect((await deliver('pageBackdrop', { jobId: 'j1', backdrop: 'white' })).response).toEqual({
      res: { changed: 0 },
    });
    const read = await deliver('pageReadBytes', { jobId: 'j1', srcUrl: 'https://elsewhere.example/x.png' });
    expect(read.response).toEqual({ res: { ok: false, reason: 'This image is no longer on the page.' } });
    expect((await deliver('pageBackdrop', { jobId: 'j1', backdrop: 'red' })).response).toMatchObject({
      err: expect.anything(),
    });
  });

  it('answers a malformed payload or an untrusted sender with an error', async () => {
    inject();
    expect((await deliver('pageShow', { jobId: 'j1', version: 'both' })).response).toMatchObject({
      err: expect.anything(),
    });
    const fromTab = await deliver(
      'pageShow',
      { jobId: 'j1', version: 'original' },
      { id: fakeBrowser.runtime.id, tab: { id: 4 } },
    );
    expect(fromTab.response).toMatchObject({ err: expect.anything() });
    const fromOther = await deliver(
      'pageShow',
      { jobId: 'j1', version: 'original' },
      { id: 'another-extension' },
    );
    expect(fromOther.response).toMatchObject({ err: expect.anything() });
    expect((await deliver('pageShow', { jobId: 'j1', version: 'original' })).response).toEqual({
      res: { changed: 0 },
    });
  });
});

describe('the page channel', () => {
  /** Chrome's tabs.sendMessage, as the background's messaging library calls it, delivered to this frame. */
  const route = () =>
    vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockImplementation(((
      _tab: number,
      message: unknown,
      _options: unknown,
      reply: (r: unknown) => void,
    ) => {
      void fakeBrowser.runtime.onMessage.trigger(message, { id: fakeBrowser.runtime.id }, reply);
    }) as never);

  it("answers the background's own messaging library: replies as values, refusals as errors", async () => {
    route();
    inject();
    const target = { tabId: 1, frameId: 0 };
    await expect(
      pageMessaging.sendMessage('pageInspect', { jobId: 'j1', srcUrl }, target),
    ).resolves.toMatchObject({
      count: 1,
      bestUrl: srcUrl,
    });
    await expect(
      pageMessaging.sendMessage('pageShow', { jobId: 'j1', version: 'both' as 'original' }, target),
    ).rejects.toThrow(/Invalid version/);
  });

  it('leaves messages it does not know to other listeners, inherited names included', async () => {
    inject();
    const respond = vi.fn();
    for (const message of [
      ...['pickStart', 'constructor', '__proto__', 'toString'].map((type) => ({ id: 1, type, timestamp: 1 })),
      'pageShow',
      { type: 'pageShow', data: {} }, // no timestamp: not this wire format
    ]) {
      // false: not answered here, so the channel stays free for another listener's answer
      expect(
        await fakeBrowser.runtime.onMessage.trigger(message, { id: fakeBrowser.runtime.id }, respond),
      ).toEqual([false]);
    }
    expect(respond).not.toHaveBeenCalled();
  });

  it('finds the real extension API when the page names an element "browser"', async () => {
    const clobber = document.createElement('form');
    clobber.id = 'browser';
    clobber.innerHTML = '<input name="runtime" id="x">';
    vi.stubGlobal('browser', clobber); // what named access on window would show
    inject();
    expect((await deliver('pageInspect', { jobId: 'j1', srcUrl })).response).toMatchObject({
      res: { count: 1 },
    });
    vi.stubGlobal('browser', fakeBrowser); // as the test setup has it
  });
});

describe('the files that join the page code', () => {
  it('the core a click injects answers pageInspect alone; the others arrive with the files that join it', async () => {
    injectCore();
    expect((await deliver('pageInspect', { jobId: 'j1', srcUrl })).response).toMatchObject({
      res: { count: 1 },
    });
    const respond = vi.fn();
    const message = { id: 2, type: 'pageReplace', data: {}, timestamp: 1 };
    const sender = { id: fakeBrowser.runtime.id };
    expect(await fakeBrowser.runtime.onMessage.trigger(message, sender, respond)).toEqual([false]);
    const running = (window as unknown as Record<symbol, { partsFor(j: string, s: string): string[] }>)[
      ACTIVE
    ]!;
    expect(running.partsFor('j1', srcUrl)).toEqual(['result']);

    resultPart.main();
    resultPart.main(); // joins once
    expect(running.partsFor('j1', srcUrl)).toEqual([]);
    const replaced = await deliver('pageReplace', { jobId: 'j1', srcUrl, resultUrl, label: 'x' });
    expect(replaced).toMatchObject({
      listeners: 1,
      response: { res: { outcome: 'replaced', replacedCount: 1 } },
    });
    await expect.poll(() => markerButtons()).toHaveLength(1);
  });

  it('asks for the video code for a job on a video', () => {
    document.body.innerHTML = `<video src="https://gallery.example.org/clip.mp4"></video>`;
    injectCore();
    const running = (window as unknown as Record<symbol, { partsFor(j: string, s: string): string[] }>)[
      ACTIVE
    ]!;
    expect(running.partsFor('j2', 'https://gallery.example.org/clip.mp4')).toEqual(['result', 'video']);
  });

  it('a file that joins where no page code runs stands down: no listener, nothing in the page', async () => {
    PARTS.forEach((part) => part.main());
    const { listeners } = await deliver('pageShow', { jobId: 'j1', version: 'original' });
    expect(listeners).toBe(0);
    expect(document.querySelectorAll('eip-markers')).toHaveLength(0);
  });
});
