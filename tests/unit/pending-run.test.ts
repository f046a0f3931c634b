import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import {
  createPendingRunner,
  NO_ON_DEVICE,
  PAGE_CHANGED,
  PAGE_UNREACHABLE,
  PENDING_GONE,
  type PendingRunDeps,
} from '@/entrypoints/background/pending-run';
import {
  isFresh,
  PENDING_RUN_TTL_MS,
  pendingRunItem,
  readPendingRun,
  rememberPendingRun,
  takePendingRun,
  type PendingRun,
} from '@/utils/pending-run';

const CLICKED_AT = 1_760_000_000_000;
const PAGE = 'https://gallery.example.org/';
const run = (over: Partial<PendingRun> = {}): PendingRun => ({
  credential: 'hitpaw',
  menuItemId: 'hitpaw-photo:general_2x',
  srcUrl: 'https://gallery.example.org/images/a.jpg',
  tabId: 7,
  frameId: 0,
  pageUrl: PAGE,
  mediaType: 'image',
  at: CLICKED_AT,
  ...over,
});

beforeEach(() => fakeBrowser.reset());

describe('pending run storage', () => {
  it('keeps the click in storage.session, where content scripts cannot read it by default', async () => {
    await rememberPendingRun(run());
    expect(await fakeBrowser.storage.session.get('pendingRun')).toEqual({ pendingRun: run() });
    expect(await fakeBrowser.storage.local.get(null)).toEqual({});
  });

  it('is fresh for 10 minutes, then gone (and removed)', async () => {
    await rememberPendingRun(run());
    expect(await readPendingRun(CLICKED_AT + PENDING_RUN_TTL_MS - 1)).toEqual(run());
    expect(await readPendingRun(CLICKED_AT + PENDING_RUN_TTL_MS)).toBeUndefined();
    expect(await pendingRunItem.getValue()).toBeNull();
  });

  it('is not fresh when it claims to come from the future (a clock set back)', () => {
    expect(isFresh({ at: CLICKED_AT + 1 }, CLICKED_AT)).toBe(false);
    expect(isFresh({ at: CLICKED_AT }, CLICKED_AT)).toBe(true);
  });

  it('is only offered to the key that was missing', async () => {
    await rememberPendingRun(run());
    expect(await readPendingRun(CLICKED_AT, 'enhancecraft')).toBeUndefined();
    expect(await readPendingRun(CLICKED_AT, 'hitpaw')).toEqual(run());
    expect(await pendingRunItem.getValue()).toEqual(run()); // another key's look leaves it in place
  });

  it('is taken once', async () => {
    await rememberPendingRun(run());
    expect(await takePendingRun(CLICKED_AT, 'hitpaw')).toEqual(run());
    expect(await takePendingRun(CLICKED_AT, 'hitpaw')).toBeUndefined();
  });

  it('drops a malformed stored value instead of running it', async () => {
    await fakeBrowser.storage.session.set({ pendingRun: { ...run(), tabId: 'seven' } });
    expect(await readPendingRun(CLICKED_AT)).toBeUndefined();
    expect(await pendingRunItem.getValue()).toBeNull();
    await expect(rememberPendingRun({ ...run(), menuItemId: '' })).rejects.toThrow();
  });

  it('keeps only the latest click', async () => {
    await rememberPendingRun(run());
    await rememberPendingRun(run({ credential: 'enhancecraft', menuItemId: 'enhancecraft:enhance-2x' }));
    expect(await readPendingRun(CLICKED_AT, 'hitpaw')).toBeUndefined();
    expect((await readPendingRun(CLICKED_AT, 'enhancecraft'))?.menuItemId).toBe('enhancecraft:enhance-2x');
  });
});

describe('running the kept click', () => {
  function runner(over: Partial<PendingRunDeps> = {}) {
    const deps = {
      now: () => CLICKED_AT + 60_000,
      frameUrl: vi.fn(async () => PAGE as string | undefined),
      focus: vi.fn(async () => undefined),
      dispatch: vi.fn(async () => undefined),
      ...over,
    };
    return { deps, runPending: createPendingRunner(deps) };
  }

  it('dispatches the same item in the same tab and frame, as a menu click would, once', async () => {
    await rememberPendingRun(run({ frameId: 3, pageUrl: `${PAGE}frame.html` }));
    const { deps, runPending } = runner({ frameUrl: vi.fn(async () => `${PAGE}frame.html#top`) });
    expect(await runPending('hitpaw', false)).toEqual({ ok: true });
    expect(deps.frameUrl).toHaveBeenCalledWith(7, 3);
    expect(deps.focus).toHaveBeenCalledWith(7);
    expect(deps.dispatch).toHaveBeenCalledTimes(1);
    expect(deps.dispatch).toHaveBeenCalledWith(
      expect.objectContaining({
        menuItemId: 'hitpaw-photo:general_2x',
        srcUrl: 'https://gallery.example.org/images/a.jpg',
        frameId: 3,
        mediaType: 'image',
      }),
      { id: 7 },
    );
    expect(await runPending('hitpaw', false)).toEqual({ ok: false, reason: PENDING_GONE });
    expect(deps.dispatch).toHaveBeenCalledTimes(1);
  });

  it('runs the on-device counterpart instead when asked', async () => {
    await rememberPendingRun(run({ menuItemId: 'hitpaw-segmentation:matting' }));
    const { deps, runPending } = runner();
    expect(await runPending('hitpaw', true)).toEqual({ ok: true });
    expect(deps.dispatch).toHaveBeenCalledWith(
      expect.objectContaining({ menuItemId: 'on-device:remove-background' }),
      { id: 7 },
    );
  });

  it('refuses "instead" where On device has no counterpart', async () => {
    await rememberPendingRun(run({ menuItemId: 'hitpaw-photo:face_2x' }));
    const { deps, runPending } = runner();
    expect(await runPending('hitpaw', true)).toEqual({ ok: false, reason: NO_ON_DEVICE });
    expect(deps.dispatch).not.toHaveBeenCalled();
  });

  it('says so plainly, and runs nothing, when the page can no longer be reached', async () => {
    await rememberPendingRun(run());
    const { deps, runPending } = runner({ frameUrl: vi.fn(async () => undefined) });
    expect(await runPending('hitpaw', false)).toEqual({ ok: false, reason: PAGE_UNREACHABLE });
    expect(PAGE_UNREACHABLE).toContain('Right-click the image again');
    expect(deps.dispatch).not.toHaveBeenCalled();
    expect(deps.focus).not.toHaveBeenCalled();
  });

  it('runs nothing when the tab shows another page now', async () => {
    await rememberPendingRun(run());
    const { deps, runPending } = runner({ frameUrl: vi.fn(async () => 'https://photos.example.com/') });
    expect(await runPending('hitpaw', false)).toEqual({ ok: false, reason: PAGE_CHANGED });
    expect(deps.dispatch).not.toHaveBeenCalled();
  });

  it('runs nothing for a click over 10 minutes old, or kept for another key', async () => {
    await rememberPendingRun(run());
    const late = runner({ now: () => CLICKED_AT + PENDING_RUN_TTL_MS });
    expect(await late.runPending('hitpaw', false)).toEqual({ ok: false, reason: PENDING_GONE });
    await rememberPendingRun(run());
    const other = runner();
    expect(await other.runPending('tensorpix', false)).toEqual({ ok: false, reason: PENDING_GONE });
    expect(other.deps.dispatch).not.toHaveBeenCalled();
  });
});
