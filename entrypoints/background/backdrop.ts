import { listJobs } from '@/utils/jobs/store';
import { pageMessaging } from '@/utils/messages';
import { getProvider } from '@/utils/providers';
import { backdropSchema, cutoutBackdrop, readSetting, type Backdrop } from '@/utils/storage';
import { targetOf } from './page-bridge';

/** Whether a job's result is a transparent cut-out (background removal), shown over the backdrop. */
export function isCutout(provider: string, operation: string): boolean {
  return getProvider(provider)?.operations.find((op) => op.id === operation)?.cutout ?? false;
}

export function currentBackdrop(): Promise<Backdrop> {
  return readSetting(cutoutBackdrop, backdropSchema);
}

/** The setting changed: cut-outs already in pages take the new backdrop (the files are untouched). */
export async function applyBackdrop(): Promise<void> {
  const backdrop = await currentBackdrop();
  const shown = (await listJobs()).filter(
    (job) => job.page?.status === 'replaced' && isCutout(job.provider, job.operation),
  );
  await Promise.all(
    shown.map((job) => {
      const target = targetOf(job);
      return target
        ? pageMessaging
            .sendMessage('pageBackdrop', { jobId: job.id, backdrop }, target)
            .catch(() => undefined)
        : undefined;
    }),
  );
}
