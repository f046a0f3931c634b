import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  addKeyText,
  allMenuItems,
  BATCH_ITEM,
  MENU_CONTEXTS,
  menuItems,
  operationChoices,
  REPEAT_ID,
  ROOTS,
} from '@/utils/menu-items';

describe('menu contexts', () => {
  it('offers every image and video item on the media, the page, links and frames, under unchanged ids', () => {
    for (const media of ['image', 'video'] as const) {
      const items = menuItems(media);
      for (const item of items) expect(item.contexts, item.id).toEqual([media, 'page', 'link', 'frame']);
      expect(MENU_CONTEXTS[media]).toContain('page');
      // Chrome refuses a second item with an id already used: each id appears once across both menus.
      const ids = [...menuItems('image'), ...menuItems('video')].map((i) => i.id);
      expect(new Set(ids).size).toBe(ids.length);
      expect(items.filter((i) => i.id.includes(':')).every((i) => /^[a-z-]+:[\w-]+$/.test(i.id))).toBe(true);
    }
  });
});

describe('README', () => {
  it('names the contexts each menu is offered in, as scripts/menu-table.ts prints them', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    for (const media of ['image', 'video'] as const) {
      const contexts = MENU_CONTEXTS[media].map((c) => `\`${c}\``).join(', ');
      expect(readme).toContain(`**Enhance ${media}** (menu contexts: ${contexts})`);
    }
    expect(readme).toContain('**Alt+Shift+E**');
  });
});

describe('Repeat', () => {
  it('is absent until an operation was chosen', () => {
    expect(menuItems('image').some((i) => i.id === REPEAT_ID)).toBe(false);
  });

  it('comes first in the menu of the last operation, naming it, in the same contexts', () => {
    const items = menuItems('image', { last: 'hitpaw-photo:general_2x', keyed: new Set(['hitpaw']) });
    expect(items[0]!.id).toBe(ROOTS.image.id);
    expect(items[1]).toEqual({
      id: REPEAT_ID,
      title: 'Repeat: General 2× · HitPaw (from 10 coins)',
      parentId: ROOTS.image.id,
      contexts: ['image', 'page', 'link', 'frame'],
    });
    expect(menuItems('video', { last: 'hitpaw-photo:general_2x' }).some((i) => i.id === REPEAT_ID)).toBe(
      false,
    );
    const video = menuItems('video', { last: 'tensorpix:denoise', keyed: new Set(['tensorpix']) });
    expect(video[1]?.title).toBe('Repeat: Denoise · TensorPix');
  });

  it('is left out for an id that is no operation (a pipeline since deleted, a root, garbage)', () => {
    for (const last of ['enhancecraft:pipeline-gone', ROOTS.image.id, 'enhance-image/upscale', 'x'])
      expect(
        menuItems('image', { last }).some((i) => i.id === REPEAT_ID),
        last,
      ).toBe(false);
  });
});

describe('(add key)', () => {
  const titleOf = (id: string, keyed: ('hitpaw' | 'enhancecraft' | 'tensorpix')[]) =>
    [...menuItems('image', { keyed: new Set(keyed) }), ...menuItems('video', { keyed: new Set(keyed) })].find(
      (item) => item.id === id,
    )?.title;

  it('ends the title of every item whose provider has no key saved, and only those', () => {
    expect(titleOf('hitpaw-photo:general_2x', [])).toBe('General 2× · HitPaw (from 10 coins) (add key)');
    expect(titleOf('enhancecraft:enhance-2x', [])).toBe('Upscale 2× · EnhanceCraft (add key)');
    expect(titleOf('tensorpix:denoise', [])).toBe('Denoise · TensorPix (add key)');
    expect(titleOf('hitpaw-photo:general_2x', ['hitpaw'])).toBe('General 2× · HitPaw (from 10 coins)');
    // One HitPaw key serves photo, segmentation and video alike; the others still wait for theirs.
    expect(titleOf('hitpaw-segmentation:matting', ['hitpaw'])).toBe('Remove background · HitPaw (20 coins)');
    expect(titleOf('hitpaw-video:general_restore_2x', ['hitpaw'])).not.toContain(addKeyText());
    expect(titleOf('enhancecraft:enhance-2x', ['hitpaw'])).toContain(addKeyText());
  });

  it('never marks On device, which needs no key', () => {
    for (const item of menuItems('image').filter((i) => i.id.startsWith('on-device:')))
      expect(item.title).not.toContain(addKeyText());
  });

  it('follows the key into Repeat', () => {
    const repeat = (keyed: 'hitpaw'[]) =>
      menuItems('image', { last: 'hitpaw-photo:general_4x', keyed: new Set(keyed) }).find(
        (i) => i.id === REPEAT_ID,
      )?.title;
    expect(repeat([])).toBe('Repeat: General 4× · HitPaw (from 10 coins) (add key)');
    expect(repeat(['hitpaw'])).toBe('Repeat: General 4× · HitPaw (from 10 coins)');
  });
});

