import type { MenuInputs } from '../menu-items';
import {
  DEFAULT_ACTION_LAST,
  defaultAction,
  defaultActionSchema,
  lastOperation,
  menuOutsideMedia,
  menuShowKeyless,
  readSetting,
} from '../storage';
import { z } from 'zod';

const flag = z.boolean();

/**
 * The operation a plain "Enhance" runs (Repeat, the keyboard shortcut, the batch dialog's first choice):
 * the one fixed in Settings, else the last one chosen. Undefined before anything was chosen.
 */
export async function defaultOperation(): Promise<{ id: string; fixed: boolean } | undefined> {
  const setting = await readSetting(defaultAction, defaultActionSchema);
  if (setting !== DEFAULT_ACTION_LAST) return { id: setting, fixed: true };
  const last = await lastOperation.getValue();
  return typeof last === 'string' && last ? { id: last, fixed: false } : undefined;
}

/** What the menus take from Settings: the default action for "Repeat" and the two visibility switches. */
export async function menuSettings(): Promise<
  Pick<MenuInputs, 'last' | 'lastFixed' | 'showKeyless' | 'outsideMedia'>
> {
  const [chosen, showKeyless, outsideMedia] = await Promise.all([
    defaultOperation(),
    readSetting(menuShowKeyless, flag),
    readSetting(menuOutsideMedia, flag),
  ]);
  return { last: chosen?.id, lastFixed: chosen?.fixed ?? false, showKeyless, outsideMedia };
}

/** Calls `changed` whenever a setting the menus are built from changes (the last operation included). */
export function watchMenuSettings(changed: () => void): void {
  for (const item of [lastOperation, defaultAction, menuShowKeyless, menuOutsideMedia]) item.watch(changed);
}
