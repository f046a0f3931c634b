import { ProviderError } from '../errors';
import type { Provider, ProviderContext } from '../providers/types';
import { MAX_CACHED_BYTES, putBlob } from './blobs';
import type { Job } from './schema';

/**
 * Fetches a finished image job's result (and mask) into IndexedDB right away: segmentation links may
 * die within a day and EnhanceCraft's need the key, so Open, Download and the page swap work from our
 * own copy. Videos stay links (too large to keep). A failed fetch leaves the link, nothing worse.
 */
async function fetchResult(url: string, provider: Provider, ctx: ProviderContext): Promise<Blob> {
  if (provider.download) return provider.download(url, ctx);
  const response = await fetch(url, { credentials: 'omit' });
  if (!response.ok) {
    throw new ProviderError({
      kind: 'not_found',
      retryable: false,
      message: `${provider.name}'s result could not be downloaded (HTTP ${response.status}).`,
    });
  }
  return response.blob();
}

async function keep(
  jobId: string,
  kind: 'result' | 'mask',
  url: string,
  provider: Provider,
  ctx: ProviderContext,
) {
  try {
    const blob = await fetchResult(url, provider, ctx);
    if (blob.size === 0 || blob.size > MAX_CACHED_BYTES) return false;
    await putBlob(jobId, kind, blob);
    return true;
  } catch (error) {
    if (provider.resultAccess === 'bearer') throw error; // without our copy there is nothing to show
    return false;
  }
}

export async function keepResults(job: Job, provider: Provider, ctx: ProviderContext) {
  if (job.media !== 'image' || !job.result?.url) return {};
  const cached = job.result.cached || (await keep(job.id, 'result', job.result.url, provider, ctx));
  const maskUrl = job.result.maskUrl;
  const maskCached = maskUrl
    ? job.result.maskCached || (await keep(job.id, 'mask', maskUrl, provider, ctx))
    : undefined;
  return { cached, maskCached };
}
