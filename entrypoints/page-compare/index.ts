import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { joinPage } from '@/utils/page/common/running';
import { openCompareOverlay } from '@/utils/page/compare/overlay';
import { joinCompare } from '@/utils/page/compare/request';

/**
 * The compare overlay (`/page-compare.js`): loaded only when the person chooses Compare on the "Enhanced"
 * notice (the background injects it then, where this frame's page code runs), so nothing of it is in
 * what a click injects.
 */
export default defineUnlistedScript(() =>
  joinPage('compare', (world) => joinCompare(world, (jobId) => void openCompareOverlay(document, jobId))),
);
