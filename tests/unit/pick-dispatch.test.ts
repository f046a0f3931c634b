import { describe, expect, it, vi } from 'vitest';
import {
  createMenuDispatch,
  DEFAULT_OPERATION,
  pickFromShortcut,
  type DispatchDeps,
} from '@/entrypoints/background/pick';
import { REPEAT_ID } from '@/utils/menu-items';
import { parseMenuId } from '@/utils/providers';

function deps(last: string | null = null) {
  const stored = { last };
  const d = {
    resolve: vi.fn(async (id: string) => parseMenuId(id)),
    intake: vi.fn(async () => undefined),
    last: vi.fn(async () => stored.last),
    remember: vi.fn(async (id: string) => {
      stored.last = id;
    }),
    pick: vi.fn(async () => undefined),
  } satisfies DispatchDeps;
  return { d, stored };
}
const click = (menuItemId: string, srcUrl?: string) =>
  ({ menuItemId, srcUrl, frameId: 0, editable: false, pageUrl: 'https://shop.example/' }) as never;
const tab = { id: 7 };

describe('menu dispatch', () => {
  it('sends a click on an image straight to intake and remembers the operation', async () => {
    const { d, stored } = deps();
    await createMenuDispatch(d)(click('on-device:upscale-2x', 'https://shop.example/a.jpg'), tab);
    expect(d.intake).toHaveBeenCalledWith(
      expect.objectContaining({ menuItemId: 'on-device:upscale-2x', srcUrl: 'https://shop.example/a.jpg' }),
      tab,
    );
    expect(d.pick).not.toHaveBeenCalled();
    expect(stored.last).toBe('on-device:upscale-2x');
  });

  it('starts pick mode in the tab when the menu was opened on the page, a link or a frame (no srcUrl)', async () => {
    const { d } = deps();
    await createMenuDispatch(d)(click('hitpaw-photo:general_2x'), tab);
    expect(d.intake).not.toHaveBeenCalled();
    expect(d.pick).toHaveBeenCalledWith(7, 'hitpaw-photo:general_2x', parseMenuId('hitpaw-photo:general_2x'));
  });

  it('runs the last operation for Repeat, on an image or through a pick', async () => {
    const { d } = deps('hitpaw-photo:general_4x');
    const dispatch = createMenuDispatch(d);
    await dispatch(click(REPEAT_ID, 'https://shop.example/b.jpg'), tab);
    expect(d.intake).toHaveBeenCalledWith(
      expect.objectContaining({ menuItemId: 'hitpaw-photo:general_4x' }),
      tab,
    );
    await dispatch(click(REPEAT_ID), tab);
    expect(d.pick).toHaveBeenCalledWith(7, 'hitpaw-photo:general_4x', expect.anything());
  });

  it('does nothing for roots, groups, or a Repeat with nothing to repeat', async () => {
    const { d } = deps();
    const dispatch = createMenuDispatch(d);
    for (const id of ['enhance-image', 'enhance-image/upscale', REPEAT_ID]) await dispatch(click(id), tab);
    expect(d.intake).not.toHaveBeenCalled();
    expect(d.pick).not.toHaveBeenCalled();
    expect(d.remember).not.toHaveBeenCalled();
  });
});

describe('keyboard shortcut', () => {
  it('picks with the last operation, or On device Upscale 2× when there is none', async () => {
    const first = deps();
    await pickFromShortcut(tab, first.d);
    expect(first.d.pick).toHaveBeenCalledWith(7, DEFAULT_OPERATION, parseMenuId('on-device:upscale-2x'));
    expect(DEFAULT_OPERATION).toBe('on-device:upscale-2x');

    const later = deps('hitpaw-segmentation:matting');
    await pickFromShortcut(tab, later.d);
    expect(later.d.pick).toHaveBeenCalledWith(7, 'hitpaw-segmentation:matting', expect.anything());
  });

  it('falls back to the default when the last operation no longer exists, and ignores a tab-less call', async () => {
    const gone = deps('enhancecraft:pipeline-deleted');
    await pickFromShortcut(tab, gone.d);
    expect(gone.d.pick).toHaveBeenCalledWith(7, DEFAULT_OPERATION, expect.anything());
    const none = deps();
    await pickFromShortcut(undefined, none.d);
    expect(none.d.pick).not.toHaveBeenCalled();
  });
});
