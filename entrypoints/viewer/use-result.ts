import { useEffect, useState } from 'react';
import { getBlob } from '@/utils/jobs/blobs';
import type { Job } from '@/utils/jobs/schema';
import { appMessaging } from '@/utils/messages';
import { checkResultUrl } from '@/utils/page/common/safe-url';

export interface ResultSource {
  result?: string;
  mask?: string;
  /** Object URLs can be downloaded with a plain link; remote ones go through the background. */
  local: boolean;
}

/**
 * Where the viewer loads a job's result from: our own copy in IndexedDB when it was kept (it outlives
 * the provider's link), else a link — asked fresh from the background, since some expire.
 */
export function useResult(job: Job | undefined): ResultSource | undefined {
  const [source, setSource] = useState<ResultSource>();
  const id = job?.id;
  const ready = job?.state === 'completed';
  const cached = job?.result?.cached;
  useEffect(() => {
    if (!id || !ready) return;
    let alive = true;
    const urls: string[] = [];
    const local = (blob: Blob | undefined) => {
      if (!blob) return undefined;
      const url = URL.createObjectURL(blob);
      urls.push(url);
      return url;
    };
    void (async () => {
      const [result, mask] = await Promise.all([getBlob(id, 'result'), getBlob(id, 'mask')]);
      if (result) return alive && setSource({ result: local(result), mask: local(mask), local: true });
      const fresh = await appMessaging.sendMessage('jobResultUrl', { jobId: id }).catch(() => undefined);
      const url = fresh?.url && checkResultUrl(fresh.url);
      if (alive) setSource({ result: url || undefined, local: false });
    })();
    return () => {
      alive = false;
      urls.forEach((url) => URL.revokeObjectURL(url));
    };
  }, [id, ready, cached]);
  return source;
}
