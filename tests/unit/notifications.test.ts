import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createJobNotices, notifiedEnds, onNoticeClicked } from '@/entrypoints/background/notifications';
import { deleteJob, listJobs, putJob } from '@/utils/jobs/store';
import type { Job } from '@/utils/jobs/schema';
import {
  jobIdOfNotice,
  NOTIFIED_LIMIT,
  noticeFor,
  noticeKey,
  noticeText,
  plainReason,
  rememberNotified,
} from '@/utils/notifications';
import { notifyWhenDone } from '@/utils/storage';
import { makeJob } from './jobs/job-factory';

const away = { inFront: false, notified: new Set<string>(), enabled: true };
const done = makeJob({ state: 'completed', finishedAt: 2_000, updatedAt: 2_000 });
const failed = makeJob({
  state: 'failed',
  finishedAt: 3_000,
  updatedAt: 3_000,
  error: { kind: 'auth', message: 'HitPaw refused the API key.', retryable: false },
});

describe('which job changes are announced', () => {
  it('only a transition into completed or failed', () => {
    expect(noticeFor(done, { ...away, before: 'processing' })).toBeDefined();
    expect(noticeFor(failed, { ...away, before: 'queued' })).toBeDefined();
    // Already ended (a later write of the same end, e.g. the page swap): no news.
    expect(noticeFor(done, { ...away, before: 'completed' })).toBeUndefined();
    // A record first seen ended (refused at the click, or ended before the worker looked).
    expect(noticeFor(done, { ...away, before: undefined })).toBeUndefined();
    // Still running, or ended by the person.
    expect(noticeFor(makeJob({ state: 'processing' }), { ...away, before: 'queued' })).toBeUndefined();
    expect(noticeFor(makeJob({ state: 'canceled' }), { ...away, before: 'processing' })).toBeUndefined();
  });

  it('only when the job’s tab is not in front', () => {
    expect(noticeFor(done, { ...away, before: 'processing', inFront: true })).toBeUndefined();
  });

  it('never twice for one end, but again for the end of a retry', () => {
    const notified = new Set([noticeKey(done)]);
    expect(noticeFor(done, { ...away, before: 'processing', notified })).toBeUndefined();
    const retried = { ...done, finishedAt: 9_000, updatedAt: 9_000 };
    expect(noticeFor(retried, { ...away, before: 'processing', notified })).toBeDefined();
  });

  it('not at all when the setting is off', () => {
    expect(noticeFor(done, { ...away, before: 'processing', enabled: false })).toBeUndefined();
  });
});

describe('what the notification says', () => {
  it('names the operation and provider, or the reason of a failure', () => {
    expect(noticeText(done).title).toBe('Enhanced — General 2× · HitPaw');
    expect(noticeText(failed)).toEqual({
      title: 'Failed — HitPaw refused the API key.',
      message: 'General 2× · HitPaw. Click to see it.',
    });
  });

  it('leaves out links and anything shaped like a key, and stays short', () => {
    const reason = plainReason(
      'Invalid key sk_live_4f9a8b7c6d5e4f3a2b1c0d9e8f7a at https://cdn.example.net/x.png?sig=abc&key=1 (data:image/png;base64,AAAA)',
    );
    expect(reason).not.toMatch(/sk_live|https:|sig=|base64/);
    expect(reason).toBe('Invalid key … at a link (a link');
    expect(plainReason('x'.repeat(10) + ' word'.repeat(60)).length).toBeLessThanOrEqual(140);
    expect(plainReason(undefined)).toBe('the job did not finish');
  });

  it('a notification id names its job', () => {
    expect(jobIdOfNotice(noticeKey(done))).toBe(done.id);
  });

  it('remembers a bounded list of ends', () => {
    let list: string[] = [];
    for (let i = 0; i < NOTIFIED_LIMIT + 5; i++) list = rememberNotified(list, `job-${i}@1`);
    expect(list).toHaveLength(NOTIFIED_LIMIT);
    expect(list.at(-1)).toBe(`job-${NOTIFIED_LIMIT + 4}@1`);
  });
});

