import { browser, type Browser } from 'wxt/browser';
import type { BatchRef } from '@/utils/jobs/intake';
import { listJobs } from '@/utils/jobs/store';
import type { FrameTarget } from '@/utils/jobs/transitions';
import { menuItems, type MenuInputs } from '@/utils/menu-items';
import {
  batchConfirmRequest,
  batchMessaging,
  type BatchConfirm,
  type BatchOpen,
} from '@/utils/messages/batch';
import { costRule } from '@/utils/providers/cost-rules';
import type { CredentialId, Operation, Provider } from '@/utils/providers/types';
import { fromExtensionPage, type MessageSender } from '@/utils/sender';
import { t } from '@/utils/i18n';
import { operationLabel, providerLabel } from '@/utils/operation-text';

type ClickInfo = Browser.contextMenus.OnClickData;
type Tab = Pick<Browser.tabs.Tab, 'id'> | undefined;
type Choice = { provider: Provider; operation: Operation };

/** The batch code, injected on demand like the pick code (entrypoints/batch). */
export const BATCH_SCRIPT = '/batch.js';
/** The operation the dialog offers first when the last one run was none (or a video one). */
export const DEFAULT_BATCH_OPERATION = 'on-device:upscale-2x';

export interface BatchDeps {
  resolve(menuItemId: string): Promise<Choice | undefined>;
  /** What the menus are built from (the person's pipelines, the saved keys, the last operation). */
  menuInputs(): Promise<MenuInputs>;
  hasKey(credential: CredentialId): Promise<boolean>;
  /** Opens Options saying which key is missing; asked once for the whole batch. */
  askForKey(credential: CredentialId, operationLabel: string): Promise<void>;
  /** The normal intake, given the batch: the same checks and page tagging, the job put in line. */
  intake(info: ClickInfo, tab: Tab, batch: BatchRef): Promise<void>;
  /** Lets the scheduler send what is in line (within its per-provider cap). */
  tick(): Promise<void>;
  notify(target: FrameTarget | undefined, message: string, tone: 'info' | 'error'): Promise<void>;
  remember(menuItemId: string): Promise<void>;
}

/** The dialog's choices: the image menu's operations, in the menu's order and with its titles. */
export async function batchOptions(deps: Pick<BatchDeps, 'resolve' | 'menuInputs'>): Promise<BatchOpen> {
  const inputs = await deps.menuInputs();
  const leaves = menuItems('image', { ...inputs, last: undefined }).filter((item) => item.id.includes(':'));
  const operations: BatchOpen['operations'] = [];
  for (const leaf of leaves) {
    const choice = await deps.resolve(leaf.id);
    // A drawn-mask operation needs a mask drawn on each image by hand: not for a batch.
    if (choice && !choice.operation.drawnMask)
      operations.push({ id: leaf.id, label: leaf.title, rule: costRule(choice.provider, choice.operation) });
  }
  const last = inputs.last;
  const selected = last && operations.some((op) => op.id === last) ? last : DEFAULT_BATCH_OPERATION;
  return { operations, selected };
}

/** Injects the batch code into the tab's top frame and opens the dialog there. */
export async function openBatch(
  tabId: number,
  deps: Pick<BatchDeps, 'resolve' | 'menuInputs'>,
): Promise<boolean> {
  try {
    await browser.scripting.executeScript({ target: { tabId, frameIds: [0] }, files: [BATCH_SCRIPT] });
  } catch {
    return false; // no access to this page (the Web Store, a browser page)
  }
  const open = await batchOptions(deps);
  await batchMessaging.sendMessage('batchOpen', open, { tabId, frameId: 0 }).catch(() => undefined);
  return true;
}

/**
 * The person confirmed: the key is checked once (missing: Options opens, nothing is sent), then every
 * image goes through the normal intake as if right-clicked in the frame, all under one batch id, and the
 * scheduler sends them a few at a time. One notice says what started.
 */
export async function runBatch(target: FrameTarget, request: BatchConfirm, deps: BatchDeps): Promise<void> {
  const choice = await deps.resolve(request.menuItemId);
  if (!choice || choice.operation.media !== 'image') return;
  const { provider, operation } = choice;
  if (provider.credential && !(await deps.hasKey(provider.credential))) {
    await deps.askForKey(provider.credential, operation.label);
    return;
  }
  await deps.remember(request.menuItemId);
  const items = request.items.filter((item, i, all) => all.findIndex((o) => o.url === item.url) === i);
  const batch = { id: crypto.randomUUID(), size: items.length };
  for (const item of items) {
    const info = {
      menuItemId: request.menuItemId,
      srcUrl: item.url,
      frameId: target.frameId,
      mediaType: 'image',
      editable: false,
    } as ClickInfo;
    await deps.intake(info, { id: target.tabId }, batch);
    void deps.tick(); // the first submits leave while the rest are still being checked
  }
  const inLine = (await listJobs()).filter(
    (j) => j.batch?.id === batch.id && j.error?.kind !== 'refused_url',
  );
  if (inLine.length === 0) return; // each refusal already said why
  const what = `${providerLabel(provider.name)} · ${operationLabel(operation.label)}`;
  const count =
    inLine.length === items.length
      ? images(items.length)
      : t('count_of', [inLine.length, images(items.length)]);
  await deps.notify(target, t('notice_batch_enhancing', [count, what]), 'info');
}

const images = (n: number) => (n === 1 ? t('count_images_one') : t('count_images_many', n));

/**
 * The page the popup was opened over: the active tab of the last-focused window. When that is the popup
 * page itself (opened as a tab or window of its own), the active tab the person used most recently.
 */
export async function pageTabFor(sender: { tab?: { id?: number } }): Promise<number | undefined> {
  const own = sender.tab?.id;
  const [front] = await browser.tabs.query({ active: true, lastFocusedWindow: true });
  if (front?.id !== undefined && front.id !== own) return front.id;
  const others = (await browser.tabs.query({ active: true })).filter(
    (t) => t.id !== undefined && t.id !== own,
  );
  others.sort((a, b) => (b.lastAccessed ?? 0) - (a.lastAccessed ?? 0));
  return others[0]?.id;
}

/**
 * The batch code's confirmation (this extension's script in a tab's top frame, payload parsed: it lists
 * what a web page's DOM holds) and the popup's button (this extension's own page only).
 */
export function registerBatchHandlers(deps: BatchDeps) {
  batchMessaging.onMessage('batchConfirm', async ({ data, sender }) => {
    const from = sender as MessageSender & { tab?: { id?: number }; frameId?: number };
    const tabId = from.tab?.id;
    if (from.id !== browser.runtime.id || tabId === undefined || tabId < 0) return;
    const request = batchConfirmRequest.safeParse(data);
    if (!request.success) return;
    await runBatch({ tabId, frameId: from.frameId ?? 0 }, request.data, deps);
  });
  batchMessaging.onMessage('batchFromPopup', async ({ sender }) => {
    if (!fromExtensionPage(sender as MessageSender)) return false;
    const tabId = await pageTabFor(sender as { tab?: { id?: number } });
    return tabId === undefined ? false : openBatch(tabId, deps);
  });
}
