import { browser } from 'wxt/browser';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { pageMessaging } from '@/utils/messages/page-protocol';
import { isTrustedSender } from '@/utils/page/handlers';
import { startPageCode } from '@/utils/page/page-code';

/** The running instance; the key is only visible to this extension's isolated world, never to the page. */
const ACTIVE = Symbol.for('enhance-in-place.page');
interface Running {
  alive(): boolean;
  stop(): void;
}
type GuardedWindow = Window & { [ACTIVE]?: Running };

/** Whether this extension is still installed and enabled: an orphaned content script loses its id. */
const extensionAlive = () => browser.runtime?.id != null;

/**
 * Page code, injected by the background on each click (`/content-scripts/page.js`), never by the manifest.
 *
 * The first instance in a document keeps running and every later injection stands down: what the page
 * code changed is kept in its memory (utils/page/common/records.ts), never on the elements, so it must not
 * be handed over. It stops only when the extension itself goes away. WXT's context also invalidates on a
 * `content-script-started` event, which any page can dispatch on `document`: that event is ignored here
 * (and `noScriptStartedPostMessage` keeps WXT from announcing us by postMessage to the page at all).
 */
export default defineContentScript({
  registration: 'runtime',
  noScriptStartedPostMessage: true,
  main() {
    const win = window as GuardedWindow;
    const running = win[ACTIVE];
    if (running?.alive()) return;
    running?.stop(); // an instance of an extension version that is gone

    const page = startPageCode(document, { alive: extensionAlive });
    const { handlers } = page;
    const guarded =
      <R>(handle: (data: unknown) => R) =>
      ({ data, sender }: { data: unknown; sender: { id?: string; tab?: unknown } }): R => {
        if (!isTrustedSender(sender, browser.runtime.id))
          throw new Error('Refused a message from an untrusted sender.');
        return handle(data);
      };
    const removers = [
      pageMessaging.onMessage('pageInspect', guarded(handlers.inspect)),
      pageMessaging.onMessage('pageReplace', guarded(handlers.replace)),
      pageMessaging.onMessage('pageShow', guarded(handlers.show)),
      pageMessaging.onMessage('pageBackdrop', guarded(handlers.backdrop)),
      pageMessaging.onMessage('pageReadBytes', guarded(handlers.readBytes)),
      pageMessaging.onMessage('pageNotice', guarded(handlers.notice)),
    ];

    let stopped = false;
    const instance: Running = {
      alive: () => !stopped && extensionAlive(),
      stop() {
        if (stopped) return;
        stopped = true;
        removers.forEach((remove) => remove());
        page.destroy();
        if (win[ACTIVE] === instance) delete win[ACTIVE];
      },
    };
    win[ACTIVE] = instance;
  },
});
