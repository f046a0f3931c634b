import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import type { PickProtocol } from '@/utils/messages/pick';
import { listen, send } from '@/utils/page/common/channel';
import { extensionAlive, pageRuntime, type MessageSender } from '@/utils/page/common/extension-api';
import { createPickSession } from '@/utils/page/pick/session';

/** The running instance; the key is only visible to this extension's isolated world, never to the page. */
const ACTIVE = Symbol.for('enhance-in-place.pick');
type GuardedWindow = Window & { [ACTIVE]?: { alive(): boolean; stop(): void } };

/**
 * Pick mode (`/pick.js`), injected by the background into every frame of the tab it can reach when an
 * operation is chosen where Chrome saw no image (page, link or frame menus, or the keyboard shortcut).
 * Kept apart from the page code so a pick injects only this. An unlisted script like the page code (no
 * WXT content-script context, nothing announced to the page, no webextension-polyfill). The first
 * instance in a document keeps listening and later injections stand down, unless it belongs to an
 * extension version that is gone.
 */
export default defineUnlistedScript(() => {
  const win = window as GuardedWindow;
  if (win[ACTIVE]?.alive()) return;
  win[ACTIVE]?.stop();
  const runtime = pageRuntime();
  if (!runtime) return;

  const report = (type: 'pickDone' | 'pickCancel', data?: unknown) =>
    void send<PickProtocol, typeof type>(runtime, type, data as never).catch(() => undefined);
  const session = createPickSession(document, {
    done: (picked) => report('pickDone', picked),
    cancel: () => report('pickCancel'),
  });
  // Only this extension's background drives the picker (its messages come with no tab).
  const fromBackground = (sender: MessageSender) => sender.id === runtime.id && sender.tab == null;
  const unlisten = listen<PickProtocol>(runtime, {
    pickStart: (data, sender) => {
      if (fromBackground(sender)) session.start(data);
    },
    pickStop: (_data, sender) => {
      if (fromBackground(sender)) session.stop();
    },
  });
  win[ACTIVE] = {
    alive: extensionAlive,
    stop() {
      unlisten();
      session.stop();
    },
  };
});
