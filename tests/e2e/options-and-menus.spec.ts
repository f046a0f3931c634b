import { expect, test } from './harness/fixtures';
import { GALLERY, expectNaturalSize, image, jobRow, submits } from './steps';

const MENU_IDS = [
  'hitpaw-photo:general_2x',
  'hitpaw-photo:general_4x',
  'hitpaw-photo:high_fidelity_2x',
  'hitpaw-photo:high_fidelity_4x',
  'hitpaw-photo:face_2x',
  'hitpaw-photo:face_4x',
  'hitpaw-photo:face_v2_2x',
  'hitpaw-photo:face_v2_4x',
  'hitpaw-photo:sharpen_denoise_1x',
  'hitpaw-photo:detail_denoise_1x',
  'hitpaw-photo:generative_portrait_1x',
  'hitpaw-photo:generative_1x',
];

test('the image menu holds every HitPaw photo model under its documented id', async ({ worker }) => {
  const sw = await worker();
  // contextMenus.update resolves for a real id and rejects otherwise; menus are created asynchronously.
  const exists = (id: string) =>
    sw.evaluate(
      (menuId) =>
        chrome.contextMenus.update(menuId, {}).then(
          () => true,
          () => false,
        ),
      id,
    );
  for (const id of [...MENU_IDS, 'enhance-image']) await expect.poll(() => exists(id)).toBe(true);
  expect(await exists('hitpaw-photo:not_a_model')).toBe(false);
});

test('Options keeps the key masked, where page code cannot read it, and can remove it', async ({
  openOptions,
}) => {
  const options = await openOptions();
  const field = options.getByLabel('HitPaw API key');
  await field.fill('hp-secret-key-abcd1234');
  await options.getByRole('button', { name: 'Save' }).click();
  await expect(options.getByText('Saved key:')).toBeVisible();
  await expect(options.getByTestId('saved-hitpaw')).toHaveText('••••••••1234');
  await expect(options.locator('body')).not.toContainText('hp-secret-key');

  // storage.local is readable by content scripts: the key must not be there.
  const local = await options.evaluate(() => chrome.storage.local.get(null));
  expect(JSON.stringify(local)).not.toContain('hp-secret-key');

  await options.reload();
  await expect(options.getByTestId('saved-hitpaw')).toHaveText('••••••••1234');
  await options.getByRole('button', { name: 'Remove' }).click();
  await expect(options.getByText('No key saved.')).toBeVisible();
  await options.reload();
  await expect(options.getByText('No key saved.')).toBeVisible();
});

test('Test key says plainly whether the key works', async ({ emulator, openOptions }) => {
  emulator.hitpaw.addKey('hp-good-key-0001');
  const options = await openOptions();
  const field = options.getByLabel('HitPaw API key');
  await field.fill('hp-wrong-key-0002');
  await options.getByRole('button', { name: 'Test key' }).click();
  await expect(options.getByText('HitPaw did not accept your API key')).toBeVisible();
  await field.fill('hp-good-key-0001');
  await options.getByRole('button', { name: 'Test key' }).click();
  await expect(options.getByText('The key works.')).toBeVisible();
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
