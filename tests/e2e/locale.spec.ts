import type { Page, Worker } from '@playwright/test';
import { expect, test } from './harness/fixtures';
import { expectNaturalSize, GALLERY, image } from './steps';

const KEY = 'e2e-locale-key-0001';

// A browser started with --lang=de: chrome.i18n hands the extension its German messages.
test.use({ browserLang: 'de' });

/**
 * Chrome has no call that reads a menu item's title back, so the worker's menu building is watched: each
 * item created from now on is noted with its title (the extension's own code is not changed; this wraps
 * the browser's function in the worker under test).
 */
async function watchMenuTitles(sw: Worker) {
  await sw.evaluate(() => {
    const scope = globalThis as unknown as { menuTitles: Record<string, string> };
    scope.menuTitles = {};
    const create = chrome.contextMenus.create.bind(chrome.contextMenus);
    chrome.contextMenus.create = ((props: chrome.contextMenus.CreateProperties, done?: () => void) => {
      if (props.id && props.title) scope.menuTitles[props.id] = props.title;
      return create(props, done);
    }) as typeof chrome.contextMenus.create;
  });
}

const menuTitle = (sw: Worker, id: string) =>
  sw.evaluate(
    (menuId) => (globalThis as unknown as { menuTitles: Record<string, string> }).menuTitles[menuId],
    id,
  );

/** Saves the HitPaw key through the German Options page, as a person would. */
async function saveKeyInGerman(openOptions: () => Promise<Page>) {
  const options = await openOptions();
  const field = options.getByLabel('API-Schlüssel für HitPaw');
  const form = options.locator('form').filter({ has: field });
  await field.fill(KEY);
  await form.getByRole('button', { name: 'Speichern' }).click();
  await expect(form).toContainText('Gespeichert.');
  await expect(form.getByRole('button', { name: 'Schlüssel testen' })).toBeVisible();
  await options.close();
}

test('in a German browser, the first-run page, Options and the page notice of a job speak German', async ({
  context,
  emulator,
  extensionId,
  clickMenu,
  openOptions,
}) => {
  emulator.hitpaw.addKey(KEY, { coins: 1000 });
  const welcome = await context.newPage();
  await welcome.goto(`chrome-extension://${extensionId}/welcome.html`);
  await expect(welcome.getByRole('heading', { level: 1 })).toHaveText('Willkommen bei Enhance in Place');
  await expect(welcome.getByRole('link', { name: 'Optionen' })).toBeVisible();
  await welcome.close();

  await saveKeyInGerman(openOptions);

  // The page's notice says, in German, what was started; the image is replaced as in English.
  const page = await context.newPage();
  await page.goto(GALLERY);
  await clickMenu(page, { menuItemId: 'hitpaw-photo:general_2x', srcUrl: image('photo.jpg') });
  await expect(page.locator('eip-notices').getByRole('status').first()).toContainText(
    'Wird verbessert mit HitPaw · Allgemein 2×',
  );
  await expectNaturalSize(page, '#photo', 400, 300);
  // Once the picture is replaced, the notice offers the original and the compare overlay, in German.
  const notices = page.locator('eip-notices');
  await expect(notices.getByRole('button', { name: 'Vergleichen' })).toBeVisible();
  await expect(notices.getByRole('button', { name: 'Original zeigen' })).toBeVisible();
});

test('in a German browser, the menus are titled in German', async ({ emulator, worker, openOptions }) => {
  emulator.hitpaw.addKey(KEY, { coins: 1000 });
  const sw = await worker({ wake: true });
  await watchMenuTitles(sw);
  await saveKeyInGerman(openOptions); // a saved key rebuilds the menus, whose titles are watched

  await expect
    .poll(() => menuTitle(sw, 'hitpaw-photo:general_2x'))
    .toBe('Allgemein 2× · HitPaw (ab 10 Coins)');
  expect(await menuTitle(sw, 'enhance-image')).toBe('Bild verbessern');
  expect(await menuTitle(sw, 'on-device:upscale-2x')).toBe(
    'Hochskalieren 2× · Auf dem Gerät (kostenlos, auf diesem Gerät)',
  );
});

test('in a German browser, the popup lists a finished job in German', async ({
  context,
  emulator,
  clickMenu,
  openOptions,
  openPopup,
}) => {
  emulator.hitpaw.addKey(KEY, { coins: 1000 });
  await saveKeyInGerman(openOptions);
  const page = await context.newPage();
  await page.goto(GALLERY);
  await clickMenu(page, { menuItemId: 'hitpaw-photo:general_2x', srcUrl: image('photo.jpg') });
  await expectNaturalSize(page, '#photo', 400, 300);

  const popup = await openPopup();
  await expect(popup.getByText('HitPaw · Allgemein 2×')).toBeVisible();
  await expect(popup.getByText('Fertig', { exact: false }).first()).toBeVisible();
});
