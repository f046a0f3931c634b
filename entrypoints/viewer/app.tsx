import { CompareSlider } from '@/components/compare-slider';
import { formatCost } from '@/components/format';
import { hasMask, stateLabel } from '@/components/job-state';
import { useJob } from '@/components/use-jobs';
import { useSetting } from '@/components/use-setting';
import { t } from '@/utils/i18n';
import { appMessaging } from '@/utils/messages';
import { backdropDeclarations } from '@/utils/page/image/backdrop';
import { isCutout } from '@/utils/provider-catalogue';
import { backdropSchema, cutoutBackdrop } from '@/utils/storage';
import { useResult } from './use-result';
import './viewer.css';
import { operationLabel, providerLabel } from '@/utils/operation-text';

/** A job's result on its own page: compared with the original on a slider; the result and mask to download. */
export function App({ jobId }: { jobId: string }) {
  const job = useJob(jobId);
  const source = useResult(job ?? undefined);
  const [backdrop] = useSetting(cutoutBackdrop, backdropSchema);
  if (job === null) return <main className="viewer">{t('viewer_job_gone')}</main>;
  if (!job) return null;
  const title = `${providerLabel(job.providerName)} · ${operationLabel(job.label)}`;
  const download = (which: 'result' | 'mask') =>
    void appMessaging.sendMessage('jobDownload', { jobId, which });

  return (
    <main className="viewer">
      <header>
        <h1>{title}</h1>
        <span className="muted">
          {stateLabel(job)}
          {job.result?.width && job.result.height
            ? ` · ${t('size_wh', [job.result.width, job.result.height])}`
            : ''}
          {formatCost(job.cost) ? ` · ${formatCost(job.cost)}` : ''}
        </span>
      </header>
      <div className="toolbar">
        {source?.local ? (
          <a className="button" href={source.result} download={`enhanced-${job.operation}`}>
            {t('viewer_download')}
          </a>
        ) : (
          <button onClick={() => download('result')}>{t('viewer_download')}</button>
        )}
        {hasMask(job) &&
          (source?.mask ? (
            <a className="button" href={source.mask} download={`mask-${job.operation}`}>
              {t('viewer_download_mask')}
            </a>
          ) : (
            <button onClick={() => download('mask')}>{t('viewer_download_mask')}</button>
          ))}
        {job.result?.previewUrls?.after && (
          <a className="button" href={job.result.previewUrls.after} target="_blank" rel="noreferrer">
            {t('viewer_preview_clip')}
          </a>
        )}
      </div>
      {source?.result && (
        <CompareSlider
          before={job.source.url}
          after={source.result}
          media={job.media}
          // A cut-out shows over the backdrop chosen in Options, as in the page (the file is untouched).
          afterBackdrop={isCutout(job.provider, job.operation) ? backdropDeclarations(backdrop) : undefined}
          maxHeight={Math.max(240, window.innerHeight - 200)}
        />
      )}
      {hasMask(job) && source?.mask && (
        <figure>
          <img className="mask" src={source.mask} alt={t('viewer_mask')} />
          <figcaption className="muted">{t('viewer_mask')}</figcaption>
        </figure>
      )}
    </main>
  );
}
