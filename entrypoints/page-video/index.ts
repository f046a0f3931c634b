import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { joinPage } from '@/utils/page/common/running';
import { videoPart } from '@/utils/page/video/part';

/** Results in `<video>` elements (`/page-video.js`), joining the page code when a job's media is a video. */
export default defineUnlistedScript(() =>
  joinPage('video', (world) => void world.kinds.set('video', videoPart)),
);
