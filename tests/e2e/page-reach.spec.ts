import { expect, test } from './harness/fixtures';
import { expectNaturalSize, jobRow, submits } from './steps';

/** Images in shadow roots, behind lazy placeholders, in re-rendering lists and CSS backgrounds. */
const KEY = 'e2e-key-0001';
const REACH = 'https://gallery.example.org/reach.html';
const image = (name: string) => `https://gallery.example.org/images/${name}`;

test.beforeEach(async ({ emulator, setKey }) => {
  emulator.hitpaw.addKey(KEY, { coins: 1000 });
  await setKey('hitpaw', KEY);
});

test('images inside open and closed shadow roots are replaced in place, with a marker', async ({
  context,
  clickMenu,
}) => {
  const page = await context.newPage();
  await page.goto(REACH);
  await clickMenu(page, { menuItemId: 'hitpaw-photo:general_2x', srcUrl: image('demo-1.jpg') });
  await expectNaturalSize(page, '#shadowed', 960, 640); // Playwright's CSS reaches into open roots
  await expect(page.locator('#shadowed')).toHaveJSProperty('width', 240); // its box is kept

  await clickMenu(page, { menuItemId: 'hitpaw-photo:general_2x', srcUrl: image('demo-2.jpg') });
  const sealed = () =>
    page.evaluate(() => {
      const img = (window as unknown as { sealedImage: HTMLImageElement }).sealedImage;
      return [img.naturalWidth, img.naturalHeight, img.width];
    });
  await expect.poll(sealed, { timeout: 60_000 }).toEqual([960, 640, 240]);
  await expect(page.locator('eip-markers button')).toHaveCount(2);
});

test('a lazy placeholder sends the real image, and the result replaces the placeholder', async ({
  context,
  emulator,
  clickMenu,
}) => {
  const page = await context.newPage();
  await page.goto(REACH);
  await expectNaturalSize(page, '#lazy', 4, 4);
  await clickMenu(page, { menuItemId: 'hitpaw-photo:general_2x', srcUrl: image('placeholder.png') });

  await expect.poll(() => submits(emulator).length).toBe(1);
  expect(submits(emulator)[0]!.body).toMatchObject({ img_url: image('lazy.jpg') });
  await expectNaturalSize(page, '#lazy', 440, 280);
});

test('a re-rendered element gets the finished result again, without a new job', async ({
  context,
  emulator,
  clickMenu,
  openPopup,
}) => {
  const page = await context.newPage();
  await page.goto(REACH);
  await clickMenu(page, { menuItemId: 'hitpaw-photo:general_2x', srcUrl: image('demo-3.jpg') });
  await expectNaturalSize(page, '#list img', 960, 640);

  await page.evaluate(() => (window as unknown as { rerender(): void }).rerender()); // a new <img>
  await expectNaturalSize(page, '#list img', 960, 640);
  await page.evaluate(() => (window as unknown as { setSrcBack(): void }).setSrcBack()); // src put back
  await expect(page.locator('#list img')).not.toHaveAttribute('src', '/images/demo-3.jpg');
  await expectNaturalSize(page, '#list img', 960, 640);
  await expect(page.locator('eip-markers button')).toHaveCount(1);
  expect(submits(emulator)).toHaveLength(1);
  expect(emulator.hitpaw.jobs()).toHaveLength(1);

  // The person's choice holds for what the page renders next.
  await jobRow(await openPopup(), 'HitPaw · General 2×')
    .getByRole('button', { name: 'Show original' })
    .click();
  await expectNaturalSize(page, '#list img', 480, 320);
  await page.evaluate(() => (window as unknown as { rerender(): void }).rerender());
  await expectNaturalSize(page, '#list img', 480, 320);
  await expect(page.locator('#list img')).toHaveAttribute('src', '/images/demo-3.jpg');
});

/**
 * Chrome's menu reports no srcUrl for a CSS background (its "image" context is for <img>); the seam
 * passes one as the coming pick mode will. What runs here is real Chromium's computed style.
 */
test('a CSS background layer is swapped in place, keeping its size, position and the other layer', async ({
  context,
  clickMenu,
  openPopup,
}) => {
  const page = await context.newPage();
  await page.goto(REACH);
  const banner = page.locator('#banner');
  const styleOf = () =>
    banner.evaluate((el) => {
      const style = getComputedStyle(el);
      return { image: style.backgroundImage, size: style.backgroundSize, position: style.backgroundPosition };
    });
  const before = await styleOf();
  await clickMenu(page, { menuItemId: 'hitpaw-photo:general_2x', srcUrl: image('demo-4.png') });

  await expect.poll(async () => (await styleOf()).image, { timeout: 60_000 }).not.toBe(before.image);
  const after = await styleOf();
  expect(after.image).not.toContain('demo-4.png');
  expect(after.image).toMatch(/^url\("https:\/\/[^"]+"\), linear-gradient\(/);
  expect(after.size).toBe('320px 200px, auto'); // the 640×400 result drawn at the original's size
  expect(after.position).toBe(before.position);
  const result = after.image.slice(5, after.image.indexOf('"', 5));
  const drawn = await page.evaluate(async (url) => {
    const img = new Image();
    img.src = url;
    await img.decode();
    return [img.naturalWidth, img.naturalHeight];
  }, result);
  expect(drawn).toEqual([640, 400]);
  await expect(page.locator('eip-markers button')).toHaveCount(1);

  const row = jobRow(await openPopup());
  await expect(row).toContainText('Replaced in the page');
  await row.getByRole('button', { name: 'Show original' }).click();
  await expect.poll(styleOf).toEqual(before);
});