describe('Settings: the default action', () => {
  it('heads the menu as "Default: …" when fixed, and runs under the same Repeat id', () => {
    const items = menuItems('image', { last: 'on-device:upscale-4x', lastFixed: true });
    expect(items[1]).toEqual({
      id: REPEAT_ID,
      title: 'Default: Upscale 4× · On device (free, on this device)',
      parentId: ROOTS.image.id,
      contexts: ['image', 'page', 'link', 'frame'],
    });
  });
});

describe('Settings: providers without a key', () => {
  const leaves = (inputs: Parameters<typeof allMenuItems>[0]) =>
    allMenuItems(inputs)
      .filter((item) => item.id.includes(':'))
      .map((item) => item.id);

  it('leaves out every item of a keyless provider when hidden, and only those', () => {
    const shown = leaves({});
    const hidden = leaves({ showKeyless: false });
    expect(hidden.length).toBeGreaterThan(0);
    expect(hidden.every((id) => id.startsWith('on-device:'))).toBe(true);
    expect(shown.filter((id) => id.startsWith('on-device:'))).toEqual(hidden);
    for (const item of allMenuItems({ showKeyless: false })) expect(item.title).not.toContain(addKeyText());
  });

  it('keeps a provider once its key is saved, ahead of On device', () => {
    const hitpaw = leaves({ showKeyless: false, keyed: new Set(['hitpaw']) });
    expect(hitpaw).toContain('hitpaw-photo:general_2x');
    expect(hitpaw).toContain('hitpaw-video:general_restore_2x');
    expect(hitpaw.some((id) => id.startsWith('enhancecraft:') || id.startsWith('tensorpix:'))).toBe(false);
    const upscale = menuItems('image', { showKeyless: false, keyed: new Set(['hitpaw']) }).filter(
      (item) => item.parentId === 'enhance-image/upscale',
    );
    expect(upscale[0]!.id).toBe('hitpaw-photo:general_2x');
  });

  it('drops a whole menu with nothing left in it (no video provider usable without a key)', () => {
    expect(menuItems('video', { showKeyless: false })).toEqual([]);
    expect(menuItems('video', { showKeyless: false, keyed: new Set(['tensorpix']) })[0]?.id).toBe(
      ROOTS.video.id,
    );
  });

  it('drops Repeat when its operation is hidden', () => {
    const items = menuItems('image', { showKeyless: false, last: 'hitpaw-photo:general_2x' });
    expect(items.some((i) => i.id === REPEAT_ID)).toBe(false);
  });
});

describe('Settings: menus outside the media', () => {
  it('offers every item on its media only, and no batch item on the page, when switched off', () => {
    const items = allMenuItems({ outsideMedia: false, last: 'on-device:upscale-2x' });
    expect(items.some((i) => i.id === BATCH_ITEM.id)).toBe(false);
    for (const item of items) expect(item.contexts, item.id).toHaveLength(1);
    expect(items.find((i) => i.id === REPEAT_ID)?.contexts).toEqual(['image']);
    expect(items.find((i) => i.id === ROOTS.video.id)?.contexts).toEqual(['video']);
  });

  it('keeps the page, link and frame contexts and the batch item by default', () => {
    const items = allMenuItems();
    expect(items.at(-1)).toEqual(BATCH_ITEM);
    expect(items.find((i) => i.id === 'on-device:upscale-2x')?.contexts).toEqual(MENU_CONTEXTS.image);
  });
});

describe('the operations the default action can be set to', () => {
  it('lists every leaf of both menus once, keyless ones included, under its menu path', () => {
    const choices = operationChoices({ showKeyless: false, last: 'on-device:upscale-2x' });
    const leafIds = [...menuItems('image'), ...menuItems('video')]
      .filter((i) => i.id.includes(':'))
      .map((i) => i.id);
    expect(choices.map((c) => c.id)).toEqual(leafIds);
    expect(choices.find((c) => c.id === 'hitpaw-photo:general_2x')).toEqual({
      id: 'hitpaw-photo:general_2x',
      label: 'General 2× · HitPaw (from 10 coins) (add key)',
      group: 'Enhance image › Upscale',
    });
    expect(choices.find((c) => c.id === 'tensorpix:denoise')?.group).toBe('Enhance video › Denoise');
  });
});
