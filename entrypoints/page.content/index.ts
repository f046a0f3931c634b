import { browser } from 'wxt/browser';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { pageMessaging } from '@/utils/messages';
import { createMarkerLayer } from '@/utils/page/marker';
import { createPageHandlers, isTrustedSender } from '@/utils/page/page-handlers';

/** Holds the running instance's stop function; the key is only visible to this extension's isolated world. */
const ACTIVE = Symbol.for('enhance-in-place.page');
type GuardedWindow = Window & { [ACTIVE]?: () => void };

/**
 * Page code, injected by the background on each click (`/content-scripts/page.js`), never by the manifest.
 *
 * Idempotent by hand-over rather than "first one wins": WXT's ContentScriptContext invalidates the previous
 * instance of this script whenever a new one starts (its `wxt:content-script-started` event), so the newest
 * instance must be the one listening. Exactly one set of listeners is active per document at any time: the
 * new instance stops the old one (if WXT has not already), then registers. All state lives on the elements
 * (utils/page/media-state.ts), so nothing is lost in the hand-over.
 */
export default defineContentScript({
  registration: 'runtime',
  main(ctx) {
    const win = window as GuardedWindow;
    win[ACTIVE]?.();

    const handlers = createPageHandlers(document);
    const markers = createMarkerLayer(document);
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
    const stop = () => {
      if (stopped) return;
      stopped = true;
      removers.forEach((remove) => remove());
      markers.destroy();
      if (win[ACTIVE] === stop) delete win[ACTIVE];
    };
    win[ACTIVE] = stop;
    ctx.onInvalidated(stop);
  },
});
