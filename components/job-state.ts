import type { Job } from '@/utils/jobs/schema';
import { measuresProgress } from '@/utils/provider-catalogue';
import { formatDuration } from './format';
import { t, type MessageKey } from '@/utils/i18n';

/** The words a person sees for each state, and what the page swap came to. */
const STATE_LABELS: Record<Job['state'], MessageKey> = {
  submitting: 'state_submitting',
  waiting: 'state_waiting',
  // Sent, and not started yet: the provider holds it in its queue (or spins up a machine for it), or
  // the on-device engine is still loading its model.
  queued: 'state_queued',
  processing: 'state_processing',
  completed: 'state_completed',
  failed: 'state_failed',
  canceled: 'state_canceled',
  expired: 'state_expired',
  needs_decision: 'state_needs_decision',
};

/**
 * The state's words for this job. A `waiting` job that has not failed yet is not retrying: it was
 * started with others (a batch) and waits for its provider's turn to send.
 */
export function stateLabel(job: Pick<Job, 'state' | 'failures'>): string {
  return t(job.state === 'waiting' && job.failures === 0 ? 'state_waiting_turn' : STATE_LABELS[job.state]);
}

/**
 * How far a running job is, in whole percent, where the provider measures it (TensorPix, the on-device
 * tiles) and the job is under way; null otherwise (other providers' figures are phase steps, not work
 * done). Rounded down: "100 %" is never shown before the result is there.
 */
export function progressPercent(job: Pick<Job, 'state' | 'progress' | 'provider'>): number | null {
  if (job.state !== 'processing' || job.progress === null || !measuresProgress(job.provider)) return null;
  return Math.min(99, Math.floor(job.progress * 100));
}

/**
 * The line under a running job's bar: "42 %", "42 % · about 3 min left" (TensorPix also gives its
 * ETA), "about 3 min left"; null when the provider tells neither.
 */
export function progressText(
  job: Pick<Job, 'state' | 'progress' | 'provider' | 'etaSeconds'>,
): string | null {
  const parts: string[] = [];
  const percent = progressPercent(job);
  if (percent !== null) parts.push(t('progress_percent', percent));
  if (job.etaSeconds != null && job.etaSeconds > 0)
    parts.push(t('progress_eta', formatDuration(job.etaSeconds * 1000)));
  return parts.length ? parts.join(' · ') : null;
}

export const STATE_TONE: Record<Job['state'], 'active' | 'ok' | 'bad' | 'warn' | 'muted'> = {
  submitting: 'active',
  waiting: 'warn',
  queued: 'active',
  processing: 'active',
  completed: 'ok',
  failed: 'bad',
  canceled: 'muted',
  expired: 'muted',
  needs_decision: 'warn',
};

export function pageNote(job: Job): string | null {
  switch (job.page?.status) {
    case 'pending':
      return t('page_putting');
    case 'replaced':
      return job.page.shown === 'original' ? t('page_shows_original') : t('page_replaced');
    case 'refused':
      return t('page_refused');
    case 'not-found':
      return t('page_gone');
    case 'gone':
      return t('page_tab_closed');
    case 'no-listener':
      return t('page_stopped');
    default:
      return null;
  }
}

/** A cut-out comes with its mask: a provider's link to it, or our own copy (made in this browser). */
export function hasMask(job: Job): boolean {
  return Boolean(job.result?.maskUrl || job.result?.maskCached);
}
