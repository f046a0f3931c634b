import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { registerSettingsHandlers } from '@/entrypoints/background/settings-handlers';
import { settingsMessaging } from '@/utils/messages/settings';

/** Delivers a message to the background as Chrome would; resolves with the handler's answer. */
async function deliver(sender: object): Promise<unknown> {
  let respond!: (res: unknown) => void;
  const answered = new Promise((resolve) => (respond = resolve));
  const handled = await fakeBrowser.runtime.onMessage.trigger(
    { id: 1, type: 'operationChoices', data: undefined, timestamp: Date.now() },
    sender,
    respond,
  );
  return handled.length > 0 ? ((await answered) as { res?: unknown })?.res : undefined;
}

const fromPopup = () => ({ id: fakeBrowser.runtime.id, url: fakeBrowser.runtime.getURL('/popup.html') });

beforeEach(() => {
  vi.stubGlobal('chrome', fakeBrowser); // the messaging library's `chrome`
  fakeBrowser.reset();
});
afterEach(() => settingsMessaging.removeAllListeners());

describe('the operations the settings panels offer as the default action', () => {
  it('are the menus’ operations, with the saved keys and pipelines the menus are built from', async () => {
    registerSettingsHandlers(async () => ({ keyed: new Set(['hitpaw'] as const), showKeyless: false }));
    const { choices } = (await deliver(fromPopup())) as { choices: { id: string; label: string }[] };
    expect(choices.find((c) => c.id === 'hitpaw-photo:general_4x')?.label).toBe(
      'General 4× · HitPaw (from 10 coins)',
    );
    // Hidden from the menus, still a choice (it says it needs a key).
    expect(choices.find((c) => c.id === 'tensorpix:denoise')?.label).toBe('Denoise · TensorPix (add key)');
  });

  it('are told to the extension’s own pages only', async () => {
    registerSettingsHandlers(async () => ({}));
    const fromPage = { ...fromPopup(), url: 'https://evil.example/', tab: { id: 3 } };
    expect(await deliver(fromPage)).toEqual({ choices: [] });
  });
});
