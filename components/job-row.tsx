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
  const title = `${job.providerName} · ${job.label}`;
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
        {active && <ProgressBar value={job.progress} label={`${title} progress`} />}
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
            <button onClick={() => actions.show(job, 'original')}>Show original</button>
          )}
          {replaced && job.page?.shown === 'original' && (
            <button onClick={() => actions.show(job, 'enhanced')}>Show enhanced</button>
          )}
          {job.state === 'completed' && <button onClick={() => actions.open(job)}>Open</button>}
          {job.state === 'completed' && (
            <button onClick={() => actions.download(job, 'result')}>
              {mask ? 'Download cut-out' : 'Download'}
            </button>
          )}
          {job.state === 'completed' && mask && (
            <button onClick={() => actions.download(job, 'mask')}>Download mask</button>
          )}
          {canRetry && <button onClick={() => actions.retry(job)}>Retry</button>}
          {active && canCancel(job.provider) && <button onClick={() => actions.cancel(job)}>Cancel</button>}
          {job.state === 'needs_decision' && (
            <>
              <button className="primary" onClick={() => actions.decide(job, 'resubmit')}>
                Submit again
              </button>
              <button onClick={() => actions.decide(job, 'discard')}>Discard</button>
            </>
          )}
          <button
            onClick={() => actions.remove(job)}
            aria-label={`Remove ${title}`}
            title={
              active
                ? `Stops following this job here. ${job.providerName} offers no way to cancel a job once it is sent, so it may still finish and be charged.`
                : undefined
            }
          >
            Remove
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
