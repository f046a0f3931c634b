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
    label: 'Default action',
    help: 'What “Repeat” at the top of the menu and the keyboard shortcut (Alt+Shift+E) run.',
    options: [{ value: DEFAULT_ACTION_LAST, label: 'The last one I used' }],
    operations: true,
  },
  cutoutBackdrop: {
    kind: 'select',
    id: 'backdrop',
    item: cutoutBackdrop as SettingItem<string>,
    schema: backdropSchema as z.ZodType<string>,
    label: 'Background behind cut-outs',
    help: 'Applies in the page only; downloads keep their transparency.',
    options: [
      { value: 'checkerboard', label: 'Checkerboard' },
      { value: 'transparent', label: 'Transparent (the page shows through)' },
      { value: 'white', label: 'White' },
    ],
    colour: { label: 'A colour…', inputLabel: 'Cut-out background colour', initial: '#2f6fed' },
  },
  tensorpixPreview: {
    kind: 'checkbox',
    id: 'tensorpix-preview',
    item: tensorpixPreview,
    schema: flag,
    label: 'TensorPix free preview mode',
    help: 'Enhances only a short, watermarked segment and costs nothing — to try a model before paying for the whole video.',
  },
  notifyWhenDone: {
    kind: 'checkbox',
    id: 'notify-when-done',
    item: notifyWhenDone,
    schema: flag,
    label: 'Notify when a job finishes',
    help: 'Only when you are looking at another tab or window; the toolbar badge shows it either way.',
  },
  menuShowKeyless: {
    kind: 'checkbox',
    id: 'menu-show-keyless',
    item: menuShowKeyless,
    schema: flag,
    label: 'Show providers without a key in the menus',
    help: 'Their items end in “(add key)” and open Options at that key. Off: only providers you can use now.',
  },
  menuOutsideMedia: {
    kind: 'checkbox',
    id: 'menu-outside-media',
    item: menuOutsideMedia,
    schema: flag,
    label: 'Offer the menus where no image is under the pointer',
    help: 'On the page, links and frames: choose an operation, then click the picture; and enhance all pictures of a page at once. Off: only a right-click on an image or video shows them.',
  },
  historyDays: {
    kind: 'number',
    id: 'history-days',
    item: historyDays,
    schema: historyDaysSchema,
    label: 'Remove finished jobs after (days)',
    help: '0 keeps them until you clear them (the popup has “Clear finished”).',
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
