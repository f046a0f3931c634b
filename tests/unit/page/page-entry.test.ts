// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ContentScriptContext } from 'wxt/utils/content-script-context';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import definition from '@/entrypoints/page.content/index';

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
/** What the background's executeScript does on each click. */
const inject = () => {
  const ctx = new ContentScriptContext('page', { noScriptStartedPostMessage: true });
  definition.main(ctx);
  return ctx;
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
  it('is registered at runtime only, with no match patterns, and never announces itself to the page', () => {
    expect(definition.registration).toBe('runtime');
    expect(definition.matches).toBeUndefined();
    expect(definition.noScriptStartedPostMessage).toBe(true);
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
    const ctx = inject();
    document.dispatchEvent(
      new CustomEvent(STARTED_EVENT, {
        detail: { contentScriptName: 'page', messageId: 'forged-by-the-page' },
      }),
    );
    expect(ctx.isValid).toBe(false); // WXT's own context believed it…
    await deliver('pageInspect', { jobId: 'j1', srcUrl });
    const replaced = await deliver('pageReplace', { jobId: 'j1', srcUrl, resultUrl, label: 'x' });
    expect(replaced).toMatchObject({ listeners: 1, response: { res: { outcome: 'replaced' } } }); // …we did not
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
