import { chromium, type BrowserContext } from '@playwright/test';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The e2e build (made by `wxt build --mode e2e` before the tests; never built here). */
export const E2E_EXTENSION_DIR = fileURLToPath(new URL('../../../.output/chrome-mv3-e2e', import.meta.url));
/** The production build, for manifest assertions only. */
export const PROD_EXTENSION_DIR = fileURLToPath(new URL('../../../.output/chrome-mv3', import.meta.url));

export function chromiumPath(): string {
  const path = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(path)) {
    throw new Error(`No Chromium at ${path}: install it (apt-get install -y chromium) or set CHROMIUM_PATH.`);
  }
  return path;
}

/**
 * A persistent context with the e2e build loaded and every emulated host mapped to the emulator.
 * Flags from ../../../../shared/toolchain.md: without the background-networking ones Chromium keeps
 * trying to reach the internet (offline here).
 */
export async function launchWithExtension(
  profileDir: string,
  hostResolverRules: string,
  { headless = true }: { headless?: boolean } = {},
): Promise<BrowserContext> {
  const executablePath = chromiumPath();
  if (!existsSync(`${E2E_EXTENSION_DIR}/manifest.json`)) {
    throw new Error(`No e2e build in ${E2E_EXTENSION_DIR}: run \`npx wxt build --mode e2e\` first.`);
  }
  return chromium.launchPersistentContext(profileDir, {
    executablePath,
    headless,
    viewport: headless ? { width: 1200, height: 900 } : null,
    // Playwright adds --disable-extensions by default; the extension is the point of these tests.
    ignoreDefaultArgs: ['--disable-extensions'],
    args: [
      `--disable-extensions-except=${E2E_EXTENSION_DIR}`,
      `--load-extension=${E2E_EXTENSION_DIR}`,
      `--host-resolver-rules=${hostResolverRules}`,
      '--ignore-certificate-errors',
      '--disable-gpu',
      '--disable-quic',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}
