import { z } from 'zod';
import {
  backdropSchema,
  cutoutBackdrop,
  DEFAULT_ACTION_LAST,
  defaultAction,
  defaultActionSchema,
  historyDays,
  historyDaysSchema,
  menuOutsideMedia,
  menuShowKeyless,
  notifyWhenDone,
  tensorpixPreview,
} from '../storage';
import { t } from '../i18n';

/**
 * Every setting a person changes in the popup or Options, declared once: where it is stored, its zod
 * schema, its label and help text, and the control that edits it. components/setting-field.tsx renders
 * any of them; the popup's panel and Options list them from here, so the two never drift apart. (The
 * keys, the pipelines and the storage budget have fields of their own: they are more than one value.)
 */

/** A stored value as the fields use it (a WXT storage item). */
export interface SettingItem<T> {
  getValue(): Promise<T>;
  setValue(value: T): Promise<void>;
  watch(callback: (value: T) => void): () => void;
  fallback: T;
}

interface Base<T> {
  /** The control's element id (unique on the page). */
  id: string;
  item: SettingItem<T>;
  schema: z.ZodType<T>;
  label: string;
  help: string;
}

export interface CheckboxSetting extends Base<boolean> {
  kind: 'checkbox';
}

export interface NumberSetting extends Base<number> {
  kind: 'number';
  min: number;
  max: number;
}

export interface SelectOption {
  value: string;
  label: string;
}

export interface SelectSetting extends Base<string> {
  kind: 'select';
  options: readonly SelectOption[];
  /** Also offer every operation of the menus, asked of the background (pages cannot load the registry). */
  operations?: boolean;
  /** A last choice that opens a colour picker (`#rrggbb`): any stored value not among `options` is a colour. */
  colour?: { label: string; inputLabel: string; initial: string };
}

export type Setting = CheckboxSetting | NumberSetting | SelectSetting;

const flag = z.boolean();

export const SETTINGS = {
  defaultAction: {
    kind: 'select',
    id: 'default-action',
    item: defaultAction,
    schema: defaultActionSchema,
    get label() {
      return t('set_default_action');
    },
    get help() {
      return t('set_default_action_help');
    },
    options: [
      {
        value: DEFAULT_ACTION_LAST,
        get label() {
          return t('set_default_action_last');
        },
      },
    ],
    operations: true,
  },
  cutoutBackdrop: {
    kind: 'select',
    id: 'backdrop',
    item: cutoutBackdrop as SettingItem<string>,
    schema: backdropSchema as z.ZodType<string>,
    get label() {
      return t('set_backdrop');
    },
    get help() {
      return t('set_backdrop_help');
    },
    options: [
      {
        value: 'checkerboard',
        get label() {
          return t('set_backdrop_checkerboard');
        },
      },
      {
        value: 'transparent',
        get label() {
          return t('set_backdrop_transparent');
        },
      },
      {
        value: 'white',
        get label() {
          return t('set_backdrop_white');
        },
      },
    ],
    colour: {
      get label() {
        return t('set_backdrop_colour');
      },
      get inputLabel() {
        return t('set_backdrop_colour_input');
      },
      initial: '#2f6fed',
    },
  },
  tensorpixPreview: {
    kind: 'checkbox',
    id: 'tensorpix-preview',
    item: tensorpixPreview,
    schema: flag,
    get label() {
      return t('set_tensorpix_preview');
    },
    get help() {
      return t('set_tensorpix_preview_help');
    },
  },
  notifyWhenDone: {
    kind: 'checkbox',
    id: 'notify-when-done',
    item: notifyWhenDone,
    schema: flag,
    get label() {
      return t('set_notify');
    },
    get help() {
      return t('set_notify_help');
    },
  },
  menuShowKeyless: {
    kind: 'checkbox',
    id: 'menu-show-keyless',
    item: menuShowKeyless,
    schema: flag,
    get label() {
      return t('set_show_keyless');
    },
    get help() {
      return t('set_show_keyless_help');
    },
  },
  menuOutsideMedia: {
    kind: 'checkbox',
    id: 'menu-outside-media',
    item: menuOutsideMedia,
    schema: flag,
    get label() {
      return t('set_outside_media');
    },
    get help() {
      return t('set_outside_media_help');
    },
  },
  historyDays: {
    kind: 'number',
    id: 'history-days',
    item: historyDays,
    schema: historyDaysSchema,
    get label() {
      return t('set_history_days');
    },
    get help() {
      return t('set_history_days_help');
    },
    min: 0,
    max: 3650,
  },
} as const satisfies Record<string, Setting>;

/** The popup's Settings panel: what changes the next click. */
export const POPUP_SETTINGS: readonly Setting[] = [
  SETTINGS.defaultAction,
  SETTINGS.cutoutBackdrop,
  SETTINGS.tensorpixPreview,
  SETTINGS.notifyWhenDone,
  SETTINGS.menuShowKeyless,
  SETTINGS.menuOutsideMedia,
];

/** Options' "Menus and shortcut" section (its "Results" section places the others one by one). */
export const MENU_SETTINGS: readonly Setting[] = [
  SETTINGS.defaultAction,
  SETTINGS.menuShowKeyless,
  SETTINGS.menuOutsideMedia,
];

export const ALL_SETTINGS: readonly Setting[] = Object.values(SETTINGS);
