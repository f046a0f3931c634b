import { lazy, Suspense, useDeferredValue, useEffect, useMemo, useRef, useState } from 'react';
import { browser } from 'wxt/browser';
import { BatchButton } from '@/components/batch-button';
import { BatchGroup } from '@/components/batch-group';
import { afterNextPaint } from '@/components/after-paint';
import {
  FIRST_PAINT_ENTRIES,
  filterLabel,
  filterCounts,
  jobFilters,
  listEntries,
  PAGE_SIZE,
  searched,
  visibleCount,
  type JobFilter,
} from '@/components/job-list';
import type { ListedJob } from '@/components/job-listing';
import { StoredJobRow, type JobActions } from '@/components/job-row';
import type { JobsStore } from '@/components/jobs-store';
import { useJobList, useJobListComplete, useJobsStore } from '@/components/use-jobs';
import { appMessaging } from '@/utils/messages/app-messaging';
import './popup.css';
import { richMessage } from '@/components/rich-message';
import { t } from '@/utils/i18n';

/**
 * The settings panel is not part of the list: its code (the setting declarations, their fields) loads
 * after the list's first paint instead of before it, and its button shows once loaded.
 */
const PopupSettings = lazy(() =>
  import('@/components/popup-settings').then((module) => ({ default: module.PopupSettings })),
);

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
  const store = useJobsStore();
  const jobs = useJobList(store);
  const listed = jobs !== undefined;
  // Once the list's first render is on screen: the rest of the first page and the settings panel's
  // code follow it, not compete with it.
  const [painted, setPainted] = useState(false);
  useEffect(() => {
    if (!listed) return;
    // Once the list is on screen: waking the worker starts its look at every job, which competes for
    // the same cores as the popup's first paint.
    void appMessaging.sendMessage('wake').catch(() => undefined);
    return afterNextPaint(() => setPainted(true));
  }, [listed]);
  return (
    <main className="popup">
      <header>
        <h1>{t('ext_name')}</h1>
        <div className="header-actions">
          <BatchButton />
          {painted && (
            <Suspense fallback={null}>
              <PopupSettings />
            </Suspense>
          )}
          <a href={browser.runtime.getURL('/options.html')} target="_blank" rel="noreferrer">
            {t('popup_options')}
          </a>
        </div>
      </header>
      {jobs === undefined ? null : jobs.length === 0 ? (
        <p className="empty muted">
          {richMessage('popup_empty', [<strong>{t('menu_enhance_image')}</strong>])}
        </p>
      ) : (
        <JobList jobs={jobs} store={store} painted={painted} />
      )}
    </main>
  );
}

/**
 * Filters, search and the list, a page of entries at a time: 1,000 stored jobs render as the first 50
 * (a batch counts once), and more are added on "Show more" or when it scrolls into view.
 */
function JobList({ jobs, store, painted }: { jobs: ListedJob[]; store: JobsStore; painted: boolean }) {
  const [filter, setFilter] = useState<JobFilter>('all');
  const [query, setQuery] = useState('');
  const search = useDeferredValue(query);
  const [pages, setPages] = useState(1);
  const [notice, setNotice] = useState('');
  const [clearing, setClearing] = useState(false);
  // Until the whole list is read (just after the first paint) only the newest jobs are known: counts
  // and "Clear finished" wait for it rather than show a number that is about to change.
  const complete = useJobListComplete(store);

  const entries = useMemo(() => listEntries(jobs, filter, search), [jobs, filter, search]);
  const counts = useMemo(() => filterCounts(searched(jobs, search)), [jobs, search]);
  // The first render draws a screenful, the rest of the first page follows just after that paint.
  const shown = Math.min(visibleCount(entries.length, pages), painted ? Infinity : FIRST_PAINT_ENTRIES);
  const rest = painted ? entries.length - shown : 0;
  const finished = counts.done + counts.failed;

  async function clearFinished() {
    setClearing(true);
    try {
      const { removed } = await appMessaging.sendMessage('jobsClearFinished');
      setNotice(removed === 1 ? t('popup_removed_one') : t('popup_removed_many', removed));
    } catch {
      setNotice(t('popup_clear_failed'));
    } finally {
      setClearing(false);
    }
  }

  return (
    <>
      <div className="toolbar">
        <div className="filters" role="group" aria-label={t('popup_filters')}>
          {jobFilters.map((name) => (
            <button
              key={name}
              aria-pressed={filter === name}
              onClick={() => {
                setFilter(name);
                setPages(1);
              }}
            >
              {filterLabel(name)} <span className="count">{complete ? counts[name] : ''}</span>
            </button>
          ))}
        </div>
        <div className="search-row">
          <label className="visually-hidden" htmlFor="job-search">
            {t('popup_search_label')}
          </label>
          <input
            id="job-search"
            type="search"
            placeholder={t('popup_search_placeholder')}
            value={query}
            onChange={(event) => {
              setQuery(event.target.value);
              setPages(1);
            }}
          />
          <button onClick={() => void clearFinished()} disabled={!complete || clearing || finished === 0}>
            {t('popup_clear_finished')}
          </button>
        </div>
        <p className="notice muted" role="status">
          {notice}
        </p>
      </div>
      {entries.length === 0 ? (
        <p className="empty muted">{t('popup_no_match')}</p>
      ) : (
        <ul className="jobs" aria-label={t('popup_jobs')}>
          {entries
            .slice(0, shown)
            .map((entry) =>
              entry.kind === 'job' ? (
                <StoredJobRow key={entry.key} store={store} id={entry.job.id} actions={actions} />
              ) : (
                <BatchGroup
                  key={entry.key}
                  operation={entry.operation}
                  summary={entry.summary}
                  jobs={entry.jobs}
                  store={store}
                  actions={actions}
                />
              ),
            )}
        </ul>
      )}
      {rest > 0 && (
        <ShowMore count={Math.min(PAGE_SIZE, rest)} of={rest} onMore={() => setPages((p) => p + 1)} />
      )}
    </>
  );
}

/** The next page: on click, or by itself once the person scrolls down to it. */
function ShowMore({ count, of, onMore }: { count: number; of: number; onMore(): void }) {
  const button = useRef<HTMLButtonElement>(null);
  const more = useRef(onMore);
  useEffect(() => {
    more.current = onMore;
  });
  useEffect(() => {
    const target = button.current;
    if (!target) return;
    const observer = new IntersectionObserver((seen) => {
      if (seen.some((entry) => entry.isIntersecting)) more.current();
    });
    observer.observe(target);
    return () => observer.disconnect();
  }, [of]);
  return (
    <button ref={button} className="more" onClick={onMore}>
      {t('popup_show_more', [count, of])}
    </button>
  );
}
