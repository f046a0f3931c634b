import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import type { PageProtocol } from '@/utils/messages/page-protocol';
import { listen } from '@/utils/page/common/channel';
import { extensionAlive, pageRuntime, type MessageSender } from '@/utils/page/common/extension-api';
import { isTrustedSender } from '@/utils/page/handlers';
import { startPageCode } from '@/utils/page/page-code';

/** The running instance; the key is only visible to this extension's isolated world, never to the page. */
const ACTIVE = Symbol.for('enhance-in-place.page');
interface Running {
  alive(): boolean;
  stop(): void;
}
type GuardedWindow = Window & { [ACTIVE]?: Running };

/**
 * Page code (`/page.js`), injected by the background into the clicked frame on each click, never by the
 * manifest. An unlisted script rather than a content script: it carries no WXT content-script context, so
 * nothing announces it to the page (no `content-script-started` event or postMessage a page could see or
 * forge), and no webextension-polyfill (see utils/page/common/extension-api.ts).
 *
 * The first instance in a document keeps running and every later injection stands down: what the page
 * code changed is kept in its memory (utils/page/common/records.ts), never on the elements, so it must not
 * be handed over. It stops only when the extension itself goes away.
 */
export default defineUnlistedScript(() => {
  const win = window as GuardedWindow;
  const running = win[ACTIVE];
  if (running?.alive()) return;
  running?.stop(); // an instance of an extension version that is gone
  const runtime = pageRuntime();
  if (!runtime) return;

  const page = startPageCode(document, { alive: extensionAlive });
  const { handlers } = page;
  const guarded =
    <R>(handle: (data: unknown) => R) =>
    (data: unknown, sender: MessageSender): R => {
      if (!isTrustedSender(sender, runtime.id ?? ''))
        throw new Error('Refused a message from an untrusted sender.');
      return handle(data);
    };
  const unlisten = listen<PageProtocol>(runtime, {
    pageInspect: guarded(handlers.inspect),
    pageReplace: guarded(handlers.replace),
    pageShow: guarded(handlers.show),
    pageBackdrop: guarded(handlers.backdrop),
    pageReadBytes: guarded(handlers.readBytes),
    pageNotice: guarded(handlers.notice),
  });

  let stopped = false;
  const instance: Running = {
    alive: () => !stopped && extensionAlive(),
    stop() {
      if (stopped) return;
      stopped = true;
      unlisten();
      page.destroy();
      if (win[ACTIVE] === instance) delete win[ACTIVE];
    },
  };
  win[ACTIVE] = instance;
});
