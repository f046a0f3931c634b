import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import type { PickProtocol } from '@/utils/messages/pick';
import { listen, send } from '@/utils/page/common/channel';
import { fromBackground, startOnce } from '@/utils/page/common/single-instance';
import { createPickSession } from '@/utils/page/pick/session';

/**
 * Pick mode (`/pick.js`), injected by the background into every frame of the tab it can reach when an
 * operation is chosen where Chrome saw no image (page, link or frame menus, or the keyboard shortcut).
 * Kept apart from the page code so a pick injects only this. An unlisted script like the page code (no
 * WXT content-script context, nothing announced to the page, no webextension-polyfill). The first
 * instance in a document keeps listening and later injections stand down, unless it belongs to an
 * extension version that is gone.
 */
export default defineUnlistedScript(() =>
  startOnce('pick', (runtime) => {
    const report = (type: 'pickDone' | 'pickCancel', data?: unknown) =>
      void send<PickProtocol, typeof type>(runtime, type, data as never).catch(() => undefined);
    const session = createPickSession(document, {
      done: (picked) => report('pickDone', picked),
      cancel: () => report('pickCancel'),
    });
    // Only this extension's background drives the picker.
    const unlisten = listen<PickProtocol>(runtime, {
      pickStart: (data, sender) => {
        if (fromBackground(runtime, sender)) session.start(data);
      },
      pickStop: (_data, sender) => {
        if (fromBackground(runtime, sender)) session.stop();
      },
    });
    return () => {
      unlisten();
      session.stop();
    };
  }),
);
