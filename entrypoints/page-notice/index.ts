import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { noticeRequest } from '@/utils/page/common/guards';
import { showNotice } from '@/utils/page/common/notice';
import { joinPage } from '@/utils/page/common/running';

/** pageNotice (`/page-notice.js`): a short toast in the page, joining the page code when there is one to show. */
export default defineUnlistedScript(() =>
  joinPage('notice', (world) => {
    world.handlers.pageNotice = (data) => {
      const { message, tone } = noticeRequest(data);
      showNotice(document, message, tone);
    };
  }),
);
