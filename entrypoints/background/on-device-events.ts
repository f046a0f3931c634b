import { browser } from 'wxt/browser';
import { fromBase64 } from '@/utils/base64';
import { putBlob } from '@/utils/jobs/blobs';
import { closeOffscreenIfIdle } from '@/utils/on-device/client';
import { writeLocalJob } from '@/utils/on-device/local-jobs';
import { onDeviceEventSchema } from '@/utils/on-device/protocol';
import { onDeviceBackend } from '@/utils/storage';

/**
 * Events from the offscreen engine (progress per tile, the result, an error) are recorded as they come;
 * the job engine's next poll turns them into the job's state. Only this extension's offscreen document
 * (no tab) is listened to; anything else, or any other message shape, is ignored.
 */
export function registerOnDeviceEvents(onEvent: () => void) {
  browser.runtime.onMessage.addListener((message: unknown, sender) => {
    if (sender.id !== browser.runtime.id || sender.tab) return undefined;
    const parsed = onDeviceEventSchema.safeParse(message);
    if (!parsed.success) return undefined;
    const event = parsed.data;
    if (event.type === 'on-device/idle') {
      void closeOffscreenIfIdle().catch(() => undefined); // it offers again after its next job
      return undefined;
    }
    void (async () => {
      if ('backend' in event && event.backend) await onDeviceBackend.setValue(event.backend);
      if (event.type === 'on-device/progress') {
        await writeLocalJob(event.jobId, { state: 'running', done: event.done, total: event.total });
      } else if (event.type === 'on-device/result') {
        const { jobId, width, height, mask } = event;
        await putBlob(jobId, 'result', new Blob([fromBase64(event.bytes)], { type: event.mime }));
        if (mask) await putBlob(jobId, 'mask', new Blob([fromBase64(mask)], { type: 'image/png' }));
        await writeLocalJob(jobId, { state: 'done', width, height, mask: Boolean(mask) });
      } else if (event.type === 'on-device/error') {
        await writeLocalJob(event.jobId, { state: 'failed', error: event.error });
      } else {
        await writeLocalJob(event.jobId, { state: 'cancelled' });
      }
      onEvent();
    })();
    return undefined;
  });
}
