import { ACTIVE_STATES, type Job, type JobState } from '@/utils/jobs/schema';
import { formatDuration } from './format';
import type { ListedJob } from './job-listing';
import { t, type MessageKey } from '@/utils/i18n';
import { operationLabel, providerLabel } from '@/utils/operation-text';

/**
 * What the popup's list shows, as pure functions of the stored jobs: the filter a person picked, what
 * they typed in the search box, batches folded into one group, and how much of it is on screen.
 */
export const jobFilters = ['all', 'active', 'done', 'failed'] as const;
export type JobFilter = (typeof jobFilters)[number];

const FILTER_KEYS: Record<JobFilter, MessageKey> = {
  all: 'filter_all',
  active: 'filter_active',
  done: 'filter_done',
  failed: 'filter_failed',
};
export const filterLabel = (filter: JobFilter): string => t(FILTER_KEYS[filter]);

/** Failed also holds the other endings without a result (canceled, expired): nothing came of them. */
const FILTER_STATES: Record<Exclude<JobFilter, 'all'>, ReadonlySet<JobState>> = {
  // Still open: running, or waiting for the person to decide.
  active: new Set<JobState>([...ACTIVE_STATES, 'needs_decision']),
  done: new Set<JobState>(['completed']),
  failed: new Set<JobState>(['failed', 'canceled', 'expired']),
};

export function matchesFilter(job: ListedJob, filter: JobFilter): boolean {
  return filter === 'all' || FILTER_STATES[filter].has(job.state);
}

/** How many jobs each filter would show, for the filter buttons. */
export function filterCounts(jobs: readonly ListedJob[]): Record<JobFilter, number> {
  const counts: Record<JobFilter, number> = { all: jobs.length, active: 0, done: 0, failed: 0 };
  for (const job of jobs) {
    if (FILTER_STATES.active.has(job.state)) counts.active++;
    else if (FILTER_STATES.done.has(job.state)) counts.done++;
    else if (FILTER_STATES.failed.has(job.state)) counts.failed++;
  }
  return counts;
}

/** A data: URL can be megabytes of base64 that nobody searches for; its scheme is enough. */
const SEARCHED_URL_CHARS = 2048;

/** The lower-cased text a search looks in, computed once per stored record (records are immutable). */
const haystacks = new WeakMap<ListedJob, string>();
function haystackOf(job: ListedJob): string {
  let text = haystacks.get(job);
  if (text === undefined) {
    const url = job.source.url.slice(0, SEARCHED_URL_CHARS);
    text = [url, hostOf(job.source.url), job.label, job.providerName, job.operation].join('\n').toLowerCase();
    haystacks.set(job, text);
  }
  return text;
}

/** The words typed, lower-cased: split once per search, not once per job. */
export function searchWords(query: string): string[] {
  return query.toLowerCase().split(/\s+/).filter(Boolean);
}

/** Every word typed must appear in the job's page address (host or URL) or its operation label. */
export function matchesWords(job: ListedJob, words: readonly string[]): boolean {
  if (words.length === 0) return true;
  const text = haystackOf(job);
  return words.every((word) => text.includes(word));
}

export function matchesSearch(job: ListedJob, query: string): boolean {
  return matchesWords(job, searchWords(query));
}

/** The jobs a search shows (the same array when nothing is typed). */
export function searched<T extends ListedJob>(jobs: readonly T[], query: string): readonly T[] {
  const words = searchWords(query);
  return words.length === 0 ? jobs : jobs.filter((job) => matchesWords(job, words));
}

export interface BatchSummary {
  /** As many as were started together, even if some were removed since. */
  size: number;
  done: number;
  failed: number;
  active: number;
}

export type ListEntry<T extends ListedJob = ListedJob> =
  | { kind: 'job'; key: string; job: T }
  | {
      kind: 'batch';
      key: string;
      batchId: string;
      /** "HitPaw · General 2×", from the batch's first job (a batch runs one operation). */
      operation: string;
      /** The batch's jobs that pass the filter and search, newest first. */
      jobs: T[];
      /** Counted over every stored job of the batch, whatever the filter. */
      summary: BatchSummary;
    };

/**
 * Filters and searches `jobs` (newest first) and folds each batch into one entry where its newest
 * shown job would be. The batch summary counts all of the batch's jobs, so "3 of 4 done" stays true
 * while the Failed filter shows only the fourth.
 */
