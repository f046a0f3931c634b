// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest';
import { ContentScriptContext } from 'wxt/utils/content-script-context';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import definition from '@/entrypoints/page.content/index';

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
const inject = () => {
  const ctx = new ContentScriptContext('page');
  definition.main(ctx);
  return ctx;
};

beforeEach(() => {
  fakeBrowser.reset();
  document.body.innerHTML = '<img src="https://gallery.example.org/cat.jpg">';
});

describe('page content script', () => {
  it('is registered at runtime only, with no match patterns (so no host permissions)', () => {
    expect(definition.registration).toBe('runtime');
    expect(definition.matches).toBeUndefined();
  });

  it('keeps exactly one set of listeners and one marker layer however often it is injected', async () => {
    inject();
    const srcUrl = 'https://gallery.example.org/cat.jpg';
    expect((await deliver('pageInspect', { jobId: 'j1', srcUrl })).response).toMatchObject({
      res: { count: 1 },
    });
    const resultUrl = 'https://cdn.example.net/r.png';
    const replaced = await deliver('pageReplace', { jobId: 'j1', srcUrl, resultUrl, label: 'x' });
    expect(replaced.response).toMatchObject({ res: { outcome: 'replaced', replacedCount: 1 } });

    const contexts = [inject(), inject()];
    expect(contexts.map((ctx) => ctx.isValid)).toEqual([false, true]); // WXT stops the older instance
    const { listeners, response } = await deliver('pageShow', { jobId: 'j1', version: 'original' });
    expect(listeners).toBe(1);
    expect(response).toEqual({ res: { changed: 1 } });
    const hosts = document.querySelectorAll('eip-markers');
    expect(hosts).toHaveLength(1); // the newest instance rebuilt the marker from the element's state
    expect(hosts[0]!.shadowRoot!.querySelectorAll('button')).toHaveLength(1);
    contexts[1]!.abort();
  });

  it('takes over from a previous instance that WXT did not invalidate', async () => {
    const old = inject();
    const ctx = new ContentScriptContext('not-the-same-name'); // its start event does not reach `old`
    definition.main(ctx);
    expect(old.isValid).toBe(true);
    const { listeners, response } = await deliver('pageShow', { jobId: 'j1', version: 'original' });
    expect(listeners).toBe(1);
    expect(response).toEqual({ res: { changed: 0 } });
    old.abort(); // the instance that stopped already must not take the new one's listeners with it
    expect((await deliver('pageShow', { jobId: 'j1', version: 'original' })).listeners).toBe(1);
    ctx.abort();
  });

  it('answers the backdrop and read-bytes messages', async () => {
    const ctx = inject();
    expect((await deliver('pageBackdrop', { jobId: 'j1', backdrop: 'white' })).response).toEqual({
      res: { changed: 0 },
    });
    const read = await deliver('pageReadBytes', { jobId: 'j1', srcUrl: 'https://elsewhere.example/x.png' });
    expect(read.response).toEqual({ res: { ok: false, reason: 'This image is no longer on the page.' } });
    expect((await deliver('pageBackdrop', { jobId: 'j1', backdrop: 'red' })).response).toMatchObject({
      err: expect.anything(),
    });
    ctx.abort();
  });

  it('answers a malformed payload or an untrusted sender with an error', async () => {
    const ctx = inject();
    expect((await deliver('pageShow', { jobId: 'j1', version: 'both' })).response).toMatchObject({
      err: expect.anything(),
    });
    const fromTab = await deliver(
      'pageShow',
      { jobId: 'j1', version: 'original' },
      {
        id: fakeBrowser.runtime.id,
        tab: { id: 4 },
      },
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
    ctx.abort();
  });

  it('stops listening and removes its UI when its context is invalidated', async () => {
    const ctx = inject();
    ctx.abort();
    expect((await deliver('pageShow', { jobId: 'j1', version: 'original' })).listeners).toBe(0);
    expect(document.querySelectorAll('eip-markers')).toHaveLength(0);
    inject().abort(); // and a later injection starts cleanly
  });
});
