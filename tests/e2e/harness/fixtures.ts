/**
 * Playwright fixtures for the extension's e2e tests: a fresh emulator and profile per test, the e2e
 * build in Debian's Chromium, and helpers for what a person does (menu click, popup, options) and
 * what Chrome does (stopping the worker). Usage: `import { test, expect } from './harness/fixtures'`.
 */
import { test as base, expect, type BrowserContext, type Page, type Worker } from '@playwright/test';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmulator, type Emulator } from '../../emulator/index';
import { launchWithExtension } from './browser';
import {
  clickMenuIn,
  currentWorker,
  extensionIdOf,
  stopWorker,
  type MenuClick,
  type WorkerOptions,
} from './worker';

/** Options-page labels per provider, as a person reads them. */
const KEY_LABELS = {
  hitpaw: 'HitPaw API key',
  enhancecraft: 'EnhanceCraft API key',
  tensorpix: 'TensorPix API key',
} as const;

export interface HarnessFixtures {
  /** The browser's language for this file's tests (`test.use({ browserLang: 'de' })`); English otherwise. */
  browserLang: string | undefined;
  /** The provider emulator, started for this test and closed after it. */
  emulator: Emulator;
  /** A fresh, empty profile directory for this test (removed after it). */
  profileDir: string;
  /**
   * Launches Chromium with the e2e build on `dir` (default: `profileDir`) and makes it the current
   * context. A context still open on the same dir is closed first, so calling it again is a browser
   * restart that keeps IndexedDB and storage.
   */
  launch(dir?: string): Promise<BrowserContext>;
  /** The current context; launched on `profileDir` on first use. */
  context: BrowserContext;
  /** The extension's id, from its service worker's URL. */
  extensionId: string;
  /**
   * The current context's service worker once it runs. After killWorker() it waits for something to
   * wake the worker, unless `{ wake: true }` starts it (as any extension event would).
   */
  worker(options?: WorkerOptions): Promise<Worker>;
  /**
   * Brings `page` to front and calls the worker's `onContextMenuClick` with the active tab. Like a
   * real click, it starts a stopped worker first.
   */
  clickMenu(page: Page, click: MenuClick): Promise<void>;
  /** Stops the extension's service worker (CDP on `page`) and waits until Chrome reports it stopped. */
  killWorker(page: Page): Promise<void>;
  openPopup(): Promise<Page>;
  openOptions(): Promise<Page>;
  /** Saves an API key through the Options page, as a person would. */
  setKey(provider: keyof typeof KEY_LABELS, key: string): Promise<void>;
}

/** Internal: which context is current, so helpers follow a relaunch. */
interface Internal {
  browserState: { current?: BrowserContext };
}

export const test = base.extend<HarnessFixtures & Internal>({
  browserLang: [undefined, { option: true }],

  // eslint-disable-next-line no-empty-pattern -- Playwright requires the destructuring pattern
  browserState: async ({}, use) => {
    await use({});
  },

  // eslint-disable-next-line no-empty-pattern -- Playwright requires the destructuring pattern
  emulator: async ({}, use) => {
    const emulator = await startEmulator();
    await use(emulator);
    await emulator.close();
  },

  // eslint-disable-next-line no-empty-pattern -- Playwright requires the destructuring pattern
  profileDir: async ({}, use) => {
    const dir = await mkdtemp(join(tmpdir(), 'e2e-profile-'));
    await use(dir);
    await rm(dir, { recursive: true, force: true });
  },

  launch: async ({ emulator, profileDir, browserState, browserLang }, use) => {
    const open = new Map<string, BrowserContext>();
    await use(async (dir = profileDir) => {
      await open.get(dir)?.close(); // Chromium locks a profile: a relaunch needs the old one gone
      const context = await launchWithExtension(dir, emulator.hostResolverRules(), { lang: browserLang });
      open.set(dir, context);
      browserState.current = context;
      return context;
    });
    for (const context of open.values()) await context.close().catch(() => undefined);
  },

  context: async ({ launch }, use) => {
    await use(await launch());
  },

  extensionId: async ({ context }, use) => {
    await use(await extensionIdOf(context));
  },

  worker: async ({ browserState, extensionId }, use) => {
    await use((options) => currentWorker(currentContext(browserState), extensionId, options));
  },

  clickMenu: async ({ worker }, use) => {
    await use(async (page, click) => {
      await page.bringToFront();
      await clickMenuIn(await worker({ wake: true }), click);
    });
  },

  killWorker: async ({ browserState, extensionId }, use) => {
    await use((page) => stopWorker(currentContext(browserState), page, extensionId));
  },

  openPopup: async ({ browserState, extensionId }, use) => {
    await use(() => openExtensionPage(currentContext(browserState), extensionId, 'popup.html'));
  },

  openOptions: async ({ browserState, extensionId }, use) => {
    await use(() => openExtensionPage(currentContext(browserState), extensionId, 'options.html'));
  },

  setKey: async ({ openOptions }, use) => {
    await use(async (provider, key) => {
      const page = await openOptions();
      const field = page.getByLabel(KEY_LABELS[provider]);
      // Each key has its own form and Save button; pick the one around this field.
      const form = page.locator('form').filter({ has: field });
      await field.fill(key);
      await form.getByRole('button', { name: 'Save' }).click();
      await expect(field).toHaveValue(''); // the field clears once the key is stored
      await page.close();
    });
  },
});

export { expect };

function currentContext(state: Internal['browserState']): BrowserContext {
  const context = state.current;
  if (!context) throw new Error('No browser yet: use the `context` fixture or call launch() first.');
  return context;
}

async function openExtensionPage(context: BrowserContext, extensionId: string, file: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`chrome-extension://${extensionId}/${file}`);
  return page;
}
