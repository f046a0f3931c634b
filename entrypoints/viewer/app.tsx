import { useState } from 'react';
import { formatCost } from '@/components/format';
import { hasMask, STATE_LABELS } from '@/components/job-state';
import { useJob } from '@/components/use-jobs';
import { appMessaging } from '@/utils/messages';
import { useResult } from './use-result';
import './viewer.css';

/** A job's result on its own page: compare with the original, download the result and the mask. */
export function App({ jobId }: { jobId: string }) {
  const job = useJob(jobId);
  const source = useResult(job ?? undefined);
  const [showOriginal, setShowOriginal] = useState(false);
  if (job === null) return <main className="viewer">This job no longer exists.</main>;
  if (!job) return null;
  const title = `${job.providerName} · ${job.label}`;
  const src = showOriginal ? job.source.url : source?.result;
  const download = (which: 'result' | 'mask') =>
    void appMessaging.sendMessage('jobDownload', { jobId, which });

  return (
    <main className="viewer">
      <header>
        <h1>{title}</h1>
        <span className="muted">
          {STATE_LABELS[job.state]}
          {job.result?.width && job.result.height ? ` · ${job.result.width}×${job.result.height}` : ''}
          {formatCost(job.cost) ? ` · ${formatCost(job.cost)}` : ''}
        </span>
      </header>
      <div className="toolbar">
        <button onClick={() => setShowOriginal((v) => !v)} aria-pressed={showOriginal}>
          {showOriginal ? 'Show enhanced' : 'Show original'}
        </button>
        {source?.local ? (
          <a className="button" href={source.result} download={`enhanced-${job.operation}`}>
            Download
          </a>
        ) : (
          <button onClick={() => download('result')}>Download</button>
        )}
        {hasMask(job) &&
          (source?.mask ? (
            <a className="button" href={source.mask} download={`mask-${job.operation}`}>
              Download mask
            </a>
          ) : (
            <button onClick={() => download('mask')}>Download mask</button>
          ))}
        {job.result?.previewUrls?.after && (
          <a className="button" href={job.result.previewUrls.after} target="_blank" rel="noreferrer">
            Preview clip
          </a>
        )}
      </div>
      {src &&
        (job.media === 'video' ? (
          <video className="stage" src={src} controls aria-label={showOriginal ? 'Original' : 'Result'} />
        ) : (
          <img className="stage checkerboard" src={src} alt={showOriginal ? 'Original' : 'Result'} />
        ))}
      {hasMask(job) && source?.mask && !showOriginal && (
        <figure>
          <img className="mask" src={source.mask} alt="Mask" />
          <figcaption className="muted">Mask</figcaption>
        </figure>
      )}
    </main>
  );
}
