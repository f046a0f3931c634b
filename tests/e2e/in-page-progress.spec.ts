import type { Page } from '@playwright/test';
import { expect, test } from './harness/fixtures';
import { expectNaturalSize, expectVideoSize, GALLERY, image, jobRow, parkVideo } from './steps';

/**
 * What a person sees in the page while and after a job runs: a small ring on the clicked picture (a
 * percentage where the provider measures its work), then "Enhanced — Show original · Compare", and the
 * compare slider over the replaced picture itself. And the viewer's compare of a video job: two players
 * at the same time position.
 */
const HITPAW_KEY = 'e2e-key-in-page';
const TENSORPIX_KEY = 'tp-key-in-page';

test.beforeEach(async ({ emulator, setKey }) => {
  emulator.hitpaw.addKey(HITPAW_KEY, { coins: 1000 });
  await setKey('hitpaw', HITPAW_KEY);
});

const ringsIn = (page: Page) => page.locator('eip-progress').getByRole('progressbar');
const failedRing = (page: Page) => page.locator('eip-progress').getByRole('img', { name: /failed/ });
/** The notice of the finished job (the start notice, "Enhancing with …", is another toast). */
const doneNotice = (page: Page) =>
  page
    .locator('eip-notices')
    .getByRole('status')
    .filter({ has: page.getByRole('button', { name: 'Compare' }) });
const slider = (page: Page) => page.locator('eip-compare').getByRole('slider');

/** Which layer of the overlay a person sees at a point of the picture (x, y as shares of its box). */
async function seenAt(page: Page, xShare: number, yShare = 0.3) {
  const box = (await page.locator('eip-compare').getByRole('group').boundingBox())!;
  return page.evaluate(
    ([x, y]) => {
      const hit = document.querySelector('eip-compare')!.shadowRoot!.elementFromPoint(x!, y!);
      return hit?.getAttribute('alt') ?? hit?.className ?? null;
    },
    [box.x + box.width * xShare, box.y + box.height * yShare],
  );
}

