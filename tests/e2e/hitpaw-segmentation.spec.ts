import { expect, test } from './harness/fixtures';
import { alphaOf, expectNaturalSize, jobRow } from './steps';

const KEY = 'hp-seg-key-0001';
const PAGE = 'https://gallery.example.org/portrait.html';
const SUBJECT = 'https://gallery.example.org/images/demo-4.png';

test.beforeEach(async ({ emulator, setKey }) => {
  emulator.hitpaw.addKey(KEY, { coins: 500 });
  await setKey('hitpaw', KEY);
});

test('Remove background: the transparent cut-out replaces the image, over the chosen backdrop', async ({
  context,
  emulator,
  clickMenu,
  openPopup,
  openOptions,
}) => {
  const page = await context.newPage();
  await page.goto(PAGE);
  await clickMenu(page, { menuItemId: 'hitpaw-segmentation:matting', srcUrl: SUBJECT });

  await expect(page.locator('#subject')).toHaveAttribute('src', /^https:\/\/cdn\.example\.net\//, {
    timeout: 60_000,
  });
  await expectNaturalSize(page, '#subject', 320, 200);
  const [width, height, lowestAlpha] = await alphaOf(page, '#subject');
  expect([width, height]).toEqual([320, 200]);
  expect(lowestAlpha).toBe(0); // the background really is transparent
  // Default backdrop: a checkerboard behind the cut-out, painted by CSS, the file untouched.
  await expect(page.locator('#subject')).toHaveCSS('background-image', /conic-gradient/);

  const submitted = emulator.journal.find({ path: '/api/image-segmentation' });
  expect(submitted).toHaveLength(1);
  expect(submitted[0]!.body).toEqual({ file_url: SUBJECT });

  const popup = await openPopup();
  const row = jobRow(popup, 'HitPaw · Remove background');
  await expect(row).toContainText('Done');
  await expect(row).toContainText('20 coins');
  await expect(row.getByRole('button', { name: 'Download cut-out' })).toBeVisible();
  await expect(row.getByRole('button', { name: 'Download mask' })).toBeVisible();

  // Changing the setting repaints cut-outs already in the page.
  const options = await openOptions();
  await options.getByLabel('Background behind cut-outs').selectOption('white');
  await expect(page.locator('#subject')).toHaveCSS('background-color', 'rgb(255, 255, 255)');
  await expect(page.locator('#subject')).toHaveCSS('background-image', 'none');
});

test('the cut-out and its mask are kept at once and open in the viewer, same size', async ({
  context,
  emulator,
  clickMenu,
  openPopup,
}) => {
  const page = await context.newPage();
  await page.goto(PAGE);
  await clickMenu(page, { menuItemId: 'hitpaw-segmentation:matting', srcUrl: SUBJECT });
  const popup = await openPopup();
  const row = jobRow(popup, 'HitPaw · Remove background');
  await expect(row).toContainText('Done', { timeout: 60_000 });
  // Both files were fetched right away (links may live only 24 h); expire them at the CDN now.
  await expect
    .poll(() => emulator.journal.find({ host: 'cdn.example.net', path: /mask/ }).length)
    .toBeGreaterThan(0);
  emulator.clock.advance(9 * 24 * 60 * 60_000);

  const [viewer] = await Promise.all([
    context.waitForEvent('page'),
    row.getByRole('button', { name: 'Open' }).click(),
  ]);
  const result = viewer.getByRole('img', { name: 'Result' });
  const mask = viewer.getByRole('img', { name: 'Mask' });
  await expect(result).toHaveJSProperty('naturalWidth', 320);
  await expect(mask).toHaveJSProperty('naturalWidth', 320);
  await expect(mask).toHaveJSProperty('naturalHeight', 200);
  await expect(viewer.getByRole('link', { name: 'Download mask' })).toHaveAttribute('href', /^blob:/);
  await expect(viewer.getByRole('link', { name: 'Download', exact: true })).toHaveAttribute('href', /^blob:/);
});

test('worker killed mid-job: the cut-out still arrives once, with one submit', async ({
  context,
  emulator,
  clickMenu,
  killWorker,
}) => {
  emulator.hitpaw.configure({ pollsPerStep: 3 });
  const page = await context.newPage();
  await page.goto(PAGE);
  await clickMenu(page, { menuItemId: 'hitpaw-segmentation:matting', srcUrl: SUBJECT });
  await expect
    .poll(() => emulator.journal.find({ path: '/api/task-status' }).length, { timeout: 30_000 })
    .toBeGreaterThan(0);
  await killWorker(page);
  await expectNaturalSize(page, '#subject', 320, 200);
  expect((await alphaOf(page, '#subject'))[2]).toBe(0);
  expect(emulator.journal.find({ path: '/api/image-segmentation' })).toHaveLength(1);
});
