import { expect, test } from './harness/fixtures';
import { expectNaturalSize, GALLERY, image, jobRow, statusPolls, submits } from './steps';

const KEY = 'e2e-key-0001';

test.beforeEach(async ({ emulator, setKey }) => {
  emulator.hitpaw.addKey(KEY, { coins: 1000 });
  await setKey('hitpaw', KEY);
});

test('right-click → HitPaw 2× → the page image is replaced in place, exactly 2× in pixels', async ({
  context,
  emulator,
  clickMenu,
  openPopup,
}) => {
  const page = await context.newPage();
  await page.goto(GALLERY);
  const box = await page.locator('#photo').boundingBox();

  await clickMenu(page, { menuItemId: 'hitpaw-photo:general_2x', srcUrl: image('photo.jpg') });

  await expectNaturalSize(page, '#photo', 400, 300);
  expect(await page.locator('#photo').boundingBox()).toEqual(box); // same layout box
  const sent = submits(emulator);
  expect(sent).toHaveLength(1);
  expect(sent[0]!.body).toEqual({ model_name: 'general_2x', img_url: image('photo.jpg'), extension: '.jpg' });
  expect(sent[0]!.headers['apikey']).toBe(KEY);
  // Privacy: only the media URL leaves — no page URL, title or cookies.
  expect(JSON.stringify(sent[0]!.body)).not.toContain('gallery.example.org/"');
  expect(sent[0]!.headers['cookie']).toBeUndefined();

  const popup = await openPopup();
  const row = jobRow(popup);
  await expect(row).toContainText('Done');
  await expect(row).toContainText(`${emulator.hitpaw.jobs()[0]!.coins} coins`);
  await expect(row).toContainText('Replaced in the page');
  await expect(row.getByRole('button', { name: 'Open' })).toBeVisible();
  await expect(row.getByRole('button', { name: 'Download' })).toBeVisible();

  // The way back: the popup's action flips the page image to the original and back.
  await row.getByRole('button', { name: 'Show original' }).click();
  await expectNaturalSize(page, '#photo', 200, 150);
  await row.getByRole('button', { name: 'Show enhanced' }).click();
  await expectNaturalSize(page, '#photo', 400, 300);
  expect(submits(emulator)).toHaveLength(1);
});

test('the marker on the replaced image offers the original and back', async ({ context, clickMenu }) => {
  const page = await context.newPage();
  await page.goto(GALLERY);
  await clickMenu(page, { menuItemId: 'hitpaw-photo:general_2x', srcUrl: image('logo.png') });
  await expectNaturalSize(page, '#logo', 320, 200);

  await page.locator('#logo').hover();
  // The marker's own button (the "Enhanced" notice offers Show original too).
  const marker = page.locator('eip-markers');
  await marker.getByRole('button', { name: /Show original/ }).click();
  await expectNaturalSize(page, '#logo', 160, 100);
  await marker.getByRole('button', { name: /Show enhanced/ }).click();
  await expectNaturalSize(page, '#logo', 320, 200);
});

test('a PNG is asked back as PNG, srcset sends its best candidate, <picture> is replaced too', async ({
  context,
  emulator,
  clickMenu,
}) => {
  const page = await context.newPage();
  await page.goto(GALLERY);
  await clickMenu(page, { menuItemId: 'hitpaw-photo:general_2x', srcUrl: image('logo.png') });
  const currentResponsive = await page
    .locator('#responsive')
    .evaluate((img: HTMLImageElement) => img.currentSrc);
  await clickMenu(page, { menuItemId: 'hitpaw-photo:general_2x', srcUrl: currentResponsive });
  const pictured = await page.locator('#pictured').evaluate((img: HTMLImageElement) => img.currentSrc);
  await clickMenu(page, { menuItemId: 'hitpaw-photo:general_2x', srcUrl: pictured });

  await expect.poll(() => submits(emulator).length).toBe(3);
  const bodies = submits(emulator).map((entry) => entry.body as { img_url: string; extension: string });
  expect(bodies[0]).toMatchObject({ img_url: image('logo.png'), extension: '.png' });
  expect(bodies[1]).toMatchObject({ img_url: image('responsive-800.jpg'), extension: '.jpg' });
  expect(bodies[2]).toMatchObject({ img_url: image('pictured.webp'), extension: '.png' });

  await expectNaturalSize(page, '#logo', 320, 200);
  await expectNaturalSize(page, '#responsive', 1600, 1000);
  await expectNaturalSize(page, '#pictured', 720, 480);
  await expect(page.locator('#pictured')).toHaveJSProperty('width', 240); // its box is kept
});

test('a closed tab does not lose the job: it finishes and offers Open and Download', async ({
  context,
  emulator,
  clickMenu,
  openPopup,
}) => {
  emulator.hitpaw.configure({ pollsPerStep: 2 });
  const page = await context.newPage();
  await page.goto(GALLERY);
  await clickMenu(page, { menuItemId: 'hitpaw-photo:general_4x', srcUrl: image('photo.jpg') });
  await expect.poll(() => submits(emulator).length).toBe(1);
  await page.close();

  const popup = await openPopup();
  const row = jobRow(popup, 'HitPaw · General 4×');
  await expect(row).toContainText('Done', { timeout: 60_000 });
  await expect(row).toContainText('The tab was closed');
  const [viewer] = await Promise.all([
    popup.context().waitForEvent('page'),
    row.getByRole('button', { name: 'Open' }).click(),
  ]);
  await expect(viewer).toHaveURL(/\/viewer\.html\?job=/);
  // The viewer shows our own kept copy of the result, at its real pixel size.
  const result = viewer.getByRole('img', { name: 'Result' });
  await expect(result).toHaveJSProperty('naturalWidth', 800);
  await expect(result).toHaveJSProperty('naturalHeight', 600);
  await expect(result).toHaveAttribute('src', /^blob:chrome-extension:/);
  expect(statusPolls(emulator).length).toBeGreaterThanOrEqual(2);
});

test('a page with a strict header CSP (img-src self) still gets the result in place', async ({
  context,
  clickMenu,
}) => {
  // Measured on Chromium 156: an image URL set by a content script is not subject to the page's CSP.
  const page = await context.newPage();
  await page.goto('https://gallery.example.org/strict.html');
  await clickMenu(page, { menuItemId: 'hitpaw-photo:general_2x', srcUrl: image('photo.jpg') });
  await expectNaturalSize(page, '#photo', 400, 300);
});

test('a result the page cannot load leaves the original in place and says so in the popup', async ({
  context,
  emulator,
  clickMenu,
  openPopup,
}) => {
  emulator.hitpaw.configure({ retentionMs: 0 }); // the CDN answers 404 as soon as the job is done
  const page = await context.newPage();
  await page.goto(GALLERY);
  await clickMenu(page, { menuItemId: 'hitpaw-photo:general_2x', srcUrl: image('photo.jpg') });

  const popup = await openPopup();
  const row = jobRow(popup);
  await expect(row).toContainText('could not show the result', { timeout: 60_000 });
  await expectNaturalSize(page, '#photo', 200, 150);
  await expect(page.locator('#photo')).toHaveAttribute('src', '/images/photo.jpg');
  await expect(row.getByRole('button', { name: 'Show original' })).toHaveCount(0);
  expect(submits(emulator)).toHaveLength(1);
});
