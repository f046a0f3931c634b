/**
 * `npm run demo`: the extension's main job on the emulated providers, on this machine, offline.
 * With a display it opens Chromium on a demo gallery with the extension loaded and a demo key saved:
 * right-click a picture. Without one (or with --headless) it drives three jobs itself — on device first
 * (no key, no network: an upscale and a cut-out), then HitPaw on the emulator — and saves before/after
 * screenshots.
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { BrowserContext, Page } from '@playwright/test';
import { ensureBrowserSetup } from './browser-setup';
import { DEMO_KEY, startEmulator } from '../tests/emulator/index';
import { launchWithExtension } from '../tests/e2e/harness/browser';
import { clickMenuIn, currentWorker, extensionIdOf } from '../tests/e2e/harness/worker';

const DEMO_PAGE = 'https://gallery.example.org/demo.html';
const OUT = resolve('demo-output');
const headless = process.argv.includes('--headless') || !process.env.DISPLAY;

async function saveKey(context: BrowserContext, extensionId: string) {
  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  const field = options.getByLabel('HitPaw API key');
  const form = options.locator('form').filter({ has: field });
  await field.fill(DEMO_KEY);
  await form.getByRole('button', { name: 'Save', exact: true }).click();
  await form.getByText('Saved key:').waitFor();
  await options.close();
}

/** Right-clicks `selector` through the test seam and waits until the page shows the result (`scale`×). */
async function enhance(
  context: BrowserContext,
  page: Page,
  extensionId: string,
  selector: string,
  menuItemId: string,
  scale = 2,
) {
  const img = page.locator(selector);
  const before = await img.evaluate((el: HTMLImageElement): [number, number] => [
    el.naturalWidth,
    el.naturalHeight,
  ]);
  await page.bringToFront();
  const worker = await currentWorker(context, extensionId, { wake: true });
  const srcUrl = await img.evaluate((el: HTMLImageElement) => el.currentSrc);
  console.log(`${menuItemId}: enhancing ${srcUrl}…`);
  await clickMenuIn(worker, { menuItemId, srcUrl });
  await page.waitForFunction(
    ([sel, src, width]) => {
      const el = document.querySelector<HTMLImageElement>(sel as string);
      return !!el && el.complete && el.currentSrc !== src && el.naturalWidth === width;
    },
    [selector, srcUrl, before[0] * scale] as const,
    { timeout: 180_000 },
  );
  const after = await img.evaluate((el: HTMLImageElement) => [el.naturalWidth, el.naturalHeight]);
  console.log(`  replaced in place: ${before.join('×')} → ${after.join('×')} pixels, same layout box.`);
}

async function enhanceAndShoot(context: BrowserContext, page: Page, extensionId: string) {
  await page.screenshot({ path: join(OUT, 'before.png') });
  // On device first: no key, nothing leaves the browser. Then a cloud provider (emulated, offline).
  await enhance(context, page, extensionId, '#badge', 'on-device:upscale-2x');
  await enhance(context, page, extensionId, '#guide', 'on-device:remove-background', 1);
  await saveKey(context, extensionId);
  await enhance(context, page, extensionId, '#dawn', 'hitpaw-photo:general_2x');
  await page.screenshot({ path: join(OUT, 'after.png') });
  const popup = await context.newPage();
  await popup.setViewportSize({ width: 420, height: 420 });
  await popup.goto(`chrome-extension://${extensionId}/popup.html`);
  await popup.getByText('Done').first().waitFor();
  await popup.screenshot({ path: join(OUT, 'popup.png') });
  console.log(
    `Screenshots: ${join(OUT, 'before.png')}, ${join(OUT, 'after.png')}, ${join(OUT, 'popup.png')}`,
  );
}

async function main() {
  ensureBrowserSetup(['openssl']); // a fresh machine gets Chromium (and openssl) here, saying so
  await mkdir(OUT, { recursive: true });
  const emulator = await startEmulator();
  const profile = await mkdtemp(join(tmpdir(), 'enhance-demo-'));
  const context = await launchWithExtension(profile, emulator.hostResolverRules(), { headless });
  const cleanup = async () => {
    await context.close().catch(() => undefined);
    await emulator.close();
    await rm(profile, { recursive: true, force: true });
  };
  try {
    const extensionId = await extensionIdOf(context);
    const page = await context.newPage();
    await page.goto(DEMO_PAGE);
    if (headless) {
      await enhanceAndShoot(context, page, extensionId);
      await cleanup();
      return;
    }
    await saveKey(context, extensionId);
    console.log(
      `Chromium is open on ${DEMO_PAGE}: "On device" needs no key; HitPaw has a demo key (emulated).`,
    );
    console.log('Right-click a picture → Enhance image → pick an operation. Close the browser to stop.');
    await new Promise<void>((done) => context.on('close', () => done()));
    await cleanup();
  } catch (error) {
    await cleanup();
    throw error;
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
