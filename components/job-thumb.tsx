import { useEffect, useState } from 'react';
import { getBlob, type BlobKind } from '@/utils/jobs/blobs';
import type { Job } from '@/utils/jobs/schema';

/**
 * The row's thumbnail, from our own kept copy in IndexedDB: the result when it was kept, else the input
 * kept for an upload. Provider links expire and a page's own address would be a request to that site, so
 * neither is loaded here; with no kept image (a video, a copy cleared by the budget) a neutral
 * placeholder stands in. The object URL is revoked when the row goes or its copy changes.
 */
export function JobThumb({ job }: { job: Job }) {
  const kind: BlobKind | undefined = job.result?.cached
    ? 'result'
    : job.state !== 'completed'
      ? 'input'
      : undefined;
  const [url, setUrl] = useState<string>();
  const [broken, setBroken] = useState(false);
  const id = job.id;
  useEffect(() => {
    if (!kind) return;
    let alive = true;
    let made: string | undefined;
    void getBlob(id, kind)
      .then((blob) => {
        if (!alive || !blob?.type.startsWith('image/')) return;
        made = URL.createObjectURL(blob);
        setBroken(false);
        setUrl(made);
      })
      .catch(() => undefined);
    return () => {
      alive = false;
      if (made) URL.revokeObjectURL(made);
      setUrl(undefined);
    };
  }, [id, kind]);

  if (!url || broken) {
    return <span className={`thumb placeholder ${job.media}`} aria-hidden="true" />;
  }
  return <img className="thumb" src={url} alt="" decoding="async" onError={() => setBroken(true)} />;
}
