import { browser } from 'wxt/browser';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { createPickSession } from '@/utils/page/pick/session';
import { pickMessaging } from '@/utils/messages/pick';

/** The running instance; the key is only visible to this extension's isolated world, never to the page. */
const ACTIVE = Symbol.for('enhance-in-place.pick');
type GuardedWindow = Window & { [ACTIVE]?: { alive(): boolean; stop(): void } };

/** Whether this extension is still installed and enabled: an orphaned content script loses its id. */
const extensionAlive = () => browser.runtime?.id != null;

/**
 * Pick mode (`/content-scripts/pick.js`), injected by the background into every frame of the tab it can
 * reach when an operation is chosen where Chrome saw no image (page, link or frame menus, or the
 * keyboard shortcut). Kept apart from the page code so a pick injects only this. The first instance in
 * a document keeps listening and later injections stand down, unless it belongs to an extension version
 * that is gone; it never relies on WXT's `content-script-started` event, which any page can dispatch.
 */
export default defineContentScript({
  registration: 'runtime',
  noScriptStartedPostMessage: true,
  main() {
    const win = window as GuardedWindow;
    if (win[ACTIVE]?.alive()) return;
    win[ACTIVE]?.stop();

    const session = createPickSession(document, {
      done: (picked) => void pickMessaging.sendMessage('pickDone', picked).catch(() => undefined),
      cancel: () => void pickMessaging.sendMessage('pickCancel', undefined).catch(() => undefined),
    });
    // Only this extension's background drives the picker (its messages come with no tab).
    const fromBackground = (sender: { id?: string; tab?: unknown }) =>
      sender.id === browser.runtime.id && sender.tab == null;
    const removers = [
      pickMessaging.onMessage('pickStart', ({ data, sender }) => {
        if (fromBackground(sender)) session.start(data);
      }),
      pickMessaging.onMessage('pickStop', ({ sender }) => {
        if (fromBackground(sender)) session.stop();
      }),
    ];
    win[ACTIVE] = {
      alive: extensionAlive,
      stop() {
        removers.forEach((remove) => remove());
        session.stop();
      },
    };
  },
});
