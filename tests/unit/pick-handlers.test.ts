import { afterEach, beforeEach, describe, expect, it, vi, type Mock } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { registerPickHandlers, type DispatchDeps } from '@/entrypoints/background/pick';
import { pickMessaging } from '@/utils/messages/pick';

/** Delivers a message to the background as Chrome would, with the sender the browser fills in. */
async function deliver(type: string, data: unknown, sender: object) {
  let respond!: (res: unknown) => void;
  const answered = new Promise((resolve) => (respond = resolve));
  const handled = await fakeBrowser.runtime.onMessage.trigger(
    { id: 1, type, data, timestamp: Date.now() },
    sender,
    respond,
  );
  if (handled.length > 0) await answered;
}

const picked = {
  menuItemId: 'on-device:upscale-2x',
  url: 'https://shop.example/p.jpg',
  kind: 'background',
  width: 640,
  height: 480,
};
const fromPage = () => ({
  id: fakeBrowser.runtime.id,
  tab: { id: 9 },
  frameId: 3,
  url: 'https://shop.example/item',
});

let intake: Mock<DispatchDeps['intake']>;
let stops: Mock<(...args: unknown[]) => unknown>;
beforeEach(() => {
  fakeBrowser.reset();
  intake = vi.fn<DispatchDeps['intake']>(async () => undefined);
  // Answers as a tab with no listener left would (the messaging library passes a callback).
  stops = vi.fn((...args: unknown[]) => {
    (args.find((a) => typeof a === 'function') as ((r?: unknown) => void) | undefined)?.(undefined);
    return Promise.resolve(undefined);
  });
  vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockImplementation(stops as never);
  registerPickHandlers(intake);
});
afterEach(() => pickMessaging.removeAllListeners());

describe('pick reports in the background', () => {
  it("runs a pick through intake as a click on the media in the picker's own frame, and ends picking elsewhere", async () => {
    await deliver('pickDone', picked, fromPage());
    expect(intake).toHaveBeenCalledWith(
      expect.objectContaining({
        menuItemId: 'on-device:upscale-2x',
        srcUrl: 'https://shop.example/p.jpg',
        frameId: 3,
        pageUrl: 'https://shop.example/item',
      }),
      { id: 9 },
    );
    expect(stops.mock.calls.map((call) => [call[0], (call[1] as { type: string }).type])).toEqual([
      [9, 'pickStop'],
    ]);
  });

  it('ignores a report from another extension, from no tab, or with a malformed payload', async () => {
    await deliver('pickDone', picked, { ...fromPage(), id: 'another-extension' });
    await deliver('pickDone', picked, { id: fakeBrowser.runtime.id });
    await deliver('pickDone', { ...picked, kind: 'audio' }, fromPage());
    await deliver('pickDone', { ...picked, url: '' }, fromPage());
    await deliver('pickDone', { ...picked, width: -1 }, fromPage());
    expect(intake).not.toHaveBeenCalled();
  });

  it('ends picking in every frame of the tab on a cancel', async () => {
    await deliver('pickCancel', undefined, fromPage());
    expect(stops.mock.calls.map((call) => [call[0], (call[1] as { type: string }).type])).toEqual([
      [9, 'pickStop'],
    ]);
    expect(intake).not.toHaveBeenCalled();
  });
});
