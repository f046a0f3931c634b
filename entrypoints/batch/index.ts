import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { MAX_BATCH_ITEMS } from '@/utils/batch-limits';
import type { BatchProtocol } from '@/utils/messages/batch';
import { openBatchDialog } from '@/utils/page/batch/dialog';
import { findBatchImages } from '@/utils/page/batch/find';
import { batchOpenRequest } from '@/utils/page/batch/open-request';
import { listen, send } from '@/utils/page/common/channel';
import { fromBackground, startOnce } from '@/utils/page/common/single-instance';

/**
 * "Enhance all images on this page…" (`/batch.js`), injected by the background into the tab's top frame
 * when the person chooses it from the page menu or the toolbar popup. It lists the page's images in a
 * dialog and, on confirmation only, sends the chosen operation and images in one message. An unlisted
 * script like the pick and page code (nothing announced to the page, no webextension-polyfill).
 */
export default defineUnlistedScript(() =>
  startOnce('batch', (runtime) => {
    let dialog: { close(): void } | undefined;
    const unlisten = listen<BatchProtocol>(runtime, {
      batchOpen: async (data, sender) => {
        // Only this extension's background opens the dialog.
        if (!fromBackground(runtime, sender)) return;
        const request = batchOpenRequest(data);
        const images = await findBatchImages(document);
        dialog?.close(); // chosen again: the newer list replaces the open one
        dialog = openBatchDialog(document, {
          ...request,
          images,
          max: MAX_BATCH_ITEMS,
          onConfirm: (menuItemId, chosen) => {
            const items = chosen.map(({ url, kind }) => ({ url, kind }));
            void send<BatchProtocol, 'batchConfirm'>(runtime, 'batchConfirm', { menuItemId, items }).catch(
              () => undefined,
            );
          },
          onCancel: () => undefined,
        });
      },
    });
    return () => {
      unlisten();
      dialog?.close();
    };
  }),
);
