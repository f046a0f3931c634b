import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { readBytesRequest } from '@/utils/page/common/guards';
import { joinPage } from '@/utils/page/common/running';
import { readShownImageBytes } from '@/utils/page/image/read-bytes';

/**
 * pageReadBytes (`/page-read-bytes.js`): the bytes of an image the page shows, for a provider that takes
 * an upload; joins the page code only for such a job.
 */
export default defineUnlistedScript(() =>
  joinPage('read-bytes', (world) => {
    const { finders } = world;
    if (!finders) return;
    world.handlers.pageReadBytes = (data) => {
      const { jobId, srcUrl } = readBytesRequest(data);
      return readShownImageBytes(document, jobId, srcUrl, finders);
    };
  }),
);
