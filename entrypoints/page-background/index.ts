import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { joinPage } from '@/utils/page/common/running';
import { backgroundPart } from '@/utils/page/background/part';

/** Results in CSS background layers (`/page-background.js`), joining the page code when a job needs it. */
export default defineUnlistedScript(() =>
  joinPage('background', (world) => void world.kinds.set('background', backgroundPart)),
);
