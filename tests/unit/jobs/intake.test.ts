import { beforeEach, describe, expect, it, vi } from 'vitest';
import { getBlob } from '@/utils/jobs/blobs';
import { createIntake, NOTICE_HOLD_MS, type IntakeDeps } from '@/utils/jobs/intake';
import { SUBMIT_WATCHDOG_MS } from '@/utils/jobs/schedule';
import { deleteJob, listJobs } from '@/utils/jobs/store';
import type { PageInspectReply } from '@/utils/messages';
import { menuId, parseMenuId } from '@/utils/providers';

const NOW = 9_000_000;
const TAB = { id: 5 } as const;
const PHOTO = 'https://gallery.example.org/images/photo.jpg';

const seen = (overrides: Partial<PageInspectReply> = {}): PageInspectReply => ({
  count: 1,
  bestUrl: 'https://gallery.example.org/images/photo-800.jpg',
  naturalWidth: 800,
  naturalHeight: 600,
  hasAlpha: false,
  ...overrides,
});

/** The browser and the page as intake sees them, with every call recorded. */
function world(overrides: Partial<IntakeDeps> = {}) {
  const calls = {
    askForKey: vi.fn(async () => undefined),
    notify: vi.fn(async () => undefined),
    start: vi.fn(async () => undefined),
    inspect: vi.fn(async () => seen()),
    readBytes: vi.fn(async () => ({ ok: true as const, blob: new Blob(['jpeg'], { type: 'image/jpeg' }) })),
  };
  const deps: IntakeDeps = {
    bootId: 'boot-intake',
    now: () => NOW,
    resolve: async (id) => parseMenuId(id, []),
    hasKey: async () => true,
    ...calls,
    ...overrides,
  };
  return { click: createIntake(deps), calls };
}

const click = (menuItemId: string, srcUrl = PHOTO) => ({
  menuItemId,
  srcUrl,
  frameId: 2,
  editable: false,
  pageUrl: 'https://gallery.example.org/',
});

beforeEach(async () => {
  for (const job of await listJobs()) await deleteJob(job.id);
});

