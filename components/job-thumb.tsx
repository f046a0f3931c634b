import { useEffect, useState } from 'react';
import { getBlob, keptBlobKeys, type BlobKind } from '@/utils/jobs/blobs';
import type { Job } from '@/utils/jobs/schema';

/**
 * The row's thumbnail, from our own kept copy in IndexedDB: the result when it was kept, else the input
 * kept for an upload. Provider links expire and a page's own address would be a request to that site, so
 * neither is loaded here; with no kept image (a video, a copy cleared by the budget) a neutral
 * placeholder stands in. The object URL is revoked when the row goes or its copy changes.
 */
/** A job this recent may have had its input kept after the one look below: its row asks directly. */
const RECENT_MS = 60_000;
let kept: { at: number; has: Promise<(jobId: string, kind: BlobKind) => boolean> } | undefined;

/**
 * Whether a row's copy is worth reading. The record says when a result is kept; for an input, one look
 * at the kept keys, shared by every row of this popup, spares the 1,000-job list a read per failed job
 * with nothing kept.
 */
function worthReading(id: string, createdAt: number, kind: BlobKind): Promise<boolean> {
  if (kind === 'result') return Promise.resolve(true);
  kept ??= { at: Date.now(), has: keptBlobKeys() };
  if (createdAt > kept.at - RECENT_MS) return Promise.resolve(true);
  return kept.has.then((has) => has(id, kind)).catch(() => true);
}

export function JobThumb({ job }: { job: Job }) {
  const kind: BlobKind | undefined = job.result?.cached
    ? 'result'
    : job.state !== 'completed'
      ? 'input'
      : undefined;
  const [url, setUrl] = useState<string>();
  const [broken, setBroken] = useState(false);
  const { id, createdAt } = job;
  useEffect(() => {
    if (!kind) return;
    let alive = true;
    let made: string | undefined;
    void worthReading(id, createdAt, kind)
      .then((worth) => (worth ? getBlob(id, kind) : undefined))
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
  }, [id, createdAt, kind]);

  if (!url || broken) {
    return <span className={`thumb placeholder ${job.media}`} aria-hidden="true" />;
  }
  return <img className="thumb" src={url} alt="" decoding="async" onError={() => setBroken(true)} />;
}
