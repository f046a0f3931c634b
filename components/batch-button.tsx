import { useState } from 'react';
import { batchMessaging } from '@/utils/messages/batch';
import { t } from '@/utils/i18n';

/**
 * "Enhance all images on this page…" in the popup's header: asks the background to open the batch
 * dialog on the page under the popup (opening the popup granted access to that tab), then closes the
 * popup so the dialog is in view. Says so when the page cannot be reached (a browser page, the Web Store).
 */
export function BatchButton() {
  const [refused, setRefused] = useState(false);
  const open = async () => {
    const opened = await batchMessaging.sendMessage('batchFromPopup').catch(() => false);
    if (opened) window.close();
    else setRefused(true);
  };
  return (
    <>
      <button type="button" className="batch-button" onClick={() => void open()}>
        {t('batch_button')}
      </button>
      {refused ? (
        <p className="muted" role="status">
          {t('batch_button_refused')}
        </p>
      ) : null}
    </>
  );
}
