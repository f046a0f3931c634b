/**
 * What the browser benchmarks share: the emulator and the e2e build in Chromium, launched as the e2e
 * harness does (tests/e2e/harness), a HitPaw key saved through Options as a person would, a page of
 * images, and clicks through the worker's one test seam (globalThis.onContextMenuClick).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page, Worker } from '@playwright/test';
import { DEMO_KEY, startEmulator, type Emulator } from '../../tests/emulator/index';
import { launchWithExtension } from '../../tests/e2e/harness/browser';
import { currentWorker, extensionIdOf } from '../../tests/e2e/harness/worker';

export const SITE = 'https://gallery.example.org';

export interface BenchBrowser {
  emulator: Emulator;
  context: BrowserContext;
  extensionId: string;
  worker(): Promise<Worker>;
  close(): Promise<void>;
}

/** Emulator (HitPaw's rate limit off: these benchmarks time polling, not 429s) and Chromium with the key saved. */
export async function openBench(): Promise<BenchBrowser> {
  const emulator = await startEmulator();
  emulator.hitpaw.configure({ rateLimit: null });
  const profile = await mkdtemp(join(tmpdir(), 'bench-profile-'));
  const context = await launchWithExtension(profile, emulator.hostResolverRules());
  const extensionId = await extensionIdOf(context);
  await saveHitPawKey(context, extensionId);
  return {
    emulator,
    context,
    extensionId,
    worker: () => currentWorker(context, extensionId, { wake: true }),
    async close() {
      await context.close().catch(() => undefined);
      await emulator.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

async function saveHitPawKey(context: BrowserContext, extensionId: string) {
  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  const field = options.getByLabel('HitPaw API key');
  await field.fill(DEMO_KEY);
  await options
    .locator('form')
    .filter({ has: field })
    .getByRole('button', { name: 'Save', exact: true })
    .click();
  await until(async () => (await field.inputValue()) === '', 15_000, 'the key was not saved');
  await options.close();
}

/** The benchmark page showing `paths` (site paths with their own query strings), in order. */
export async function openGallery(context: BrowserContext, paths: readonly string[]): Promise<Page> {
  const page = await context.newPage();
  const query = paths.map((p) => `img=${encodeURIComponent(p)}`).join('&');
  await page.goto(`${SITE}/bench.html?${query}`);
  await page.waitForFunction(
    (n) => [...document.images].filter((i) => i.complete && i.naturalWidth > 0).length === n,
    paths.length,
    { timeout: 60_000 },
  );
  await page.bringToFront();
  return page;
}

interface SeamGlobals {
  chrome: { tabs: { query(q: object): Promise<{ id?: number; url?: string }[]> } };
  onContextMenuClick(info: object, tab: object): Promise<void>;
}

/**
 * A menu click on `srcUrl` through the worker's seam. Returns the worker's clock just before the
 * handler was called (the tab is looked up first, as Chrome hands it to the handler).
 */
export async function click(worker: Worker, menuItemId: string, srcUrl: string): Promise<number> {
  return worker.evaluate(
    async ({ menuItemId, srcUrl }) => {
      const g = globalThis as unknown as SeamGlobals;
      const [tab] = await g.chrome.tabs.query({ active: true, lastFocusedWindow: true });
      if (!tab) throw new Error('no active tab');
      const info = { menuItemId, srcUrl, frameId: 0, pageUrl: tab.url, mediaType: 'image', editable: false };
      const started = Date.now();
      await g.onContextMenuClick(info, tab);
      return started;
    },
    { menuItemId, srcUrl },
  );
}

/** Waits for a condition, checking every 100 ms; throws with `what` past `timeoutMs`. */
export async function until(check: () => boolean | Promise<boolean>, timeoutMs: number, what: string) {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`Timed out: ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
export const median = (xs: readonly number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
