import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { extensionAlive } from '@/utils/page/common/extension-api';
import { joinPage } from '@/utils/page/common/running';
import { imagePart } from '@/utils/page/image/part';
import { startResultCode } from '@/utils/page/result-code';

/**
 * Results in the page (`/page-result.js`): injected by the background when a job's result is ready, into
 * the frame where the click's page code runs (it stands down anywhere else). Answers pageReplace, pageShow
 * and pageBackdrop, puts results into images (videos and CSS backgrounds join as their own files), and
 * brings the markers and the re-render memory.
 */
export default defineUnlistedScript(() =>
  joinPage('result', (world) => {
    const { finders } = world;
    if (!finders) return;
    world.kinds.set('image', imagePart);
    const code = startResultCode(document, { finders, kinds: world.kinds, alive: extensionAlive });
    world.handlers.pageReplace = code.handlers.replace;
    world.handlers.pageShow = code.handlers.show;
    world.handlers.pageBackdrop = code.handlers.backdrop;
    world.stops.push(code.destroy);
  }),
);
