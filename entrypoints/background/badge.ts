import { browser } from 'wxt/browser';
import { storage } from 'wxt/utils/storage';
import { z } from 'zod';
import { BADGE_TEXT_COLOUR, badgeFor } from '@/utils/badge';
import { listJobs, watchJobs } from '@/utils/jobs/store';

/**
 * The toolbar badge, drawn from the job records (utils/badge.ts decides what it says). The moment the
 * popup was last opened lives in storage.local, so a ✓ survives the worker being stopped and the browser
 * restarting, and is gone for good once the person has looked.
 */
export const badgeSeenAt = storage.defineItem<number | null>('local:badgeSeenAt', { fallback: null });

async function seenAt(): Promise<number> {
  const stored = z.number().safeParse(await badgeSeenAt.getValue());
  if (stored.success) return stored.data;
  // First run (or an unreadable value): what ended before now is not news.
  const now = Date.now();
  await badgeSeenAt.setValue(now);
  return now;
}

async function draw() {
  const badge = badgeFor(await listJobs(), await seenAt());
  // MV3 names the toolbar button `action`; the Firefox (MV2) build still calls it `browserAction`.
  const button = browser.action ?? browser.browserAction;
  await Promise.all([
    button.setBadgeText({ text: badge.text }),
    button.setBadgeBackgroundColor({ color: badge.colour }),
    button.setBadgeTextColor({ color: BADGE_TEXT_COLOUR }),
    button.setTitle({ title: badge.title }),
  ]);
}

let running: Promise<void> | undefined;
let again = false;

/**
 * Redraws from the records. Bursts of changes (fifty jobs polled at once) cost one read at a time: a
 * call while a redraw runs only asks for one more after it, which then sees every change so far.
 */
export function refreshBadge(): Promise<void> {
  if (running) {
    again = true;
    return running;
  }
  running = (async () => {
    try {
      do {
        again = false;
        await draw().catch((error: unknown) => console.warn('Badge not updated', error));
      } while (again);
    } finally {
      running = undefined;
    }
  })();
  return running;
}

/** The popup was opened: the ✓ or ! has been seen. */
export async function badgeSeen(): Promise<void> {
  await badgeSeenAt.setValue(Date.now());
  await refreshBadge();
}

/** Follows every job write (the store's change channel) and draws once now, as the worker starts. */
export function watchBadge(): () => void {
  const stop = watchJobs(() => void refreshBadge());
  void refreshBadge();
  return stop;
}
