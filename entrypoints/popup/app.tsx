import { useEffect } from 'react';
import { browser } from 'wxt/browser';
import { JobRow, type JobActions } from '@/components/job-row';
import { useJobs, useNow } from '@/components/use-jobs';
import { ACTIVE_STATES } from '@/utils/jobs/schema';
import { appMessaging } from '@/utils/messages';
import './popup.css';

/** The popup only renders and asks: every change goes through the background, the only writer. */
const actions: JobActions = {
  show: (job, version) => void appMessaging.sendMessage('jobShow', { jobId: job.id, version }),
  open: (job) => void appMessaging.sendMessage('jobOpen', { jobId: job.id }),
  download: (job, which) => void appMessaging.sendMessage('jobDownload', { jobId: job.id, which }),
  retry: (job) => void appMessaging.sendMessage('jobRetry', { jobId: job.id }),
  cancel: (job) => void appMessaging.sendMessage('jobCancel', { jobId: job.id }),
  decide: (job, action) => void appMessaging.sendMessage('jobDecide', { jobId: job.id, action }),
  remove: (job) => void appMessaging.sendMessage('jobRemove', { jobId: job.id }),
};

export function App() {
  useEffect(() => {
    void appMessaging.sendMessage('wake').catch(() => undefined);
  }, []);
  const jobs = useJobs();
  const now = useNow(jobs?.some((job) => ACTIVE_STATES.has(job.state)) ?? false);
  return (
    <main className="popup">
      <header>
        <h1>Enhance in Place</h1>
        <a href={browser.runtime.getURL('/options.html')} target="_blank" rel="noreferrer">
          Options
        </a>
      </header>
      {jobs === undefined ? null : jobs.length === 0 ? (
        <p className="empty muted">
          No jobs yet. Right-click any image on a page and choose <strong>Enhance image</strong>.
        </p>
      ) : (
        <ul className="jobs" aria-label="Jobs">
          {jobs.map((job) => (
            <JobRow key={job.id} job={job} now={now} actions={actions} />
          ))}
        </ul>
      )}
    </main>
  );
}
