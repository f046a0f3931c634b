import { memo, useId, useState } from 'react';
import type { Job } from '@/utils/jobs/schema';
import { batchTitle, type BatchSummary } from './job-list';
import { JobRow, type JobActions } from './job-row';
import './batch-group.css';

/**
 * Jobs started together ("Enhance all images on this page…") as one entry of the list: a header that
 * says how far the batch is, and its rows under it once opened.
 */
export const BatchGroup = memo(function BatchGroup({
  operation,
  summary,
  jobs,
  actions,
}: {
  operation: string;
  summary: BatchSummary;
  jobs: Job[];
  actions: JobActions;
}) {
  const [open, setOpen] = useState(false);
  const listId = useId();
  const title = batchTitle(operation, summary);
  return (
    <li className="batch" data-done={summary.done === summary.size || undefined}>
      <button
        className="batch-head"
        aria-expanded={open}
        aria-controls={listId}
        onClick={() => setOpen((was) => !was)}
      >
        <span className="batch-caret" aria-hidden="true" />
        <span className="batch-title">{title}</span>
      </button>
      {open && (
        <ul className="jobs batch-jobs" id={listId} aria-label={title}>
          {jobs.map((job) => (
            <JobRow key={job.id} job={job} actions={actions} />
          ))}
        </ul>
      )}
    </li>
  );
});
