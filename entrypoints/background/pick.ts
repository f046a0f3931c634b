import { browser, type Browser } from 'wxt/browser';
import { BATCH_ITEM, leafTitle, REPEAT_ID } from '@/utils/menu-items';
import { pickDoneRequest, pickMessaging } from '@/utils/messages/pick';
import type { Operation, Provider } from '@/utils/providers/types';

type ClickInfo = Browser.contextMenus.OnClickData;
type Tab = Pick<Browser.tabs.Tab, 'id'> | undefined;
type Choice = { provider: Provider; operation: Operation };

/** The pick code, injected on demand like the page code (entrypoints/pick). */
export const PICK_SCRIPT = '/pick.js';
/** The manifest command (wxt.config.ts) that starts pick mode with the last operation. */
export const PICK_COMMAND = 'pick-media';
/** What the shortcut runs before anything was ever chosen: free, on device, needs no key. */
export const DEFAULT_OPERATION = 'on-device:upscale-2x';

export interface DispatchDeps {
  resolve(menuItemId: string): Promise<Choice | undefined>;
  /** The normal intake (menu click → job) for a click or pick that names the media's URL. */
  intake(info: ClickInfo, tab: Tab): Promise<void>;
  last(): Promise<string | null>;
  remember(menuItemId: string): Promise<void>;
  pick(tabId: number, menuItemId: string, choice: Choice): Promise<void>;
  /** "Enhance all images on this page…": opens the batch dialog in the tab. */
  batch?(tabId: number): Promise<void>;
}

/**
 * What a menu choice does. "Repeat" stands for the last operation. With the media's URL (Chrome saw an
 * image or video under the pointer) it goes straight to intake; without one (page, link or frame menus)
 * the tab enters pick mode for that operation. Either way the operation becomes the one to repeat.
 */
export function createMenuDispatch(deps: DispatchDeps) {
  return async function onContextMenuClick(info: ClickInfo, tab: Tab): Promise<void> {
    if (info.menuItemId === BATCH_ITEM.id) {
      if (tab?.id !== undefined && tab.id >= 0) await deps.batch?.(tab.id);
      return;
    }
    const id = info.menuItemId === REPEAT_ID ? await deps.last() : String(info.menuItemId);
    const choice = id ? await deps.resolve(id) : undefined;
    if (!id || !choice) return; // a root or group item, or a Repeat whose operation is gone
    await deps.remember(id);
    if (info.srcUrl) return deps.intake({ ...info, menuItemId: id }, tab);
    if (tab?.id !== undefined && tab.id >= 0) await deps.pick(tab.id, id, choice);
  };
}

/** The keyboard shortcut: pick mode with the last operation, or the default one when there is none. */
export async function pickFromShortcut(tab: Tab, deps: Pick<DispatchDeps, 'resolve' | 'last' | 'pick'>) {
  if (tab?.id === undefined || tab.id < 0) return;
  const last = await deps.last();
  const lastChoice = last ? await deps.resolve(last) : undefined;
  if (last && lastChoice) return deps.pick(tab.id, last, lastChoice);
  const fallback = await deps.resolve(DEFAULT_OPERATION);
  if (fallback) await deps.pick(tab.id, DEFAULT_OPERATION, fallback);
}

/**
 * Injects the pick code into every frame of the tab this extension may reach (the activeTab grant of
 * the click or shortcut covers the tab's origin, so same-origin frames too) and starts it there. Each
 * frame runs its own picker because the pointer's events go to the frame under it; the one that gets the
 * click reports, and its frame id comes with the report.
 */
export async function startPick(tabId: number, menuItemId: string, { provider, operation }: Choice) {
  try {
    await browser.scripting.executeScript({ target: { tabId, allFrames: true }, files: [PICK_SCRIPT] });
  } catch {
    return; // no access to this page (the Web Store, a browser page)
  }
  const start = { menuItemId, title: leafTitle(provider, operation), media: operation.media };
  await pickMessaging.sendMessage('pickStart', start, tabId).catch(() => undefined);
}

interface Sender {
  id?: string;
  tab?: { id?: number };
  frameId?: number;
  url?: string;
}

/** The pick code's sender: this extension's content script in a real tab (the browser fills these in). */
function pickSender(sender: Sender): { tabId: number; frameId: number; url?: string } | undefined {
  const tabId = sender.tab?.id;
  if (sender.id !== browser.runtime.id || tabId === undefined || tabId < 0) return undefined;
  return { tabId, frameId: sender.frameId ?? 0, url: sender.url };
}

/**
 * The pick code's reports. A pick ends pick mode in the tab's other frames and goes through the normal
 * intake as if the picked media had been right-clicked in its frame; a cancel ends it everywhere.
 */
export function registerPickHandlers(intake: DispatchDeps['intake']) {
  pickMessaging.onMessage('pickDone', async ({ data, sender }) => {
    const from = pickSender(sender as Sender);
    const picked = pickDoneRequest.safeParse(data);
    if (!from || !picked.success) return;
    await pickMessaging.sendMessage('pickStop', undefined, from.tabId).catch(() => undefined);
    const { menuItemId, url, kind } = picked.data;
    const info = {
      menuItemId,
      srcUrl: url,
      frameId: from.frameId,
      pageUrl: from.url,
      mediaType: kind === 'video' ? 'video' : 'image',
      editable: false,
    } as ClickInfo;
    await intake(info, { id: from.tabId });
  });
  pickMessaging.onMessage('pickCancel', async ({ sender }) => {
    const from = pickSender(sender as Sender);
    if (from) await pickMessaging.sendMessage('pickStop', undefined, from.tabId).catch(() => undefined);
  });
}
