import { menuItems } from '../../utils/menu-items';
import { expect, test } from './harness/fixtures';
import { GALLERY, expectNaturalSize, image, jobRow, menuHas, submits } from './steps';

// Every leaf of both menus, from the same registry the background builds them from.
const MENU_IDS = [...menuItems('image'), ...menuItems('video')]
  .map((item) => item.id)
  .filter((id) => id.includes(':'));

test('the image and video menus hold every operation under its documented id, before and after a key is saved', async ({
  worker,
  setKey,
}) => {
  const sw = await worker();
  // Menus are created asynchronously.
  const exists = (id: string) => menuHas(sw, id);
  expect(MENU_IDS.length).toBeGreaterThan(50);
  for (const id of [...MENU_IDS, 'enhance-image', 'enhance-video'])
    await expect.poll(() => exists(id)).toBe(true);
  expect(await exists('hitpaw-photo:not_a_model')).toBe(false);

  // Saving a key rebuilds the menus (HitPaw now leads its groups): nothing may go missing on the way.
  await setKey('hitpaw', 'hp-menu-key-0001');
  for (const id of [...MENU_IDS, 'enhance-image', 'enhance-video'])
    await expect.poll(() => exists(id)).toBe(true);
});

test('Options keeps the key masked, where page code cannot read it, and can remove it', async ({
  openOptions,
}) => {
  const options = await openOptions();
  const field = options.getByLabel('HitPaw API key');
  const form = options.locator('form').filter({ has: field });
  await field.fill('hp-secret-key-abcd1234');
  await form.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(form.getByText('Saved key:')).toBeVisible();
  await expect(options.getByTestId('saved-hitpaw')).toHaveText('••••••••1234');
  await expect(options.locator('body')).not.toContainText('hp-secret-key');

  // storage.local is readable by content scripts: the key must not be there.
  const local = await options.evaluate(() => chrome.storage.local.get(null));
  expect(JSON.stringify(local)).not.toContain('hp-secret-key');

  await options.reload();
  await expect(options.getByTestId('saved-hitpaw')).toHaveText('••••••••1234');
  await form.getByRole('button', { name: 'Remove' }).click();
  await expect(form.getByText('No key saved.')).toBeVisible();
  await options.reload();
  await expect(form.getByText('No key saved.')).toBeVisible();
});

test('Test key says plainly whether the key works', async ({ emulator, openOptions }) => {
  emulator.hitpaw.addKey('hp-good-key-0001');
  const options = await openOptions();
  const field = options.getByLabel('HitPaw API key');
  const form = options.locator('form').filter({ has: field });
  await field.fill('hp-wrong-key-0002');
  await form.getByRole('button', { name: 'Test key' }).click();
  await expect(form.getByText('HitPaw did not accept your API key')).toBeVisible();
  await field.fill('hp-good-key-0001');
  await form.getByRole('button', { name: 'Test key' }).click();
  await expect(form.getByText('The key works.')).toBeVisible();
  expect(emulator.hitpaw.jobs()).toHaveLength(0); // the test costs nothing
});

test('a failed job can be retried from the popup once the account has coins again', async ({
  context,
  emulator,
  setKey,
  clickMenu,
  openPopup,
}) => {
  emulator.hitpaw.addKey('hp-broke-0003', { coins: 0 });
  await setKey('hitpaw', 'hp-broke-0003');
  const page = await context.newPage();
  await page.goto(GALLERY);
  await clickMenu(page, { menuItemId: 'hitpaw-photo:general_2x', srcUrl: image('photo.jpg') });
  const popup = await openPopup();
  const row = jobRow(popup);
  await expect(row).toContainText('out of coins');

  emulator.hitpaw.addKey('hp-broke-0003', { coins: 500 }); // topped up
  await row.getByRole('button', { name: 'Retry' }).click();
  await expect(row).toContainText('Done', { timeout: 60_000 });
  await expectNaturalSize(page, '#photo', 400, 300);
  expect(submits(emulator).map((entry) => entry.status)).toEqual([402, 200]);
});

test('Test key works for EnhanceCraft and TensorPix too, and costs nothing', async ({
  emulator,
  openOptions,
}) => {
  emulator.enhancecraft.addKey('sk_live_good_0001', { credits: 5 });
  emulator.tensorpix.addKey('tp-good-key-0001', { credits: 5 });
  const options = await openOptions();
  const cases = [
    ['EnhanceCraft API key', 'sk_live_wrong_0002', 'sk_live_good_0001', /EnhanceCraft.*key/],
    ['TensorPix API key', 'tp-wrong-key-0002', 'tp-good-key-0001', /TensorPix.*key/],
  ] as const;
  for (const [label, wrong, good, complaint] of cases) {
    const field = options.getByLabel(label);
    const form = options.locator('form').filter({ has: field });
    await field.fill(wrong);
    await form.getByRole('button', { name: 'Test key' }).click();
    await expect(form.locator('.error-text')).toContainText(complaint);
    await field.fill(good);
    await form.getByRole('button', { name: 'Test key' }).click();
    await expect(form.getByText('The key works.')).toBeVisible();
  }
  expect(emulator.enhancecraft.credits('sk_live_good_0001')).toBe(5);
  expect(emulator.tensorpix.credits('tp-good-key-0001')).toBe(5);
  expect(emulator.enhancecraft.jobs()).toHaveLength(0);
  expect(emulator.tensorpix.jobs()).toHaveLength(0);
});
