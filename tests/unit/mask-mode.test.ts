import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { registerMaskMode, type MaskModeDeps } from '@/entrypoints/background/mask-mode';
import { getBlob } from '@/utils/jobs/blobs';
import { listJobs } from '@/utils/jobs/store';
import { drawMask, pngDataUrl } from '@/utils/mask/drawn-mask';
import { maskMessaging } from '@/utils/messages/mask';
import { parseMenuId } from '@/utils/providers';

vi.mock('@/entrypoints/background/page-bridge', () => ({
  inspectMedia: vi.fn(async (_target: unknown, _jobId: string, srcUrl: string) => ({
    count: 1,
    bestUrl: srcUrl,
    naturalWidth: 200,
    naturalHeight: 150,
    hasAlpha: false,
  })),
  showNotice: vi.fn(async () => undefined),
}));
vi.mock('@/entrypoints/background/input-bytes', () => ({
  readInputBytes: vi.fn(async () => ({
    ok: true,
    blob: new Blob([new Uint8Array(64)], { type: 'image/jpeg' }),
  })),
}));

const SRC = 'https://gallery.example.org/images/photo.jpg';

/** Delivers a message to the background as Chrome would; resolves with the handler's answer. */
async function deliver(type: string, data: unknown, sender: object): Promise<unknown> {
  let respond!: (res: unknown) => void;
  const answered = new Promise((resolve) => (respond = resolve));
  const handled = await fakeBrowser.runtime.onMessage.trigger(
    { id: 1, type, data, timestamp: Date.now() },
    sender,
    respond,
  );
  return handled.length > 0 ? ((await answered) as { res?: unknown })?.res : undefined;
}
const fromViewer = () => ({ id: fakeBrowser.runtime.id, url: fakeBrowser.runtime.getURL('/viewer.html') });

let deps: MaskModeDeps & { start: ReturnType<typeof vi.fn>; askForKey: ReturnType<typeof vi.fn> };
let mode: ReturnType<typeof registerMaskMode>;
let key = true;
beforeEach(() => {
  fakeBrowser.reset();
  key = true;
  deps = {
    bootId: 'boot-1',
    resolve: async (id) => parseMenuId(id, []),
    hasKey: async () => key,
    askForKey: vi.fn(async () => undefined),
    start: vi.fn(async () => undefined),
  };
  mode = registerMaskMode(deps);
});
afterEach(() => maskMessaging.removeAllListeners());

const click = (menuItemId: string) =>
  ({
    menuItemId,
    srcUrl: SRC,
    frameId: 0,
    editable: false,
    pageUrl: 'https://gallery.example.org/',
  }) as never;

describe('mask mode: the menu choice', () => {
  it('a drawn-mask operation opens the viewer in mask mode on the clicked image; others go to intake', async () => {
    const create = vi.spyOn(fakeBrowser.tabs, 'create');
    const intake = vi.fn(async () => undefined);
    const routed = mode.route(intake);
    await routed(click('enhancecraft:remove-object'), { id: 7 });
    expect(intake).not.toHaveBeenCalled();
    const url = new URL(String(create.mock.calls[0]![0].url));
    expect(url.pathname).toBe('/viewer.html');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      mask: 'enhancecraft:remove-object',
      src: SRC,
      tab: '7',
      frame: '0',
    });
    await routed(click('enhancecraft:enhance-2x'), { id: 7 });
    expect(intake).toHaveBeenCalledTimes(1);
  });

  it('without the key it opens Options for this click, not the editor', async () => {
    key = false;
    const create = vi.spyOn(fakeBrowser.tabs, 'create');
    await mode.route(vi.fn())(click('enhancecraft:remove-text-masked'), { id: 7 });
    expect(create).not.toHaveBeenCalled();
    expect(deps.askForKey).toHaveBeenCalledWith('enhancecraft', 'Remove text…', expect.anything(), { id: 7 });
  });
});

describe('mask mode: Remove', () => {
  const request = async (menuItemId = 'enhancecraft:remove-object') => {
    const mask = await drawMask(
      [
        {
          radius: 5,
          points: [
            { x: 20, y: 20 },
            { x: 80, y: 60 },
          ],
        },
      ],
      200,
      150,
    );
    return { mask, data: { menuItemId, srcUrl: SRC, tabId: 7, frameId: 0, mask: pngDataUrl(mask.png) } };
  };

  it('records and starts one job with the drawn mask kept beside its input, and brings the page back', async () => {
    const update = vi.spyOn(fakeBrowser.tabs, 'update').mockResolvedValue({} as never);
    const { mask, data } = await request();
    expect(await deliver('maskSubmit', data, fromViewer())).toEqual({ ok: true });
    const jobs = (await listJobs()).filter((j) => j.operation === 'remove-object');
    expect(jobs.map((j) => [j.provider, j.operation, j.state, j.source.width])).toEqual([
      ['enhancecraft', 'remove-object', 'submitting', 200],
    ]);
    expect(deps.start).toHaveBeenCalledWith(jobs[0]!.id, jobs[0]); // with the record just written
    const kept = await getBlob(jobs[0]!.id, 'drawn-mask');
    expect(new Uint8Array(await kept!.arrayBuffer())).toEqual(mask.png);
    expect(update).toHaveBeenCalledWith(7, { active: true });
  });

  it('refuses what is not a drawn-mask operation, not a PNG, or not from the extension’s own pages', async () => {
    const { data } = await request();
    const before = (await listJobs()).length;
    expect(
      await deliver('maskSubmit', { ...data, menuItemId: 'enhancecraft:enhance-2x' }, fromViewer()),
    ).toEqual({
      ok: false,
      message: 'This operation takes no drawn mask.',
    });
    expect(
      await deliver('maskSubmit', { ...data, mask: 'data:image/png;base64,AAAA' }, fromViewer()),
    ).toEqual({
      ok: false,
      message: 'The drawn mask is not a PNG image.',
    });
    const webPage = { id: fakeBrowser.runtime.id, tab: { id: 3 }, url: 'https://evil.example/' };
    expect(await deliver('maskSubmit', data, webPage)).toMatchObject({ ok: false });
    expect(await listJobs()).toHaveLength(before);
    expect(deps.start).not.toHaveBeenCalled();
  });
});