describe('intake: menu click → job record', () => {
  it('without the key, opens Options naming it and records nothing', async () => {
    const { click: onClick, calls } = world({ hasKey: async () => false });
    await onClick(click(menuId('hitpaw-photo', 'general_2x')), TAB);
    expect(calls.askForKey).toHaveBeenCalledWith('hitpaw', 'General 2×');
    expect(calls.inspect).not.toHaveBeenCalled();
    expect(calls.start).not.toHaveBeenCalled();
    expect(await listJobs()).toEqual([]);
  });

  it('sends the best candidate: written ahead (submitting for this worker, its watchdog time), then started, the page told', async () => {
    const stored: unknown[] = [];
    const start = vi.fn(async () => void stored.push(...(await listJobs())));
    const { click: onClick, calls } = world({ start });
    await onClick(click(menuId('hitpaw-photo', 'general_2x')), TAB);
    const [job] = await listJobs();
    expect(stored).toEqual([job]); // as it was when the start began
    expect(job).toMatchObject({
      state: 'submitting',
      bootId: 'boot-intake',
      nextAttemptAt: NOW + SUBMIT_WATCHDOG_MS,
      provider: 'hitpaw-photo',
      label: 'General 2×',
      createdAt: NOW,
      source: {
        url: PHOTO,
        sentUrl: 'https://gallery.example.org/images/photo-800.jpg',
        tabId: 5,
        frameId: 2,
        width: 800,
        height: 600,
      },
    });
    expect(calls.inspect).toHaveBeenCalledWith({ tabId: 5, frameId: 2 }, job!.id, PHOTO);
    expect(start).toHaveBeenCalledWith(job!.id, job); // the record at hand: not read back
    expect(calls.notify).toHaveBeenCalledWith(
      { tabId: 5, frameId: 2 },
      'Enhancing with HitPaw · General 2×… Progress is in the toolbar popup.',
      'info',
    );
  });

  it('the in-page notice follows the submit’s answer, or a moment at most when the provider is slow', async () => {
    const order: string[] = [];
    let answer: () => void = () => undefined;
    const start = vi.fn(() => new Promise<void>((done) => (answer = () => (order.push('answered'), done()))));
    const notify = vi.fn(async () => void order.push('notice'));
    const { click: onClick } = world({ start, notify });
    const quick = onClick(click(menuId('hitpaw-photo', 'general_2x')), TAB);
    await vi.waitFor(() => expect(start).toHaveBeenCalledTimes(1));
    answer();
    await quick;
    expect(order).toEqual(['answered', 'notice']);

    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      order.length = 0;
      const slow = onClick(click(menuId('hitpaw-photo', 'general_2x')), TAB);
      while (start.mock.calls.length < 2) await new Promise((next) => setImmediate(next)); // its reads
      await vi.advanceTimersByTimeAsync(NOTICE_HOLD_MS - 1);
      expect(notify).toHaveBeenCalledTimes(1);
      await vi.advanceTimersByTimeAsync(1);
      expect(notify).toHaveBeenCalledTimes(2); // the notice, while the submit is still unanswered
      answer();
      await slow;
      expect(order).toEqual(['notice', 'answered']);
    } finally {
      vi.useRealTimers();
    }
  });

  it('starts the submit without waiting for the in-page notice (both happen)', async () => {
    let shown: () => void = () => undefined;
    const notify = vi.fn(() => new Promise<void>((resolve) => (shown = resolve)));
    const { click: onClick, calls } = world({ notify });
    const done = onClick(click(menuId('hitpaw-photo', 'general_2x')), TAB);
    await vi.waitFor(() => expect(calls.start).toHaveBeenCalledTimes(1));
    expect(notify).toHaveBeenCalledTimes(1);
    shown();
    await done;
  });

  it('a candidate that would not pass the URL guard is not sent: the clicked URL is', async () => {
    const { click: onClick } = world({ inspect: async () => seen({ bestUrl: 'http://10.0.0.2/big.jpg' }) });
    await onClick(click(menuId('hitpaw-photo', 'general_2x')), TAB);
    expect((await listJobs())[0]?.source.sentUrl).toBe(PHOTO);
  });

  it.each([
    // A video: HitPaw images on private hosts are uploaded instead (tests/unit/providers/hitpaw-intake).
    ['a private address', 'http://192.168.1.20/cat.mp4', undefined, /private or local address/],
    ['a streamed video', 'https://gallery.example.org/videos/tiny.mp4', seen({ stream: true }), /streamed/],
  ])('refuses %s with the reason, records it, and sends nothing', async (_, srcUrl, reply, reason) => {
    const video = srcUrl.endsWith('.mp4');
    const { click: onClick, calls } = world({ inspect: async () => reply });
    const op = video ? menuId('hitpaw-video', 'general_restore_2x') : menuId('hitpaw-photo', 'general_2x');
    await onClick(click(op, srcUrl), TAB);
    const [job] = await listJobs();
    expect(job).toMatchObject({
      state: 'failed',
      error: { kind: 'refused_url', retryable: false },
      finishedAt: NOW,
      nextAttemptAt: null,
    });
    expect(job!.error!.message).toMatch(reason);
    expect(calls.notify).toHaveBeenCalledWith(
      { tabId: 5, frameId: 2 },
      `Not sent: ${job!.error!.message}`,
      'error',
    );
    expect(calls.start).not.toHaveBeenCalled();
  });

  it('the provider’s own precheck refuses before anything is read or sent', async () => {
    const { click: onClick, calls } = world({
      inspect: async () => seen({ naturalWidth: 5000, naturalHeight: 4000 }),
    });
    await onClick(click(menuId('on-device', 'remove-background')), TAB);
    expect((await listJobs())[0]?.error?.message).toMatch(/takes images up to 16\.0 MP/);
    expect(calls.readBytes).not.toHaveBeenCalled();
  });

  it('a provider that takes bytes gets them kept with the job first; unreadable bytes are a refusal', async () => {
    const { click: onClick, calls } = world();
    await onClick(click(menuId('enhancecraft', 'enhance-2x')), TAB);
    const [job] = await listJobs();
    expect(job?.state).toBe('submitting');
    expect(await (await getBlob(job!.id, 'input'))?.text()).toBe('jpeg');
    expect(calls.start).toHaveBeenCalledWith(job!.id, job);

    const unreadable = world({
      readBytes: async () => ({ ok: false, reason: 'The site does not share it.' }),
    });
    await unreadable.click(click(menuId('on-device', 'upscale-2x')), TAB);
    const refused = (await listJobs()).find((j) => j.provider === 'on-device');
    expect(refused).toMatchObject({ state: 'failed', error: { message: 'The site does not share it.' } });
    expect(unreadable.calls.start).not.toHaveBeenCalled();
  });

  it('a click with no tab (e.g. an extension page) still records the job, with no page to return to', async () => {
    const { click: onClick, calls } = world();
    await onClick(click(menuId('hitpaw-photo', 'general_2x')), undefined);
    const [job] = await listJobs();
    expect(job?.source.tabId).toBeUndefined();
    expect(calls.inspect).not.toHaveBeenCalled();
    expect(calls.start).toHaveBeenCalled();
  });

  it('ignores a click that is not ours or has no media', async () => {
    const { click: onClick, calls } = world();
    await onClick(click('not-a-menu-item'), TAB);
    await onClick({ ...click(menuId('hitpaw-photo', 'general_2x')), srcUrl: undefined }, TAB);
    expect(await listJobs()).toEqual([]);
    expect(calls.start).not.toHaveBeenCalled();
  });
});
