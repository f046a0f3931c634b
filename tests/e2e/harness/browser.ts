import { chromium, type BrowserContext } from '@playwright/test';
import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { findChromium } from '../../../scripts/browser-setup';

/** The e2e build (made by `wxt build --mode e2e` before the tests; never built here). */
export const E2E_EXTENSION_DIR = fileURLToPath(new URL('../../../.output/chrome-mv3-e2e', import.meta.url));
/** The production build, for manifest assertions only. */
export const PROD_EXTENSION_DIR = fileURLToPath(new URL('../../../.output/chrome-mv3', import.meta.url));

/** The browser found (or installed) by the suite's global setup; see scripts/browser-setup.ts. */
export function chromiumPath(): string {
  const path = findChromium();
  if (!path) {
    throw new Error(
      'No Chromium found: run `npx playwright test` (its setup installs one) or set CHROMIUM_PATH.',
    );
  }
  return path;
}

/**
 * A persistent context with the e2e build (or the build in `extensionDir`) loaded and every emulated host
 * mapped to the emulator.
 * Without the background-networking flags Chromium keeps trying to reach the internet (offline here)
 * and is refused.
 */
export async function launchWithExtension(
  profileDir: string,
  hostResolverRules: string,
  {
    headless = true,
    keepWelcome = false,
    extensionDir = E2E_EXTENSION_DIR,
    lang,
  }: {
    headless?: boolean;
    keepWelcome?: boolean;
    extensionDir?: string;
    /** The browser's language (`--lang`), which is also the one chrome.i18n gives the extension's messages in. */
    lang?: string;
  } = {},
): Promise<BrowserContext> {
  const executablePath = chromiumPath();
  if (!existsSync(`${extensionDir}/manifest.json`)) {
    throw new Error(`No build in ${extensionDir}: run \`npx wxt build --mode e2e\` first.`);
  }
  const fresh = (await readdir(profileDir).catch(() => [])).length === 0;
  const context = await launch(profileDir, executablePath, hostResolverRules, headless, extensionDir, lang);
  if (fresh && !keepWelcome) await closeWelcome(context);
  return context;
}

export const isWelcome = (url: string) => /^chrome-extension:\/\/[a-p]{32}\/welcome\.html$/.test(url);

/**
 * A fresh profile installs the extension, which opens its first-run page as the active tab a moment
 * later. Specs act on the active tab and wait for new pages, so the harness waits for that page and
 * closes it before handing the browser over (about 1.5 s per fresh profile, measured); a relaunch of the
 * same profile opens nothing. The first-run spec keeps it (`keepWelcome`).
 */
async function closeWelcome(context: BrowserContext) {
  const open = context.pages().find((page) => isWelcome(page.url()));
  const welcome =
    open ??
    (await context.waitForEvent('page', { predicate: (page) => isWelcome(page.url()), timeout: 20_000 }));
  await welcome.close();
}

function launch(
  profileDir: string,
  executablePath: string,
  hostResolverRules: string,
  headless: boolean,
  extensionDir: string,
  lang: string | undefined,
) {
  return chromium.launchPersistentContext(profileDir, {
    executablePath,
    headless,
    viewport: headless ? { width: 1200, height: 900 } : null,
    // Playwright adds --disable-extensions by default; the extension is the point of these tests.
    ignoreDefaultArgs: ['--disable-extensions'],
    args: [
      `--disable-extensions-except=${extensionDir}`,
      `--load-extension=${extensionDir}`,
      `--host-resolver-rules=${hostResolverRules}`,
      '--ignore-certificate-errors',
      '--disable-gpu',
      '--disable-quic',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      // Measured in Chromium 156 on Linux: the flag alone switches chrome.i18n (LANGUAGE alone does not).
      ...(lang ? [`--lang=${lang}`] : []),
    ],
  });
}
