import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { listen } from '@/utils/page/common/channel';
import { extensionAlive, pageRuntime } from '@/utils/page/common/extension-api';
import { inspectRequest } from '@/utils/page/common/guards';
import { recordsOf } from '@/utils/page/common/records';
import { ACTIVE, type GuardedWindow, type RunningPage } from '@/utils/page/common/running';
import { freshWorld, kindOf } from '@/utils/page/common/world';
import { finders } from '@/utils/page/find-media';
import { isTrustedSender } from '@/utils/page/handlers';
import { inspectMedia } from '@/utils/page/inspect';

/**
 * Page code (`/page.js`), injected by the background into the clicked frame on each click, never by the
 * manifest: the small core that finds and describes what shows the clicked URL (pageInspect) and keeps the
 * memory. The rest joins it only when a job needs it (utils/page/common/running.ts): `/page-result.js`
 * (results, markers, re-renders) when a result is ready, `/page-video.js` and `/page-background.js` for
 * those kinds, `/page-read-bytes.js` for a provider that takes an upload, `/page-notice.js` for a notice.
 *
 * An unlisted script rather than a content script: it carries no WXT content-script context, so nothing
 * announces it to the page (no `content-script-started` event or postMessage a page could see or forge),
 * and no webextension-polyfill (see utils/page/common/extension-api.ts).
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

  const world = freshWorld();
  world.finders = finders;
  world.handlers.pageInspect = (data) => {
    const { jobId, srcUrl } = inspectRequest(data);
    return inspectMedia(document, jobId, srcUrl);
  };
  const unlisten = listen(runtime, world.handlers, (sender) => isTrustedSender(sender, runtime.id ?? ''));

  let stopped = false;
  const instance: RunningPage = {
    alive: () => !stopped && extensionAlive(),
    stop() {
      if (stopped) return;
      stopped = true;
      unlisten();
      world.stops.forEach((stop) => stop());
      if (win[ACTIVE] === instance) delete win[ACTIVE];
    },
    partsFor(jobId, srcUrl) {
      const records = recordsOf(document);
      const known = [...records.tagged(jobId), ...records.ofJob(jobId).map(([el]) => el)];
      const elements = known.length > 0 ? known : finders.media(document, srcUrl).elements;
      const kinds = elements.map(kindOf).filter((kind) => kind !== 'image');
      return ['result', ...new Set(kinds)].filter((name) => !world.parts.has(name));
    },
  };
  win[ACTIVE] = instance;
});
