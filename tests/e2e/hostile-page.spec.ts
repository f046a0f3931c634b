import { expect, test } from './harness/fixtures';
import { expectNaturalSize, jobRow, submits } from './steps';

/**
 * A page that tries to steer the extension (tests/fixtures/site/hostile.html): nothing it forges or
 * copies takes effect, it cannot switch the page code off, and it cannot pick a bigger file to be sent.
 */
const KEY = 'e2e-key-0001';
const HOSTILE = 'https://gallery.example.org/hostile.html';
const image = (name: string) => `https://gallery.example.org/images/${name}`;

test.beforeEach(async ({ emulator, setKey }) => {
  emulator.hitpaw.addKey(KEY, { coins: 1000 });
  await setKey('hitpaw', KEY);
});

test('job tags and records forged or copied by the page take no effect', async ({
  context,
  clickMenu,
  openPopup,
}) => {
  const page = await context.newPage();
  await page.goto(HOSTILE);
  await clickMenu(page, { menuItemId: 'hitpaw-photo:general_2x', srcUrl: image('photo.jpg') });

  await expectNaturalSize(page, '#photo', 400, 300);
  const ours = await page.locator('#photo').evaluate((img) => img.getAttributeNames());
  expect(ours.filter((name) => name.startsWith('data-eip'))).toEqual([]); // nothing to copy or forge
  await expectNaturalSize(page, '#decoy', 160, 100);
  const markers = page.locator('eip-markers button');
  await expect(markers).toHaveCount(1);
  await expect(markers).toHaveAttribute('title', 'HitPaw · General 2×');

  const row = jobRow(await openPopup());
  await row.getByRole('button', { name: 'Show original' }).click();
  await expectNaturalSize(page, '#photo', 200, 150);
  await row.getByRole('button', { name: 'Show enhanced' }).click();
  await expectNaturalSize(page, '#photo', 400, 300);
  // The forged record named a file of the page's choosing: it was never loaded into #decoy.
  expect(await page.locator('#decoy').evaluate((img: HTMLImageElement) => img.currentSrc)).toBe(
    image('logo.png'),
  );
  await expectNaturalSize(page, '#decoy', 160, 100);
  await expect(page.locator('eip-markers button[title*="Forged"]')).toHaveCount(0);
});

test("the page dispatching WXT's start event does not switch the page code off", async ({
  context,
  emulator,
  extensionId,
  clickMenu,
  openPopup,
}) => {
  const page = await context.newPage();
  await page.goto(HOSTILE);
  await clickMenu(page, { menuItemId: 'hitpaw-photo:general_2x', srcUrl: image('photo.jpg') });
  await expect.poll(() => submits(emulator).length).toBe(1); // the page code has run for this job
  await page.evaluate(
    (id) => (window as unknown as { switchOff(id: string): void }).switchOff(id),
    extensionId,
  );

  await expectNaturalSize(page, '#photo', 400, 300);
  await expect(jobRow(await openPopup())).toContainText('Replaced in the page');
});

test('a data-srcset the page adds does not choose the file that is sent (and paid for)', async ({
  context,
  emulator,
  clickMenu,
}) => {
  const page = await context.newPage();
  await page.goto(HOSTILE);
  const shown = await page.locator('#greedy').evaluate((img: HTMLImageElement) => img.currentSrc);
  expect(shown).toBe(image('responsive-200.jpg'));
  await clickMenu(page, { menuItemId: 'hitpaw-photo:general_2x', srcUrl: shown });

  await expect.poll(() => submits(emulator).length).toBe(1);
  expect(submits(emulator)[0]!.body).toMatchObject({ img_url: image('responsive-200.jpg') });
  await expectNaturalSize(page, '#greedy', 400, 250);
});
