import { ACTIVE_STATES, type Job } from './jobs/schema';
import { t } from '@/utils/i18n';

/**
 * What the toolbar badge says, from the job records alone and the moment the popup was last opened:
 * the number of running jobs; once none runs, a ✓ for jobs that finished since, or a ! when one of them
 * failed (or waits for the person's decision), until the popup is opened. Nothing to say → no badge.
 */
export interface Badge {
  text: string;
  /** Badge background; the text on it is always BADGE_TEXT_COLOUR. */
  colour: string;
  /** The toolbar button's tooltip, saying the same in words. */
  title: string;
}

/** White text on each background below: every pair has a contrast ratio of at least 4.5:1 (unit-tested). */
export const BADGE_TEXT_COLOUR = '#ffffff';
export const BADGE_COLOURS = {
  active: '#3b4bc8', // the theme's accent, one step darker for white text
  done: '#1e7e4a', // the theme's --ok
  failed: '#b3261e', // the theme's --bad
} as const;

/** The toolbar button's own title (the manifest's), in the browser's language. */
const baseTitle = () => t('action_title');

type BadgeJob = Pick<Job, 'state' | 'updatedAt' | 'finishedAt'>;

/** When a job reached the state it is in now (finishedAt is set on every end; updatedAt otherwise). */
const endedAt = (job: BadgeJob) => job.finishedAt ?? job.updatedAt;

export function badgeFor(jobs: readonly BadgeJob[], seenAt: number): Badge {
  const active = jobs.filter((job) => ACTIVE_STATES.has(job.state)).length;
  if (active > 0) {
    const running = active === 1 ? t('badge_running_one') : t('badge_running_many', active);
    return { text: active > 99 ? '99+' : String(active), colour: BADGE_COLOURS.active, title: running };
  }
  const unseen = jobs.filter((job) => endedAt(job) > seenAt);
  if (unseen.some((job) => job.state === 'failed' || job.state === 'needs_decision')) {
    return { text: '!', colour: BADGE_COLOURS.failed, title: t('badge_needs_look', baseTitle()) };
  }
  if (unseen.some((job) => job.state === 'completed')) {
    return { text: '✓', colour: BADGE_COLOURS.done, title: t('badge_finished', baseTitle()) };
  }
  return { text: '', colour: BADGE_COLOURS.active, title: baseTitle() };
}

/** WCAG 2 contrast ratio of two `#rrggbb` colours (1 to 21). */
export function contrastRatio(a: string, b: string): number {
  const luminance = (hex: string) => {
    const [r, g, b] = [1, 3, 5].map((i) => {
      const c = parseInt(hex.slice(i, i + 2), 16) / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
  };
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}
