import { ProviderError } from '../errors';
import { downloadImage } from '../providers/result-download';
import type { Provider, ProviderContext } from '../providers/types';
import { MAX_CACHED_BYTES } from './blobs';
import { StorageFullError } from './quota';
import { keepBlob } from './retention';
import type { Job } from './schema';

/**
 * Fetches a finished image job's result (and mask) into IndexedDB right away: segmentation links may
 * die within a day and EnhanceCraft's need the key, so Open, Download and the page swap work from our
 * own copy. Videos stay links (too large to keep). Every download has a deadline, a size cap and a
 * sniff of its bytes (utils/providers/result-download.ts).
 */
function fetchResult(url: string, what: 'result' | 'mask', provider: Provider, ctx: ProviderContext) {
  if (provider.download) return provider.download(url, ctx);
  return downloadImage(url, { from: provider.name, what, maxBytes: MAX_CACHED_BYTES, limits: ctx });
}

/** A public link that leads somewhere refused, or to something that is not an image, is no result at all. */
const unusable = (error: unknown) =>
  error instanceof ProviderError && (error.kind === 'refused_url' || error.code === 'not_image');

async function keep(
  jobId: string,
  kind: 'result' | 'mask',
  url: string,
  provider: Provider,
  ctx: ProviderContext,
) {
  try {
    await keepBlob(jobId, kind, await fetchResult(url, kind, provider, ctx));
    return true;
  } catch (error) {
    // No room for it (storage full, or over the budget for kept results): delivery says so on the job.
    if (error instanceof StorageFullError) throw error;
    // Without our copy a keyed result has nothing to show: the engine retries or fails it by `retryable`.
    if (provider.resultAccess === 'bearer' && kind === 'result') throw error;
    if (kind === 'result' && unusable(error)) throw error;
    // Otherwise the public link stays usable as it is (too large to keep, a CDN without CORS, a blip);
    // a mask is a bonus: without a copy it is simply not offered.
    return false;
  }
}

export async function keepResults(job: Job, provider: Provider, ctx: ProviderContext) {
  if (job.media !== 'image' || !job.result?.url) return {};
  const cached = job.result.cached || (await keep(job.id, 'result', job.result.url, provider, ctx));
  const maskUrl = job.result.maskUrl;
  // A mask is a bonus: without room for it, it is simply not offered.
  const maskCached = maskUrl
    ? job.result.maskCached ||
      (await keep(job.id, 'mask', maskUrl, provider, ctx).catch((error: unknown) => {
        if (error instanceof StorageFullError) return false;
        throw error;
      }))
    : undefined;
  return { cached, maskCached };
}