describe('the background: job writes → notifications, clicks → the job', () => {
  let tabId: number;
  let windowId: number;

  beforeEach(async () => {
    fakeBrowser.reset();
    for (const stored of await listJobs()) await deleteJob(stored.id);
    const tab = await fakeBrowser.tabs.create({ url: 'https://gallery.example.org/' });
    tabId = tab.id!;
    windowId = tab.windowId!;
  });

  /** Puts the job's tab behind another one (or in front), in a focused window. */
  async function tabIs(front: boolean) {
    vi.spyOn(fakeBrowser.tabs, 'get').mockImplementation(
      async (id) => (id === tabId ? { id, windowId, active: front } : undefined) as never,
    );
    vi.spyOn(fakeBrowser.windows, 'get').mockResolvedValue({ id: windowId, focused: true } as never);
  }

  async function runToEnd(end: Partial<Job>) {
    const job = await putJob(
      makeJob({ state: 'processing', source: { url: 'https://x.example/a.jpg', tabId } }),
    );
    const notices = createJobNotices();
    await notices.changed(job.id); // seen running
    const ended = await putJob({ ...job, ...end, updatedAt: end.finishedAt ?? job.updatedAt });
    await notices.changed(ended.id);
    await notices.changed(ended.id); // a second write of the same end (e.g. the page swap)
    return { ended, notices };
  }

  it('announces a job that completes while its tab is behind another, once', async () => {
    await tabIs(false);
    const { ended } = await runToEnd({ state: 'completed', finishedAt: Date.now() });
    const shown = fakeBrowser.notifications.getAllCreateOptions();
    expect(Object.keys(shown)).toEqual([noticeKey(ended)]);
    expect(shown[noticeKey(ended)]).toMatchObject({ type: 'basic', title: 'Enhanced — General 2× · HitPaw' });
    expect(await notifiedEnds.getValue()).toEqual([noticeKey(ended)]);

    // A restarted worker reads the ended job as it is now and announces nothing again.
    const restarted = createJobNotices();
    await fakeBrowser.notifications.clear(noticeKey(ended));
    await restarted.changed(ended.id);
    expect(fakeBrowser.notifications.getAllCreateOptions()).toEqual({});
  });

  it('stays quiet when the tab is in front, or when the setting is off', async () => {
    await tabIs(true);
    await runToEnd({ state: 'completed', finishedAt: Date.now() });
    await tabIs(false);
    await notifyWhenDone.setValue(false);
    await runToEnd({ state: 'failed', finishedAt: Date.now() + 1 });
    expect(fakeBrowser.notifications.getAllCreateOptions()).toEqual({});
  });

  it('a click brings the job’s tab and window to front', async () => {
    await tabIs(false);
    const update = vi.spyOn(fakeBrowser.tabs, 'update');
    const focus = vi.spyOn(fakeBrowser.windows, 'update');
    const { ended } = await runToEnd({ state: 'completed', finishedAt: Date.now() });
    await onNoticeClicked(noticeKey(ended));
    expect(update).toHaveBeenCalledWith(tabId, { active: true });
    expect(focus).toHaveBeenCalledWith(windowId, { focused: true });
    expect(fakeBrowser.notifications.getAllCreateOptions()).toEqual({});
  });

  it('a click whose tab is gone opens the job in the result viewer', async () => {
    await tabIs(false);
    const { ended } = await runToEnd({ state: 'completed', finishedAt: Date.now() });
    vi.spyOn(fakeBrowser.tabs, 'get').mockRejectedValue(new Error('No tab with id'));
    const create = vi.spyOn(fakeBrowser.tabs, 'create');
    await onNoticeClicked(noticeKey(ended));
    expect(create).toHaveBeenCalledWith({
      url: `chrome-extension://${fakeBrowser.runtime.id}/viewer.html?job=${ended.id}`,
    });
  });
});
