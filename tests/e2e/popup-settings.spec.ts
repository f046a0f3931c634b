import type { Page } from '@playwright/test';
import { expect, test } from './harness/fixtures';
import { expectNaturalSize, GALLERY, image, menuHas, submits } from './steps';

const KEY = 'hp-settings-key-0001';

/** The popup with its Settings panel open, as a person opens it from the header. */
async function popupSettings(openPopup: () => Promise<Page>) {
  const popup = await openPopup();
  await popup.getByRole('button', { name: 'Settings' }).click();
  const panel = popup.getByRole('region', { name: 'Settings' });
  await expect(panel).toBeVisible();
  return { popup, panel };
}

test('the default action chosen in the popup is what Repeat runs, whatever ran since', async ({
  context,
  emulator,
  worker,
  setKey,
  clickMenu,
  openPopup,
}) => {
  emulator.hitpaw.addKey(KEY, { coins: 1000 });
  await setKey('hitpaw', KEY);
  const page = await context.newPage();
  await page.goto(GALLERY);
  await expectNaturalSize(page, '#logo', 160, 100);
  const sw = await worker({ wake: true });
  await expect.poll(() => menuHas(sw, 'enhance-image')).toBe(true);
  expect(await menuHas(sw, 'repeat-last')).toBe(false); // nothing chosen yet: nothing to repeat

  const { popup, panel } = await popupSettings(openPopup);
  const action = panel.getByLabel('Default action');
  await expect(action).toHaveValue('last');
  // The operations are the menus' own, labels included (HitPaw has its key: no "(add key)").
  await expect(action.locator('option', { hasText: 'General 4× · HitPaw (from 10 coins)' })).toHaveCount(1);
  await action.selectOption({ label: 'General 4× · HitPaw (from 10 coins)' });
  await expect.poll(() => menuHas(sw, 'repeat-last')).toBe(true);
  await popup.close();

  // Another operation runs; Repeat still runs the fixed default.
  await clickMenu(page, { menuItemId: 'hitpaw-photo:general_2x', srcUrl: image('photo.jpg') });
  await expectNaturalSize(page, '#photo', 400, 300);
  await clickMenu(page, { menuItemId: 'repeat-last', srcUrl: image('logo.png') });
  await expectNaturalSize(page, '#logo', 640, 400);
  expect(submits(emulator).map((entry) => (entry.body as { model_name: string }).model_name)).toEqual([
    'general_2x',
    'general_4x',
  ]);
});

test('hiding providers without a key and the menus outside images rebuilds the menus; Options shows the same setting', async ({
  worker,
  setKey,
  openPopup,
  openOptions,
}) => {
  const sw = await worker({ wake: true });
  const keyless = ['hitpaw-photo:general_2x', 'enhancecraft:enhance-2x', 'tensorpix:denoise'];
  for (const id of [...keyless, 'enhance-video', 'enhance-all'])
    await expect.poll(() => menuHas(sw, id), id).toBe(true);

  const { popup, panel } = await popupSettings(openPopup);
  const keylessBox = panel.getByLabel('Show providers without a key in the menus');
  await expect(keylessBox).toBeChecked();
  await keylessBox.uncheck();
  for (const id of [...keyless, 'enhance-video']) await expect.poll(() => menuHas(sw, id), id).toBe(false);
  await expect.poll(() => menuHas(sw, 'on-device:upscale-2x')).toBe(true); // needs no key: stays

  // A saved key brings back that provider's items only.
  await setKey('hitpaw', KEY);
  await expect.poll(() => menuHas(sw, 'hitpaw-photo:general_2x')).toBe(true);
  // The rebuild creates items one after another: wait for the video menu's too.
  await expect.poll(() => menuHas(sw, 'hitpaw-video:general_restore_2x')).toBe(true);
  expect(await menuHas(sw, 'enhancecraft:enhance-2x')).toBe(false);

  // Outside images: the page's batch item goes; the image menu stays (on images only).
  await panel.getByLabel('Offer the menus where no image is under the pointer').uncheck();
  await expect.poll(() => menuHas(sw, 'enhance-all')).toBe(false);
  await expect.poll(() => menuHas(sw, 'enhance-image')).toBe(true);
  expect(await menuHas(sw, 'on-device:upscale-2x')).toBe(true);
  await popup.close();

  // Options draws the same declared settings, holding the same stored values; a change there counts too.
  const options = await openOptions();
  await expect(options.getByLabel('Show providers without a key in the menus')).not.toBeChecked();
  const outside = options.getByLabel('Offer the menus where no image is under the pointer');
  await expect(outside).not.toBeChecked();
  await outside.check();
  await expect.poll(() => menuHas(sw, 'enhance-all')).toBe(true);
});