export function listEntries<T extends ListedJob>(
  jobs: readonly T[],
  filter: JobFilter,
  query: string,
): ListEntry<T>[] {
  const summaries = new Map<string, BatchSummary>();
  for (const job of jobs) {
    if (!job.batch) continue;
    const summary = summaries.get(job.batch.id) ?? { size: job.batch.size, done: 0, failed: 0, active: 0 };
    if (FILTER_STATES.done.has(job.state)) summary.done++;
    else if (FILTER_STATES.failed.has(job.state)) summary.failed++;
    else summary.active++;
    summaries.set(job.batch.id, summary);
  }
  const entries: ListEntry<T>[] = [];
  const groups = new Map<string, Extract<ListEntry<T>, { kind: 'batch' }>>();
  const words = searchWords(query);
  for (const job of jobs) {
    if (!matchesFilter(job, filter) || !matchesWords(job, words)) continue;
    if (!job.batch) {
      entries.push({ kind: 'job', key: job.id, job });
      continue;
    }
    const group = groups.get(job.batch.id);
    if (group) {
      group.jobs.push(job);
      continue;
    }
    const entry = {
      kind: 'batch' as const,
      key: `batch:${job.batch.id}`,
      batchId: job.batch.id,
      operation: `${providerLabel(job.providerName)} · ${operationLabel(job.label)}`,
      jobs: [job],
      summary: summaries.get(job.batch.id)!,
    };
    groups.set(job.batch.id, entry);
    entries.push(entry);
  }
  return entries;
}

/** "Batch · HitPaw · General 2× · 3 of 4 done · 1 failed" */
export function batchTitle(operation: string, summary: BatchSummary): string {
  const title = t('batch_title_row', [operation, summary.done, summary.size]);
  return summary.failed > 0 ? t('batch_failed_part', [title, summary.failed]) : title;
}

/** Entries rendered at first and added per "Show more": a screenful and a half of rows, not 1,000. */
export const PAGE_SIZE = 50;

/** Entries in the popup's very first render: a screenful (rows are 56 px in a 560 px popup). */
export const FIRST_PAINT_ENTRIES = 10;

/** The shown entries grow by pages; a filter or search change starts again from the first page. */
export function visibleCount(total: number, pages: number): number {
  return Math.min(total, Math.max(1, pages) * PAGE_SIZE);
}

/**
 * Refused at the click (an address no provider may be sent) or with no room to record it: nothing left
 * the browser, so there is no running time to show ("0 s") — the row says "Not sent" instead.
 */
export function neverSent(job: Job): boolean {
  const kind = job.error?.kind;
  return (
    job.state === 'failed' &&
    job.submittedAt === undefined &&
    (kind === 'refused_url' || kind === 'storage_full')
  );
}

/** "Not sent", or the time from the click to the end (or to now while it runs). */
export function elapsedText(job: Job, now: number): string {
  return neverSent(job) ? t('job_not_sent') : formatDuration((job.finishedAt ?? now) - job.createdAt);
}

export function hostOf(url: string): string {
  if (url.startsWith('data:')) return 'embedded image';
  if (url.startsWith('blob:')) return 'page-made image';
  try {
    return new URL(url).hostname || url.slice(0, 40);
  } catch {
    return url.slice(0, 40);
  }
}

/**
 * The list after some records changed (`undefined`: removed), newest first, reusing every untouched
 * record object so memoised rows that did not change do not render again.
 */
export function mergeJobs<T extends ListedJob>(
  list: readonly T[],
  changed: ReadonlyMap<string, T | undefined>,
): T[] {
  // The common case, a running job's update: same place, no sort.
  const inPlace = [...changed].every(
    ([id, job]) => job !== undefined && list.some((old) => old.id === id && old.createdAt === job.createdAt),
  );
  if (inPlace) return list.map((job) => changed.get(job.id) ?? job);
  const next = list.filter((job) => !changed.has(job.id));
  const added = [...changed.values()].filter((job): job is T => job !== undefined);
  if (added.length === 0) return next;
  return [...next, ...added].sort((a, b) => b.createdAt - a.createdAt || a.id.localeCompare(b.id));
}

/**
 * Whether a change moves the job in the list: its place (age), the filter it falls under, its batch.
 * Anything else (progress, ETA, a page note) is only its own row's business.
 */
export function movesInList(before: ListedJob | undefined, after: ListedJob | undefined): boolean {
  if (!before || !after) return before !== after;
  return (
    before.state !== after.state ||
    before.createdAt !== after.createdAt ||
    before.batch?.id !== after.batch?.id
  );
}
