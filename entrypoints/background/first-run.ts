import { browser } from 'wxt/browser';
import { storage } from 'wxt/utils/storage';

export const WELCOME_PAGE = '/welcome.html';

/** Set once the first-run page was opened, so that it never opens twice. */
export const welcomeShown = storage.defineItem<boolean>('local:welcomeShown', { fallback: false });

/**
 * The first-run page, in front as a new tab would be, on a fresh install only. Chromium also reports
 * 'install' each time it starts with an unpacked extension given on its command line, so the stored
 * mark is what makes it once: an update, a restart or a reload opens nothing.
 */
export async function openWelcomeOnInstall(details: { reason: string }): Promise<void> {
  if (details.reason !== 'install' || (await welcomeShown.getValue()) === true) return;
  await welcomeShown.setValue(true);
  await browser.tabs.create({ url: browser.runtime.getURL(WELCOME_PAGE), active: true });
}