/** The share (percent) of the picture's width where the original shows: what its layer's clip leaves. */
async function originalShare(page: Page) {
  return page.evaluate(() => {
    const layer = document.querySelector('eip-compare')!.shadowRoot!.querySelector('.before')!;
    const right = /inset\(0(?:px)? ([\d.]+)%/.exec(getComputedStyle(layer).clipPath)?.[1];
    return 100 - Number(right);
  });
}

test('a ring on the picture while the job runs, then "Enhanced — Show original · Compare" and the slider', async ({
  context,
  emulator,
  clickMenu,
}) => {
  emulator.hitpaw.forceNextDuration(4000); // long enough to be seen, whatever the poll plan
  const page = await context.newPage();
  await page.goto(GALLERY);
  const photo = (await page.locator('#photo').boundingBox())!;

  await clickMenu(page, { menuItemId: 'hitpaw-photo:general_2x', srcUrl: image('photo.jpg') });

  // HitPaw's steps are no measure of the work: the ring spins, with no value, on the photo's top-right.
  const ring = ringsIn(page);
  await expect(ring).toHaveCount(1);
  await expect(ring).toBeVisible();
  await expect(ring).toHaveAccessibleName('Enhancing this picture');
  await expect(ring).not.toHaveAttribute('aria-valuenow');
  const spot = (await ring.boundingBox())!;
  expect(spot.x + spot.width).toBeLessThanOrEqual(photo.x + photo.width);
  expect(spot.x).toBeGreaterThan(photo.x + photo.width / 2);
  expect(spot.y).toBeGreaterThanOrEqual(photo.y);
  expect(spot.y + spot.height).toBeLessThan(photo.y + photo.height / 2);
  // It never takes the pointer: what is under it is the page's photo.
  const hit = await page.evaluate(
    ([x, y]) => document.elementFromPoint(x!, y!)?.id,
    [spot.x + spot.width / 2, spot.y + spot.height / 2],
  );
  expect(hit).toBe('photo');

  await expectNaturalSize(page, '#photo', 400, 300);
  await expect(ringsIn(page)).toHaveCount(0);
  await expect(page.locator('eip-progress')).toHaveCount(0);
  const notice = doneNotice(page);
  await expect(notice).toContainText('Enhanced — Show original · Compare');

  // Show original flips the photo back to the page's own file, and back again.
  await notice.getByRole('button', { name: 'Show original' }).click();
  await expectNaturalSize(page, '#photo', 200, 150);
  await expect(page.locator('#photo')).toHaveAttribute('src', '/images/photo.jpg');
  await expect(notice).toContainText('Original — Show enhanced · Compare');
  await notice.getByRole('button', { name: 'Show enhanced' }).click();
  await expectNaturalSize(page, '#photo', 400, 300);

  // Compare: the original over the photo at its displayed size, left of a divider in the middle.
  await notice.getByRole('button', { name: 'Compare' }).click();
  await expect(slider(page)).toBeFocused();
  await expect(slider(page)).toHaveAttribute('aria-valuenow', '50');
  expect(await page.locator('eip-compare').getByRole('group').boundingBox()).toEqual(photo);
  expect(await originalShare(page)).toBe(50);
  expect([await seenAt(page, 0.25), await seenAt(page, 0.75)]).toEqual(['Original', 'stage']);

  // Dragging the divider to a fifth of the width: the original shows only left of it.
  const handle = (await slider(page).boundingBox())!;
  await page.mouse.move(handle.x + handle.width / 2, handle.y + handle.height / 2);
  await page.mouse.down();
  await page.mouse.move(photo.x + photo.width * 0.2, handle.y + handle.height / 2, { steps: 5 });
  await page.mouse.up();
  await expect.poll(async () => Number(await slider(page).getAttribute('aria-valuenow'))).toBeCloseTo(20, 0);
  expect(await originalShare(page)).toBeCloseTo(20, 0);
  expect([await seenAt(page, 0.1), await seenAt(page, 0.3)]).toEqual(['Original', 'stage']);

  // The keys move it too: End, then an arrow back by one, Shift+arrow by ten, Home.
  await page.keyboard.press('End');
  await expect(slider(page)).toHaveAttribute('aria-valuenow', '100');
  expect(await seenAt(page, 0.95)).toBe('Original');
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('Shift+ArrowLeft');
  await expect(slider(page)).toHaveAttribute('aria-valuenow', '89');
  expect(await originalShare(page)).toBe(89);
  await page.keyboard.press('Home');
  await expect(slider(page)).toHaveAttribute('aria-valuenow', '0');
  expect(await seenAt(page, 0.05)).toBe('stage');

  // Esc closes it and the page's photo is the result, untouched.
  await page.keyboard.press('Escape');
  await expect(page.locator('eip-compare')).toHaveCount(0);
  await expectNaturalSize(page, '#photo', 400, 300);
});

test('a failed job: the ring says so, then goes; no "Enhanced" notice', async ({
  context,
  emulator,
  clickMenu,
}) => {
  emulator.hitpaw.configure({ pollsPerStep: 2 });
  emulator.hitpaw.forceNextOutcome('ERROR');
  const page = await context.newPage();
  await page.goto(GALLERY);
  await clickMenu(page, { menuItemId: 'hitpaw-photo:general_2x', srcUrl: image('photo.jpg') });
  await expect(ringsIn(page)).toHaveCount(1);
  await expect(failedRing(page)).toBeVisible({ timeout: 60_000 });
  await expect(failedRing(page)).toHaveText('!');
  await expect(page.locator('eip-progress')).toHaveCount(0, { timeout: 10_000 });
  await expect(doneNotice(page)).toHaveCount(0);
  await expect(page.locator('#photo')).toHaveJSProperty('naturalWidth', 200);
});

test('TensorPix: the ring shows its percentage on the video; the viewer compares two players in step', async ({
  context,
  emulator,
  setKey,
  clickMenu,
  openPopup,
}) => {
  test.setTimeout(180_000); // TensorPix's emulated job is paced by its ETA: most of a minute
  emulator.tensorpix.addKey(TENSORPIX_KEY, { credits: 1000 });
  await setKey('tensorpix', TENSORPIX_KEY);
  const page = await context.newPage();
  await page.goto('https://gallery.example.org/video.html');
  await parkVideo(page, '#clip', 1);
  const popup = await openPopup();
  await clickMenu(page, {
    menuItemId: 'tensorpix:upscale-2x',
    srcUrl: 'https://gallery.example.org/videos/tiny.mp4',
    mediaType: 'video',
  });

  // TensorPix measures its progress: the ring carries the number, as text and as the bar's value.
  const ring = ringsIn(page);
  await expect(ring).toHaveAttribute('aria-valuenow', /^\d+$/, { timeout: 60_000 });
  const [shown, value] = await ring.evaluate((el) => [el.textContent, el.getAttribute('aria-valuenow')]);
  expect(shown).toBe(value);
  await expectVideoSize(page, '#clip', 320, 180);
  await expect(ringsIn(page)).toHaveCount(0);
  // A video has nothing to compare in place: the notice offers the original only.
  await expect(page.locator('eip-notices').getByRole('status').last()).toContainText(
    'Enhanced — Show original',
  );
  await expect(page.locator('eip-notices').getByRole('button', { name: 'Compare' })).toHaveCount(0);

  // The viewer's compare: original and result as two players, kept at the same time position.
  const row = jobRow(popup, 'TensorPix · Upscale 2×');
  await expect(row).toContainText('Done');
  const [viewer] = await Promise.all([
    context.waitForEvent('page'),
    row.getByRole('button', { name: 'Open' }).click(),
  ]);
  const result = viewer.getByLabel('Result', { exact: true });
  const original = viewer.getByLabel('Original', { exact: true });
  await expect(result).toHaveJSProperty('videoWidth', 320);
  await expect(original).toHaveJSProperty('videoWidth', 160);
  const duration = await result.evaluate((v: HTMLVideoElement) => v.duration);
  const times = () =>
    Promise.all([result, original].map((v) => v.evaluate((el: HTMLVideoElement) => el.currentTime)));

  for (const share of [0.6, 0.25]) {
    await viewer.getByRole('slider', { name: 'Time position' }).fill(String(duration * share));
    await expect.poll(async () => (await times())[0]).toBeCloseTo(duration * share, 1);
    await expect.poll(async () => Math.abs((await times())[0]! - (await times())[1]!)).toBeLessThan(0.05);
  }
  // Both on screen at once, one over the other at the same size.
  const [r, o] = [(await result.boundingBox())!, (await original.boundingBox())!];
  expect([o.x, o.y, o.width, o.height]).toEqual([r.x, r.y, r.width, r.height]);
  await expect(result).toBeVisible();
  await expect(original).toBeVisible();
});
