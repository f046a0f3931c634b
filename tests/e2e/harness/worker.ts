import type { BrowserContext, Page, Worker } from '@playwright/test';

/**
 * Service-worker handles. With Chromium 156 and Playwright 1.65 a worker stopped through CDP keeps
 * its Playwright handle, which hangs on evaluate() while stopped and works again once Chrome restarts
 * the worker (no new 'serviceworker' event). So the harness remembers which contexts it stopped a
 * worker in, and checks Chrome's own running status (CDP) before handing out the handle again.
 */
const maybeStopped = new WeakSet<BrowserContext>();

const isExtensionWorker = (worker: Worker, extensionId?: string) =>
  worker.url().startsWith(extensionId ? `chrome-extension://${extensionId}/` : 'chrome-extension://');

export interface WorkerOptions {
  /**
   * Start the worker if it is stopped, as any extension event would (default false: wait until
   * something — an alarm, a message, a menu click — wakes it).
   */
  wake?: boolean;
  timeout?: number;
}

/** The extension's service worker, once it runs. */
export async function currentWorker(
  context: BrowserContext,
  extensionId?: string,
  { wake = false, timeout = 15_000 }: WorkerOptions = {},
): Promise<Worker> {
  if (extensionId && maybeStopped.has(context)) {
    await untilRunning(context, extensionId, wake, timeout);
    maybeStopped.delete(context);
  }
  const running = context.serviceWorkers().find((w) => isExtensionWorker(w, extensionId));
  if (running) return running;
  return context.waitForEvent('serviceworker', {
    predicate: (w) => isExtensionWorker(w, extensionId),
    timeout,
  });
}

/** The extension id is the host of its worker's URL: chrome-extension://<id>/background.js. */
export async function extensionIdOf(context: BrowserContext): Promise<string> {
  return new URL((await currentWorker(context)).url()).host;
}

interface VersionUpdate {
  versions: { scriptURL: string; runningStatus: string }[];
}

/**
 * Opens a CDP session on a page (a worker target refuses the ServiceWorker domain), enables the
 * domain, runs `act`, and waits for Chrome to report the extension's worker in `status`. Enabling
 * the domain reports the current status at once, so an already reached status resolves too.
 */
async function withWorkerStatus(
  context: BrowserContext,
  page: Page | undefined,
  extensionId: string,
  status: 'running' | 'stopped',
  act: (
    send: (method: 'ServiceWorker.stopAllWorkers' | 'ServiceWorker.startWorker') => Promise<unknown>,
  ) => Promise<unknown>,
  timeoutMessage: string,
  timeout = 10_000,
): Promise<void> {
  const target = page ?? context.pages()[0] ?? (await context.newPage());
  const cdp = await context.newCDPSession(target);
  const scope = `chrome-extension://${extensionId}/`;
  try {
    const reached = new Promise<void>((resolve) => {
      cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }: VersionUpdate) => {
        if (versions.some((v) => v.scriptURL.startsWith(scope) && v.runningStatus === status)) resolve();
      });
    });
    await cdp.send('ServiceWorker.enable');
    await act((method) =>
      cdp.send(method, method === 'ServiceWorker.startWorker' ? { scopeURL: scope } : undefined),
    );
    await withTimeout(reached, timeout, timeoutMessage);
  } finally {
    await cdp.detach().catch(() => undefined);
  }
}

/**
 * Stops the extension's service worker for real, as Chrome does after 30 s idle (a Playwright-attached
 * worker never idles out), and waits for Chrome to report it 'stopped'.
 */
export async function stopWorker(context: BrowserContext, page: Page, extensionId: string): Promise<void> {
  maybeStopped.add(context);
  await withWorkerStatus(
    context,
    page,
    extensionId,
    'stopped',
    (send) => send('ServiceWorker.stopAllWorkers'),
    'The service worker did not report "stopped".',
  );
}

function untilRunning(context: BrowserContext, extensionId: string, wake: boolean, timeout: number) {
  const act = wake
    ? (send: (m: 'ServiceWorker.startWorker') => Promise<unknown>) => send('ServiceWorker.startWorker')
    : async () => undefined;
  const message = wake
    ? 'The service worker did not start.'
    : 'The service worker is stopped and nothing woke it (use worker({ wake: true }) or send it an event).';
  return withWorkerStatus(context, undefined, extensionId, 'running', act, message, timeout);
}

interface WorkerGlobals {
  chrome: { tabs: { query(query: object): Promise<{ id?: number; url?: string }[]> } };
  onContextMenuClick?: (info: object, tab: object) => Promise<void>;
}

export interface MenuClick {
  menuItemId: string;
  srcUrl: string;
  frameId?: number;
  frameUrl?: string;
  mediaType?: 'image' | 'video' | 'audio';
}

/**
 * Does what a context-menu click does: calls the worker's test seam `self.onContextMenuClick` (the
 * same function registered with contextMenus.onClicked) with the active tab. Native menus cannot be
 * clicked by Playwright.
 */
export async function clickMenuIn(worker: Worker, click: MenuClick): Promise<void> {
  await worker.evaluate(async ({ menuItemId, srcUrl, frameId, frameUrl, mediaType }) => {
    const g = globalThis as unknown as WorkerGlobals;
    const [tab] = await g.chrome.tabs.query({ active: true, lastFocusedWindow: true });
    if (!tab) throw new Error('clickMenu: no active tab');
    if (typeof g.onContextMenuClick !== 'function')
      throw new Error('clickMenu: self.onContextMenuClick is not exposed');
    const info = {
      menuItemId,
      srcUrl,
      frameId: frameId ?? 0,
      pageUrl: tab.url,
      mediaType: mediaType ?? 'image',
      editable: false,
    };
    await g.onContextMenuClick(frameUrl ? { ...info, frameUrl } : info, tab);
  }, click);
}

function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>(
    (_, reject) => (timer = setTimeout(() => reject(new Error(message)), ms)),
  );
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
