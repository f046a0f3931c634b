import { browser, type Browser } from 'wxt/browser';
import { pendingMessaging, runPendingRequest, type RunPendingReply } from '@/utils/messages/pending';
import { rememberPendingRun, takePendingRun, type PendingRun } from '@/utils/pending-run';
import { onDeviceInstead } from '@/utils/provider-catalogue';
import type { CredentialId } from '@/utils/providers/types';
import { fromExtensionPage, type MessageSender } from '@/utils/sender';
import { t } from '@/utils/i18n';

type ClickInfo = Browser.contextMenus.OnClickData;
type Tab = Pick<Browser.tabs.Tab, 'id'> | undefined;

/** The menu click (or pick) that found no key: what intake was given. */
export interface Click {
  info: ClickInfo;
  tab: Tab;
}

/**
 * Opens Options saying which key is missing for what the person asked; nothing is sent. The click is
 * kept (utils/pending-run.ts) so Options can offer to run it once the key is saved. A click without a
 * tab (nothing to run it in later) or that cannot be kept only opens Options.
 */
export async function askForKey(credential: CredentialId, operation: string, click?: Click) {
  const tabId = click?.tab?.id;
  if (click?.info.srcUrl && tabId !== undefined && tabId >= 0) {
    const { info } = click;
    const frameId = info.frameId ?? 0;
    const run: PendingRun = {
      credential,
      menuItemId: String(info.menuItemId),
      srcUrl: info.srcUrl!,
      tabId,
      frameId,
      pageUrl: (frameId === 0 ? info.pageUrl : (info.frameUrl ?? info.pageUrl)) || undefined,
      mediaType: info.mediaType === 'video' ? 'video' : info.mediaType === 'image' ? 'image' : undefined,
      at: Date.now(),
    };
    await rememberPendingRun(run).catch(() => undefined); // e.g. a data: URL over the session quota
  }
  const params = new URLSearchParams({ missing: credential, operation });
  await browser.tabs.create({ url: `${browser.runtime.getURL('/options.html')}?${params}` });
}

/** What running a kept click needs from the browser; injected so unit tests drive it without one. */
export interface PendingRunDeps {
  now(): number;
  /** The URL of the frame now, or undefined when this extension can no longer reach it (or it is gone). */
  frameUrl(tabId: number, frameId: number): Promise<string | undefined>;
  /** Shows the tab the click was in, so the person sees the job start. */
  focus(tabId: number): Promise<void>;
  /** The menu dispatch: the same function a context-menu click calls. */
  dispatch(info: ClickInfo, tab: Tab): Promise<void>;
}

const withoutFragment = (url: string) => url.split('#')[0];

export const PENDING_GONE = t('run_pending_gone');
export const PAGE_UNREACHABLE = t('run_page_unreachable');
export const PAGE_CHANGED = t('run_page_changed');
export const NO_ON_DEVICE = t('run_no_on_device');

/**
 * Runs the kept click through the normal menu dispatch, as if the same item were chosen again in the
 * same tab and frame: the key check, the URL guard, page inspection and everything else apply as usual.
 * The click is taken (removed) first, so pressing twice runs it once. It runs only when that frame still
 * shows the page that was clicked and this extension may still reach it.
 */
export function createPendingRunner(deps: PendingRunDeps) {
  return async function runPending(credential: CredentialId, instead: boolean): Promise<RunPendingReply> {
    const run = await takePendingRun(deps.now(), credential);
    if (!run) return { ok: false, reason: PENDING_GONE };
    const menuItemId = instead ? onDeviceInstead(run.menuItemId) : run.menuItemId;
    if (!menuItemId) return { ok: false, reason: NO_ON_DEVICE };
    const now = await deps.frameUrl(run.tabId, run.frameId);
    if (now === undefined) return { ok: false, reason: PAGE_UNREACHABLE };
    if (run.pageUrl && withoutFragment(now) !== withoutFragment(run.pageUrl))
      return { ok: false, reason: PAGE_CHANGED };
    await deps.focus(run.tabId);
    const info = {
      menuItemId,
      srcUrl: run.srcUrl,
      frameId: run.frameId,
      pageUrl: run.pageUrl,
      mediaType: run.mediaType,
      editable: false,
    } as ClickInfo;
    await deps.dispatch(info, { id: run.tabId });
    return { ok: true };
  };
}

/** Asks the frame for its own URL: this fails exactly when page code could not be injected there either. */
async function frameUrl(tabId: number, frameId: number): Promise<string | undefined> {
  try {
    const [first] = await browser.scripting.executeScript({
      target: { tabId, frameIds: [frameId] },
      func: () => location.href,
    });
    return typeof first?.result === 'string' ? first.result : undefined;
  } catch {
    return undefined;
  }
}

async function focus(tabId: number) {
  const tab = await browser.tabs.update(tabId, { active: true }).catch(() => undefined);
  if (tab?.windowId !== undefined)
    await browser.windows.update(tab.windowId, { focused: true }).catch(() => undefined);
}

/** Options' "Run … now" and "Use On device instead": only from this extension's own pages. */
export function registerPendingRun(dispatch: PendingRunDeps['dispatch']) {
  const runPending = createPendingRunner({ now: Date.now, frameUrl, focus, dispatch });
  pendingMessaging.onMessage('runPending', async ({ data, sender }): Promise<RunPendingReply> => {
    const request = runPendingRequest.safeParse(data);
    if (!fromExtensionPage(sender as MessageSender) || !request.success)
      return { ok: false, reason: t('not_allowed') };
    return runPending(request.data.credential, request.data.instead);
  });
}
