import type { Job, JobState } from './jobs/schema';
import { t } from '@/utils/i18n';
import { operationLabel, providerLabel } from './operation-text';

/**
 * Which job changes deserve a browser notification, and its words. A job that ends — completed or
 * failed — while the person looks elsewhere (its tab is not the one in front of a focused window, or
 * is gone) is announced once; anything else stays in the badge and the popup.
 */
export interface JobNotice {
  title: string;
  message: string;
}

export interface NoticeContext {
  /** The job's state when the background last looked at it; undefined for a record it had not seen. */
  before: JobState | undefined;
  /** Its tab is the active tab of the focused window. */
  inFront: boolean;
  /** Ends already announced (noticeKey values). */
  notified: ReadonlySet<string>;
  /** The "Notify when a job finishes" setting. */
  enabled: boolean;
}

const ENDS: ReadonlySet<JobState> = new Set(['completed', 'failed']);

/**
 * One key per end of a job: a job retried after failing ends again later, and that end is news too.
 * Also the notification's id, so a click finds its job.
 */
export const noticeKey = (job: Pick<Job, 'id' | 'finishedAt' | 'updatedAt'>) =>
  `${job.id}@${job.finishedAt ?? job.updatedAt}`;

/** The job id a notification id (noticeKey) stands for. */
export const jobIdOfNotice = (notificationId: string) => notificationId.replace(/@\d+$/, '');

const MAX_REASON = 140;

/**
 * Error text can carry a provider's own words: links and anything shaped like a key or token are left
 * out, and it is kept short, so nothing secret lands in the notification centre.
 */
export function plainReason(message: string | undefined): string {
  const text = (message ?? '')
    .replace(/\b[a-z][a-z0-9+.-]*:\/\/\S+/gi, t('notify_a_link'))
    .replace(/\b(?:data|blob):\S+/gi, t('notify_a_link'))
    .replace(/[A-Za-z0-9_\-+/=.]{24,}/g, '…')
    .replace(/\s+/g, ' ')
    .trim();
  if (!text) return t('notify_no_reason');
  return text.length > MAX_REASON ? `${text.slice(0, MAX_REASON - 1).trimEnd()}…` : text;
}

type NoticeJob = Pick<Job, 'id' | 'state' | 'label' | 'providerName' | 'error' | 'finishedAt' | 'updatedAt'>;

/** The words for a job's end; the title carries the news, the message what to do. */
export function noticeText(job: NoticeJob): JobNotice {
  const what = `${operationLabel(job.label)} · ${providerLabel(job.providerName)}`;
  if (job.state === 'completed') return { title: t('notify_enhanced', what), message: t('notify_click') };
  return {
    title: t('notify_failed', plainReason(job.error?.message)),
    message: t('notify_failed_message', what),
  };
}

/** A notification for this change, or undefined: only a transition into an end, never twice, never in front. */
export function noticeFor(job: NoticeJob, context: NoticeContext): JobNotice | undefined {
  if (!context.enabled || context.inFront) return undefined;
  if (!ENDS.has(job.state)) return undefined;
  // A record first seen already ended was made that way at the click (refused), or ended before this
  // worker looked; either way it is not news now.
  if (context.before === undefined || ENDS.has(context.before)) return undefined;
  if (context.notified.has(noticeKey(job))) return undefined;
  return noticeText(job);
}

/** The ends remembered, newest last, bounded so the list never grows with the job history. */
export const NOTIFIED_LIMIT = 200;
export function rememberNotified(list: readonly string[], key: string): string[] {
  return [...list.filter((k) => k !== key), key].slice(-NOTIFIED_LIMIT);
}
