import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import {
  ALL_SETTINGS,
  MENU_SETTINGS,
  POPUP_SETTINGS,
  SETTINGS,
  type Setting,
} from '@/utils/settings/declarations';
import { DEFAULT_OPERATION, pickFromShortcut } from '@/entrypoints/background/pick';
import { parseMenuId } from '@/utils/providers';
import { defaultOperation, menuSettings } from '@/utils/settings/menu-settings';
import { defaultAction, lastOperation, menuOutsideMedia, menuShowKeyless } from '@/utils/storage';

beforeEach(() => fakeBrowser.reset());

/** A value of the setting's kind other than its default, valid for its schema. */
function another(setting: Setting): unknown {
  switch (setting.kind) {
    case 'checkbox':
      return !setting.item.fallback;
    case 'number':
      return setting.item.fallback === setting.min ? setting.max : setting.min;
    case 'select':
      return setting.options.find((o) => o.value !== setting.item.fallback)?.value ?? 'on-device:upscale-4x';
  }
}

describe('every declared setting', () => {
  it('has a label, help text, a unique control id and a default its own schema accepts', () => {
    const ids = ALL_SETTINGS.map((s) => s.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const setting of ALL_SETTINGS) {
      expect(setting.label.trim(), setting.id).not.toBe('');
      expect(setting.help.trim(), setting.id).not.toBe('');
      expect(setting.schema.safeParse(setting.item.fallback).success, setting.id).toBe(true);
    }
  });

  it('accepts another value of its kind and refuses one of the wrong type', () => {
    for (const setting of ALL_SETTINGS) {
      expect(setting.schema.safeParse(another(setting)).success, setting.id).toBe(true);
      expect(setting.schema.safeParse({ not: 'a setting' }).success, setting.id).toBe(false);
    }
  });

  it('stores each setting under its own key', () => {
    const keys = ALL_SETTINGS.map((s) => (s.item as unknown as { key: string }).key);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('lists select options whose values its schema accepts', () => {
    for (const setting of ALL_SETTINGS)
      if (setting.kind === 'select')
        for (const option of setting.options)
          expect(setting.schema.safeParse(option.value).success).toBe(true);
    // The "a colour…" choice starts on a colour the backdrop schema takes.
    expect(SETTINGS.cutoutBackdrop.schema.safeParse(SETTINGS.cutoutBackdrop.colour.initial).success).toBe(
      true,
    );
  });

  it('puts the default action, backdrop, preview, notifications and both menu switches in the popup', () => {
    expect(POPUP_SETTINGS.map((s) => s.label)).toEqual([
      'Default action',
      'Background behind cut-outs',
      'TensorPix free preview mode',
      'Notify when a job finishes',
      'Show providers without a key in the menus',
      'Offer the menus where no image is under the pointer',
    ]);
    for (const setting of [...POPUP_SETTINGS, ...MENU_SETTINGS]) expect(ALL_SETTINGS).toContain(setting);
  });

  it('takes a default action of "the last one" or an operation id, nothing else', () => {
    const schema = SETTINGS.defaultAction.schema;
    for (const ok of ['last', 'hitpaw-photo:general_4x', 'enhancecraft:pipeline-abc_1'])
      expect(schema.safeParse(ok).success, ok).toBe(true);
    for (const bad of ['', 'enhance-image', 'javascript:alert(1)', 'x:'.padEnd(300, 'a')])
      expect(schema.safeParse(bad).success, bad).toBe(false);
  });
});

describe('the default action', () => {
  it('follows the last operation until one is fixed, then keeps the fixed one', async () => {
    expect(await defaultOperation()).toBeUndefined();
    await lastOperation.setValue('hitpaw-photo:general_2x');
    expect(await defaultOperation()).toEqual({ id: 'hitpaw-photo:general_2x', fixed: false });
    await defaultAction.setValue('on-device:upscale-4x');
    expect(await defaultOperation()).toEqual({ id: 'on-device:upscale-4x', fixed: true });
    await lastOperation.setValue('tensorpix:denoise');
    expect(await defaultOperation()).toEqual({ id: 'on-device:upscale-4x', fixed: true });
  });

  it('is what the keyboard shortcut picks with, as the background wires it', async () => {
    const picked = async () => {
      const pick = vi.fn(async (_tabId: number, _id: string) => undefined);
      const last = async () => (await defaultOperation())?.id ?? null;
      await pickFromShortcut({ id: 3 }, { resolve: async (id) => parseMenuId(id), last, pick });
      return pick.mock.calls[0]?.[1];
    };
    expect(await picked()).toBe(DEFAULT_OPERATION);
    await lastOperation.setValue('hitpaw-photo:general_2x');
    expect(await picked()).toBe('hitpaw-photo:general_2x');
    await defaultAction.setValue('hitpaw-segmentation:matting');
    expect(await picked()).toBe('hitpaw-segmentation:matting');
  });

  it('reads a stored value that is no operation id as "the last one"', async () => {
    await lastOperation.setValue('hitpaw-photo:general_2x');
    await defaultAction.setValue('<img src=x>');
    expect(await defaultOperation()).toEqual({ id: 'hitpaw-photo:general_2x', fixed: false });
  });
});

describe('what the menus take from the settings', () => {
  it('shows keyless providers and the page menus by default, and follows the switches', async () => {
    expect(await menuSettings()).toEqual({
      last: undefined,
      lastFixed: false,
      showKeyless: true,
      outsideMedia: true,
    });
    await menuShowKeyless.setValue(false);
    await menuOutsideMedia.setValue(false);
    await defaultAction.setValue('hitpaw-photo:general_4x');
    expect(await menuSettings()).toEqual({
      last: 'hitpaw-photo:general_4x',
      lastFixed: true,
      showKeyless: false,
      outsideMedia: false,
    });
  });

  it('falls back to the default for a stored switch that is not a boolean', async () => {
    await (menuShowKeyless as unknown as { setValue(v: unknown): Promise<void> }).setValue('no');
    expect((await menuSettings()).showKeyless).toBe(true);
  });
});
