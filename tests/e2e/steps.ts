import type { BrowserContext, Page, Worker } from '@playwright/test';
import type { Emulator } from '../emulator/index';
import { expect } from './harness/fixtures';

/** Small steps the specs share: what a person looks at, and what the emulator saw. */
export const GALLERY = 'https://gallery.example.org/';
export const image = (name: string) => `https://gallery.example.org/images/${name}`;

export const submits = (emulator: Emulator) =>
  emulator.journal.find({ host: 'api-base.hitpaw.com', path: '/api/photo-enhancer' });
export const statusPolls = (emulator: Emulator) =>
  emulator.journal.find({ host: 'api-base.hitpaw.com', path: '/api/task-status' });
export const hitpawRequests = (emulator: Emulator) => emulator.journal.find({ host: 'api-base.hitpaw.com' });

/**
 * Everything that leaves the browser from now on, apart from the test site itself (which pages may ask
 * for their own images): the emulator's journal for every other host, and every request Playwright sees
 * for a URL that is not the extension's, `data:` or `blob:`.
 */
export function trafficFromNow(context: BrowserContext, emulator: Emulator) {
  const before = emulator.journal.all().length;
  const requests: string[] = [];
  context.on('request', (request) => {
    const url = request.url();
    if (!/^(chrome-extension|data|blob):/.test(url) && !url.startsWith(GALLERY)) requests.push(url);
  });
  return () => ({
    emulated: emulator.journal
      .all()
      .slice(before)
      .filter((entry) => entry.host !== 'gallery.example.org')
      .map((entry) => `${entry.host}${entry.path}`),
    requests,
  });
}

/** The popup row of a job, found by its accessible name (provider · operation). */
export function jobRow(popup: Page, name = 'HitPaw · General 2×') {
  return popup.getByRole('listitem', { name });
}

/** Waits until the image's loaded pixels have the given natural size. */
export async function expectNaturalSize(page: Page, selector: string, width: number, height: number) {
  const img = page.locator(selector);
  await expect(img).toHaveJSProperty('naturalWidth', width, { timeout: 60_000 });
  await expect(img).toHaveJSProperty('naturalHeight', height);
  await expect(img).toHaveJSProperty('complete', true);
}

/** An image element's alpha channel, read through a fetch of its URL, one value per pixel. */
export async function alphaChannel(page: Page, selector: string) {
  return page.locator(selector).evaluate(async (el: HTMLImageElement) => {
    const bitmap = await createImageBitmap(await (await fetch(el.currentSrc)).blob(), {
      premultiplyAlpha: 'none',
    });
    const context = new OffscreenCanvas(bitmap.width, bitmap.height).getContext('2d')!;
    context.drawImage(bitmap, 0, 0);
    const data = context.getImageData(0, 0, bitmap.width, bitmap.height).data;
    return {
      width: bitmap.width,
      height: bitmap.height,
      alpha: Array.from(data.filter((_, i) => i % 4 === 3)),
    };
  });
}

/** An image element's size and lowest alpha, read as alphaChannel() reads it: [width, height, lowest]. */
export async function alphaOf(page: Page, selector: string): Promise<[number, number, number]> {
  const { width, height, alpha } = await alphaChannel(page, selector);
  return [width, height, alpha.reduce((lowest, value) => Math.min(lowest, value), 255)];
}

/** A video element's frame size, position and paused state, once its metadata is there. */
export async function videoState(page: Page, selector: string) {
  return page.locator(selector).evaluate((v: HTMLVideoElement) => ({
    width: v.videoWidth,
    height: v.videoHeight,
    time: v.currentTime,
    paused: v.paused,
    src: v.currentSrc,
  }));
}

/** Waits for a video to show a frame of the given size. */
export async function expectVideoSize(page: Page, selector: string, width: number, height: number) {
  const video = page.locator(selector);
  await expect(video).toHaveJSProperty('videoWidth', width, { timeout: 90_000 });
  await expect(video).toHaveJSProperty('videoHeight', height);
}

/** Loads a page's videos and parks #clip paused at `seconds`, as a person who watched a bit would. */
export async function parkVideo(page: Page, selector: string, seconds: number) {
  await page.locator(selector).evaluate(async (v: HTMLVideoElement, at) => {
    if (v.readyState < 1)
      await new Promise((done) => v.addEventListener('loadedmetadata', done, { once: true }));
    v.currentTime = at;
    await new Promise((done) => v.addEventListener('seeked', done, { once: true }));
  }, seconds);
}

/**
 * A menu choice where Chrome saw no image (the page, link or frame context): the one test seam, called
 * with the active tab and no srcUrl, as contextMenus.onClicked would be.
 */
export async function chooseOnPage(page: Page, sw: Worker, menuItemId: string) {
  await page.bringToFront();
  await sw.evaluate(async (id) => {
    const seam = (globalThis as unknown as { onContextMenuClick(info: unknown, tab: unknown): Promise<void> })
      .onContextMenuClick;
    const [tab] = await chrome.tabs.query({ active: true, lastFocusedWindow: true });
    await seam({ menuItemId: id, pageUrl: tab!.url, frameId: 0, editable: false }, tab);
  }, menuItemId);
}

/** Whether a menu item exists: contextMenus.update resolves for a real id and rejects otherwise. */
export const menuHas = (sw: Worker, id: string) =>
  sw.evaluate(
    (menuId) =>
      chrome.contextMenus.update(menuId, {}).then(
        () => true,
        () => false,
      ),
    id,
  );
