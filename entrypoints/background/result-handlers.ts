import { browser } from 'wxt/browser';
import { toBase64 } from '@/utils/base64';
import { getBlob } from '@/utils/jobs/blobs';
import { getJob } from '@/utils/jobs/store';
import type { Job } from '@/utils/jobs/schema';
import { appMessaging, jobDownloadRequest, jobIdRequest } from '@/utils/messages';
import { checkProviderUrl } from '@/utils/provider-url';
import { getProvider } from '@/utils/providers';
import { keyFor } from '@/utils/secrets';
import { providerContext } from './provider-memory';
import { fromExtensionPage } from '@/utils/sender';

/**
 * Results for the popup and the viewer: our own copy when one was kept, else the provider's link —
 * fetched fresh first where links expire (TensorPix), and only ever one that passes the check every
 * provider URL passes (https, public host, no credentials).
 */
export async function freshResultUrl(job: Job): Promise<string | undefined> {
  const provider = getProvider(job.provider);
  const key = provider && (await keyFor(provider.credential));
  if (provider?.freshResult && key !== undefined && job.providerJobId) {
    const ctx = await providerContext(provider, key);
    const fresh = await provider.freshResult(job.providerJobId, ctx).catch(() => undefined);
    if (fresh) return checkProviderUrl(fresh) ?? undefined;
  }
  return job.result?.url ? (checkProviderUrl(job.result.url) ?? undefined) : undefined;
}

const EXTENSIONS: Record<string, string> = {
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/webp': 'webp',
  'image/gif': 'gif',
  'image/avif': 'avif',
};

async function download(job: Job, which: 'result' | 'mask') {
  const blob = await getBlob(job.id, which);
  const base = `${which === 'mask' ? 'mask' : 'enhanced'}-${job.operation}`;
  if (blob) {
    // The worker has no object URLs; a data: URL carries our kept copy to the downloads API.
    const url = `data:${blob.type};base64,${toBase64(new Uint8Array(await blob.arrayBuffer()))}`;
    await browser.downloads.download({ url, filename: `${base}.${EXTENSIONS[blob.type] ?? 'bin'}` });
    return;
  }
  const url =
    which === 'mask'
      ? job.result?.maskUrl && checkProviderUrl(job.result.maskUrl)
      : await freshResultUrl(job);
  if (url) await browser.downloads.download({ url });
}

export function registerResultHandlers() {
  appMessaging.onMessage('jobDownload', async ({ data, sender }) => {
    if (!fromExtensionPage(sender)) return;
    const { jobId, which } = jobDownloadRequest.parse(data);
    const job = await getJob(jobId);
    if (job?.state === 'completed') await download(job, which);
  });

  appMessaging.onMessage('jobResultUrl', async ({ data, sender }) => {
    if (!fromExtensionPage(sender)) return { url: undefined };
    const job = await getJob(jobIdRequest.parse(data).jobId);
    return { url: job?.state === 'completed' ? await freshResultUrl(job) : undefined };
  });

  appMessaging.onMessage('jobOpen', async ({ data, sender }) => {
    if (!fromExtensionPage(sender)) return;
    const { jobId } = jobIdRequest.parse(data);
    await browser.tabs.create({
      url: `${browser.runtime.getURL('/viewer.html')}?job=${encodeURIComponent(jobId)}`,
    });
  });
}
