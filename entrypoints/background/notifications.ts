import { browser } from 'wxt/browser';
import { storage } from 'wxt/utils/storage';
import { z } from 'zod';
import { getJob, listJobs, watchJobs } from '@/utils/jobs/store';
import type { Job, JobState } from '@/utils/jobs/schema';
import { jobIdOfNotice, noticeFor, noticeKey, rememberNotified } from '@/utils/notifications';
import { notifyWhenDone, readSetting } from '@/utils/storage';

/**
 * Browser notifications for jobs that end while the person looks elsewhere (utils/notifications.ts
 * decides). The ends already announced are kept in storage.local, so a restarted worker never repeats
 * one; the states last seen are kept in memory, read from the store as the worker starts.
 */
export const notifiedEnds = storage.defineItem<string[]>('local:notifiedJobEnds', { fallback: [] });
const notifiedSchema = z.array(z.string());

/** Bundled with the extension (a notification needs an icon); made from the toolbar's colours. */
export const NOTICE_ICON = '/notification-icon.png';

/** Its tab is the active one of a focused window. A closed tab, or no tab, is not in front. */
export async function tabInFront(tabId: number | undefined): Promise<boolean> {
  if (tabId === undefined) return false;
  try {
    const tab = await browser.tabs.get(tabId);
    if (!tab.active) return false;
    const window = await browser.windows.get(tab.windowId);
    return window.focused;
  } catch {
    return false;
  }
}

export interface JobNotices {
  /** A job record changed (or was deleted). */
  changed(jobId: string): Promise<void>;
}

/**
 * Reads the states as the worker starts, then looks at each change in the order they come, so two
 * quick writes of one job are never both taken for its end.
 */
export function createJobNotices(): JobNotices {
  const before = new Map<string, JobState>();
  const seeded = listJobs()
    .then((jobs) => jobs.forEach((job) => before.set(job.id, job.state)))
    .catch(() => undefined);
  let queue: Promise<void> = seeded;

  async function look(jobId: string) {
    const job = await getJob(jobId);
    const previous = before.get(jobId);
    if (!job) {
      before.delete(jobId);
      return;
    }
    before.set(jobId, job.state);
    await announce(job, previous);
  }

  return {
    changed(jobId) {
      queue = queue.then(() => look(jobId)).catch((error: unknown) => console.warn('Notice failed', error));
      return queue;
    },
  };
}

async function announce(job: Job, previous: JobState | undefined) {
  if (job.state !== 'completed' && job.state !== 'failed') return; // nothing to read for the rest
  const notifiedList = notifiedSchema.safeParse(await notifiedEnds.getValue());
  const notified = notifiedList.success ? notifiedList.data : [];
  const notice = noticeFor(job, {
    before: previous,
    inFront: await tabInFront(job.source.tabId),
    notified: new Set(notified),
    enabled: await readSetting(notifyWhenDone, z.boolean()),
  });
  if (!notice) return;
  const key = noticeKey(job);
  // Remembered first: a worker stopped right after would rather miss this one than show it twice.
  await notifiedEnds.setValue(rememberNotified(notified, key));
  await browser.notifications.create(key, {
    type: 'basic',
    iconUrl: browser.runtime.getURL(NOTICE_ICON),
    title: notice.title,
    message: notice.message,
  });
}

/**
 * A click on a job's notification: back to the job's tab (and its window) when it is still open, else
 * the job in the result viewer — the same page the popup's Open button shows.
 */
export async function onNoticeClicked(notificationId: string): Promise<void> {
  await browser.notifications.clear(notificationId).catch(() => undefined);
  const jobId = jobIdOfNotice(notificationId);
  const job = await getJob(jobId);
  if (!job) return;
  const tabId = job.source.tabId;
  const tab = tabId === undefined ? undefined : await browser.tabs.get(tabId).catch(() => undefined);
  if (tab?.id !== undefined) {
    await browser.tabs.update(tab.id, { active: true });
    await browser.windows.update(tab.windowId, { focused: true });
    return;
  }
  await browser.tabs.create({
    url: `${browser.runtime.getURL('/viewer.html')}?job=${encodeURIComponent(jobId)}`,
  });
}

/** Wiring: follow every job write; a click on one of ours goes to its job. */
export function registerJobNotices() {
  const notices = createJobNotices();
  browser.notifications.onClicked.addListener((id) => void onNoticeClicked(id));
  return watchJobs((jobId) => void notices.changed(jobId));
}
