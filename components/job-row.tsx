import { memo } from 'react';
import type { Job } from '@/utils/jobs/schema';
import { ACTIVE_STATES } from '@/utils/jobs/schema';
import { canCancel } from '@/utils/provider-catalogue';
import { Elapsed } from './elapsed';
import { formatCost } from './format';
import { hostOf } from './job-list';
import { hasMask, pageNote, progressText, stateLabel, STATE_TONE } from './job-state';
import { JobThumb } from './job-thumb';
import type { JobsStore } from './jobs-store';
import { ProgressBar } from './progress-bar';
import { useStoredJob } from './use-jobs';
import './job-row.css';
import { t } from '@/utils/i18n';
import { operationLabel, providerLabel } from '@/utils/operation-text';

export interface JobActions {
  show(job: Job, version: 'original' | 'enhanced'): void;
  open(job: Job): void;
  download(job: Job, which: 'result' | 'mask'): void;
  retry(job: Job): void;
  cancel(job: Job): void;
  decide(job: Job, action: 'resubmit' | 'discard'): void;
  remove(job: Job): void;
}

/**
 * One job in the popup: what, where it stands, how long, what it cost, and what can be done. Memoised on
 * the record object: the list swaps in a new object only for a job that changed, so one running job
 * re-renders its own row and no other.
 */
export const JobRow = memo(function JobRow({ job, actions }: { job: Job; actions: JobActions }) {
  const title = `${providerLabel(job.providerName)} · ${operationLabel(job.label)}`;
  const active = ACTIVE_STATES.has(job.state);
  const cost = formatCost(job.cost);
  const note = pageNote(job);
  const progress = progressText(job);
  const replaced = job.page?.status === 'replaced';
  const mask = hasMask(job);
  // A completed job still on its way to the page shows why it is waiting (e.g. the result rate-limited).
  const delivering = job.state === 'completed' && job.nextAttemptAt !== null;
  const canRetry = (job.state === 'failed' && job.error?.kind !== 'refused_url') || job.state === 'canceled';

  return (
    <li className="job" aria-label={title} data-state={job.state}>
      <JobThumb job={job} />
      <div className="body">
        <div className="head">
          <span className="title">{title}</span>
          <span className={`state ${STATE_TONE[job.state]}`}>{stateLabel(job)}</span>
        </div>
        <div className="meta muted">
          <span title={job.source.url}>{hostOf(job.source.url)}</span>
          <Elapsed job={job} />
          {cost && <span>{cost}</span>}
          {job.result?.width && job.result.height && (
            <span>
              {job.result.width}×{job.result.height}
            </span>
          )}
        </div>
        {active && <ProgressBar value={job.progress} label={t('job_progress', title)} />}
        {active && progress && <p className="muted">{progress}</p>}
        {job.error && (job.state !== 'completed' || delivering || job.error.kind === 'storage_full') && (
          <p
            className={job.state === 'failed' ? 'error-text' : 'muted'}
            role={job.state === 'failed' ? 'alert' : undefined}
          >
            {job.error.message}
          </p>
        )}
        {note && <p className="muted">{note}</p>}
        <div className="actions">
          {replaced && job.page?.shown !== 'original' && (
            <button onClick={() => actions.show(job, 'original')}>{t('job_show_original')}</button>
          )}
          {replaced && job.page?.shown === 'original' && (
            <button onClick={() => actions.show(job, 'enhanced')}>{t('job_show_enhanced')}</button>
          )}
          {job.state === 'completed' && <button onClick={() => actions.open(job)}>{t('job_open')}</button>}
          {job.state === 'completed' && (
            <button onClick={() => actions.download(job, 'result')}>
              {mask ? t('job_download_cutout') : t('viewer_download')}
            </button>
          )}
          {job.state === 'completed' && mask && (
            <button onClick={() => actions.download(job, 'mask')}>{t('viewer_download_mask')}</button>
          )}
          {canRetry && <button onClick={() => actions.retry(job)}>{t('job_retry')}</button>}
          {active && canCancel(job.provider) && (
            <button onClick={() => actions.cancel(job)}>{t('job_cancel')}</button>
          )}
          {job.state === 'needs_decision' && (
            <>
              <button className="primary" onClick={() => actions.decide(job, 'resubmit')}>
                {t('job_submit_again')}
              </button>
              <button onClick={() => actions.decide(job, 'discard')}>{t('job_discard')}</button>
            </>
          )}
          <button
            onClick={() => actions.remove(job)}
            aria-label={t('job_remove_named', title)}
            title={active ? t('job_remove_running', job.providerName) : undefined}
          >
            {t('job_remove')}
          </button>
        </div>
      </div>
    </li>
  );
});

/** A row that follows its own record in the store: a change to another job never renders it. */
export function StoredJobRow({ store, id, actions }: { store: JobsStore; id: string; actions: JobActions }) {
  const job = useStoredJob(store, id);
  return job ? <JobRow job={job} actions={actions} /> : null;
}
