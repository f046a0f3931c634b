import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { pageRuntime } from '@/utils/page/common/extension-api';
import { joinPage } from '@/utils/page/common/running';
import { showVersion } from '@/utils/page/common/show-version';
import { requestCompare } from '@/utils/page/compare/request';
import { createProgressHandler } from '@/utils/page/progress/progress';

/**
 * pageProgress (`/page-progress.js`): the ring on a running job's media and the "Enhanced — Show original
 * · Compare" notice once its result is in; joins the page code when a job of this frame starts. Show
 * original goes through the result code's pageShow, so the re-render memory follows the choice.
 */
export default defineUnlistedScript(() =>
  joinPage('progress', (world) => {
    const runtime = pageRuntime();
    if (!runtime) return;
    const progress = createProgressHandler(document, {
      show: (jobId, version) => {
        const pageShow = world.handlers.pageShow;
        if (pageShow) void pageShow({ jobId, version }, {});
        else showVersion(document, jobId, version);
      },
      compare: (jobId) => requestCompare(world, runtime, jobId),
    });
    world.handlers.pageProgress = (data) => progress.handle(data);
    world.stops.push(progress.destroy);
  }),
);
