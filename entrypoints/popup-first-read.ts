import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { startFirstRead } from '@/components/early-jobs';

/**
 * The popup's first script, a classic one in its <head>: it runs while the page is parsed, before the
 * module scripts (React, the job schema, the list) have loaded, and starts reading the newest jobs so
 * the list's first render has them. Only idb-keyval comes with it.
 */
export default defineUnlistedScript(() => {
  window.enhanceInPlaceFirstRead = startFirstRead();
});
