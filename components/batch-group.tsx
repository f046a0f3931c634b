import { memo, useId, useState } from 'react';
import { batchTitle, type BatchSummary } from './job-list';
import type { ListedJob } from './job-listing';
import { StoredJobRow, type JobActions } from './job-row';
import type { JobsStore } from './jobs-store';
import './batch-group.css';

/**
 * Jobs started together ("Enhance all images on this page…") as one entry of the list: a header that
 * says how far the batch is, and its rows under it once opened.
 */
export const BatchGroup = memo(function BatchGroup({
  operation,
  summary,
  jobs,
  store,
  actions,
}: {
  operation: string;
  summary: BatchSummary;
  jobs: ListedJob[];
  store: JobsStore;
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
            <StoredJobRow key={job.id} store={store} id={job.id} actions={actions} />
          ))}
        </ul>
      )}
    </li>
  );
});
