/**
 * `npm run demo`: the extension's main job on the emulated providers, on this machine, offline.
 * With a display it opens Chromium on a demo gallery with the extension loaded and a demo key saved:
 * right-click a picture. Without one (or with --headless) it drives one enhancement itself and saves
 * before/after screenshots.
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { BrowserContext, Page } from '@playwright/test';
import { DEMO_KEY, startEmulator } from '../tests/emulator/index';
import { launchWithExtension } from '../tests/e2e/harness/browser';
import { clickMenuIn, currentWorker, extensionIdOf } from '../tests/e2e/harness/worker';

const DEMO_PAGE = 'https://gallery.example.org/demo.html';
const OUT = resolve('demo-output');
const headless = process.argv.includes('--headless') || !process.env.DISPLAY;

async function saveKey(context: BrowserContext, extensionId: string) {
  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  await options.getByLabel('HitPaw API key').fill(DEMO_KEY);
  await options.getByRole('button', { name: 'Save' }).click();
  await options.getByText('Saved key:').waitFor();
  await options.close();
}

async function enhanceOne(context: BrowserContext, page: Page, extensionId: string) {
  const img = page.locator('#dawn');
  const before = await img.evaluate((el: HTMLImageElement): [number, number] => [
    el.naturalWidth,
    el.naturalHeight,
  ]);
  await page.screenshot({ path: join(OUT, 'before.png') });
  await page.bringToFront();
  const worker = await currentWorker(context, extensionId, { wake: true });
  const srcUrl = await img.evaluate((el: HTMLImageElement) => el.currentSrc);
  console.log(`Enhancing ${srcUrl} with HitPaw General 2× (emulated)…`);
  await clickMenuIn(worker, { menuItemId: 'hitpaw-photo:general_2x', srcUrl });
  await page.waitForFunction(
    (width) => {
      const el = document.querySelector<HTMLImageElement>('#dawn');
      return !!el && el.complete && el.naturalWidth === width * 2;
    },
    before[0],
    { timeout: 90_000 },
  );
  const after = await img.evaluate((el: HTMLImageElement) => [el.naturalWidth, el.naturalHeight]);
  await page.screenshot({ path: join(OUT, 'after.png') });
  const popup = await context.newPage();
  await popup.setViewportSize({ width: 420, height: 360 });
  await popup.goto(`chrome-extension://${extensionId}/popup.html`);
  await popup.getByText('Done').first().waitFor();
  await popup.screenshot({ path: join(OUT, 'popup.png') });
  console.log(`Replaced in place: ${before.join('×')} → ${after.join('×')} pixels, same layout box.`);
  console.log(
    `Screenshots: ${join(OUT, 'before.png')}, ${join(OUT, 'after.png')}, ${join(OUT, 'popup.png')}`,
  );
}

async function main() {
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
    await saveKey(context, extensionId);
    const page = await context.newPage();
    await page.goto(DEMO_PAGE);
    if (headless) {
      await enhanceOne(context, page, extensionId);
      await cleanup();
      return;
    }
    console.log(`Chromium is open on ${DEMO_PAGE} with a demo HitPaw key (emulated, offline).`);
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
