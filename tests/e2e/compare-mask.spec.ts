import type { Page } from '@playwright/test';
import sharp from 'sharp';
import { expect, test } from './harness/fixtures';
import { expectNaturalSize, GALLERY, image, jobRow } from './steps';

const KEY = 'sk_live_e2e_mask_0001';
const API = 'api.enhancecraft.com';

test.beforeEach(async ({ emulator, setKey }) => {
  emulator.enhancecraft.addKey(KEY, { credits: 100 });
  await setKey('enhancecraft', KEY);
});

/** Which of the two pictures a person sees at a point of the stage (above the handle, which sits mid-height). */
async function seenAt(viewer: Page, xShare: number, yShare = 0.25) {
  const stage = (await viewer.locator('.compare-stage').boundingBox())!;
  return viewer.evaluate(
    ([x, y]) => (document.elementFromPoint(x!, y!) as HTMLImageElement | null)?.alt ?? null,
    [stage.x + stage.width * xShare, stage.y + stage.height * yShare],
  );
}

/** The width of the original's layer a person sees: the stage width minus what its clip hides. */
async function originalShown(viewer: Page) {
  return viewer.getByTestId('compare-before').evaluate((layer) => {
    const right = /inset\(0(?:px)? ([\d.]+)%/.exec(getComputedStyle(layer).clipPath)?.[1];
    return layer.clientWidth * (1 - Number(right) / 100);
  });
}

test('the viewer compares result and original on a slider: same size, drag, keys, 100 % and pan', async ({
  context,
  clickMenu,
  openPopup,
}) => {
  const page = await context.newPage();
  await page.goto(GALLERY);
  await clickMenu(page, { menuItemId: 'enhancecraft:enhance-2x', srcUrl: image('photo.jpg') });
  await expectNaturalSize(page, '#photo', 400, 300);

  const popup = await openPopup();
  const row = jobRow(popup, 'EnhanceCraft · Upscale 2×');
  await expect(row).toContainText('Done');
  const [viewer] = await Promise.all([
    context.waitForEvent('page'),
    row.getByRole('button', { name: 'Open' }).click(),
  ]);
  // A narrow window: the 400×300 result is shown smaller than its pixels until "100 %".
  await viewer.setViewportSize({ width: 360, height: 700 });
  const result = viewer.getByRole('img', { name: 'Result' });
  const original = viewer.getByRole('img', { name: 'Original' });
  await expect(result).toHaveJSProperty('naturalWidth', 400);
  await expect(original).toHaveJSProperty('naturalWidth', 200);

  // Both at the same displayed size: the 200×150 original is scaled up to the result's.
  await expect.poll(async () => (await result.boundingBox())?.width).toBe(320);
  const [r, o] = [(await result.boundingBox())!, (await original.boundingBox())!];
  expect([o.x, o.y, o.width, o.height]).toEqual([r.x, r.y, r.width, r.height]);
  expect(r.height).toBe(240);

  // The divider starts in the middle: the original on the left, the result on the right.
  const slider = viewer.getByRole('slider');
  await expect(slider).toHaveAttribute('aria-valuenow', '50');
  expect(await originalShown(viewer)).toBeCloseTo(160, 0);
  expect([await seenAt(viewer, 0.3), await seenAt(viewer, 0.7)]).toEqual(['Original', 'Result']);

  // Dragging the divider to a fifth of the width shows the result from there on.
  const handle = (await slider.boundingBox())!;
  await viewer.mouse.move(handle.x + handle.width / 2, handle.y + handle.height / 2);
  await viewer.mouse.down();
  await viewer.mouse.move(r.x + r.width * 0.2, handle.y + handle.height / 2, { steps: 5 });
  await viewer.mouse.up();
  // (the stage's 1-px border puts the image a pixel in from the stage's edge: 20.2 %)
  await expect.poll(async () => Number(await slider.getAttribute('aria-valuenow'))).toBeCloseTo(20, 0);
  expect(await originalShown(viewer)).toBeCloseTo(65, -1);
  expect([await seenAt(viewer, 0.1), await seenAt(viewer, 0.3)]).toEqual(['Original', 'Result']);

  // The keyboard moves it too: Home/End to the ends, arrows by 1, Shift+arrow and Page keys by 10.
  await slider.focus();
  await viewer.keyboard.press('Home');
  await expect(slider).toHaveAttribute('aria-valuenow', '0');
  expect(await seenAt(viewer, 0.05)).toBe('Result');
  await viewer.keyboard.press('ArrowRight');
  await viewer.keyboard.press('ArrowRight');
  await expect(slider).toHaveAttribute('aria-valuenow', '2');
  await viewer.keyboard.press('ArrowLeft');
  await expect(slider).toHaveAttribute('aria-valuenow', '1');
  await viewer.keyboard.press('Shift+ArrowRight');
  await expect(slider).toHaveAttribute('aria-valuenow', '11');
  await viewer.keyboard.press('PageUp');
  await expect(slider).toHaveAttribute('aria-valuenow', '21');
  await viewer.keyboard.press('End');
  await expect(slider).toHaveAttribute('aria-valuenow', '100');
  expect(await seenAt(viewer, 0.95)).toBe('Original');
  await viewer.keyboard.press('PageDown');
  await expect(slider).toHaveAttribute('aria-valuenow', '90');

  // 100 %: one CSS pixel per result pixel, both pictures; dragging the picture pans them together.
  await viewer.getByRole('button', { name: '100 %' }).click();
  await expect(viewer.getByRole('button', { name: '100 %' })).toHaveAttribute('aria-pressed', 'true');
  await expect.poll(async () => (await result.boundingBox())?.width).toBe(400);
  expect((await original.boundingBox())!.width).toBe(400);
  const before = (await result.boundingBox())!;
  const stage = (await viewer.locator('.compare-stage').boundingBox())!;
  await viewer.mouse.move(stage.x + stage.width * 0.6, stage.y + stage.height * 0.5);
  await viewer.mouse.down();
  await viewer.mouse.move(stage.x + stage.width * 0.6 + 30, stage.y + stage.height * 0.5 + 20, { steps: 4 });
  await viewer.mouse.up();
  await expect.poll(async () => (await result.boundingBox())!.x).not.toBe(before.x);
  const panned = (await result.boundingBox())!;
  const pannedOriginal = (await original.boundingBox())!;
  expect([pannedOriginal.x, pannedOriginal.y]).toEqual([panned.x, panned.y]);
  // The picture still covers the stage: it never leaves a gap at an edge.
  expect(panned.x).toBeLessThanOrEqual(stage.x + 1);
  expect(panned.x + panned.width).toBeGreaterThanOrEqual(stage.x + stage.width - 1);
  await expect(slider).toHaveAttribute('aria-valuenow', '90'); // panning left the divider alone
});

test('Remove object…: paint a mask in the viewer, one EnhanceCraft job carries it, the page image is replaced', async ({
  context,
  emulator,
  clickMenu,
}) => {
  emulator.enhancecraft.configure({ maskSize: 'exact' }); // a mask of another size would fail the job
  const page = await context.newPage();
  await page.goto(GALLERY);
  const original = await page.locator('#photo').getAttribute('src');
  const [editor] = await Promise.all([
    context.waitForEvent('page'),
    clickMenu(page, { menuItemId: 'enhancecraft:remove-object', srcUrl: image('photo.jpg') }),
  ]);
  await expect(editor).toHaveURL(/\/viewer\.html\?mask=enhancecraft%3Aremove-object&/);
  await expect(editor.getByRole('heading')).toHaveText('EnhanceCraft · Remove object…');
  const canvas = editor.getByLabel('Mask: paint over what to remove');
  await expect(editor.getByRole('img', { name: 'Image to mask' })).toHaveJSProperty('naturalWidth', 200);

  // Nothing drawn yet: a readable refusal, and nothing leaves the browser.
  await editor.getByRole('button', { name: 'Remove' }).click();
  await expect(editor.getByRole('alert')).toHaveText(
    'Nothing is marked yet: paint over what to remove, then press Remove.',
  );
  expect(emulator.journal.find({ host: API, path: '/api/v1/upload/api' })).toHaveLength(0);

  // One stroke with the mouse, from (40, 40) to (140, 100) in the image's own pixels (shown 1:1 here).
  const box = (await canvas.boundingBox())!;
  expect([box.width, box.height]).toEqual([200, 150]);
  await editor.mouse.move(box.x + 40, box.y + 40);
  await editor.mouse.down();
  await editor.mouse.move(box.x + 140, box.y + 100, { steps: 10 });
  await editor.mouse.up();
  await editor.getByRole('button', { name: 'Remove' }).click();
  await expect(editor.getByRole('status')).toContainText('Sent.');

  // The page image is replaced by the result, at the image's size.
  await expect(page.locator('#photo')).toHaveAttribute('src', /^blob:https:\/\/gallery\.example\.org\//, {
    timeout: 60_000,
  });
  await expectNaturalSize(page, '#photo', 200, 150);
  expect(original).toBe('/images/photo.jpg');

  // Exactly one job, whose one step carries the mask: a PNG the image's size, white along the stroke.
  const creates = emulator.journal.find({ host: API, method: 'POST', path: '/api/v1/jobs/api' });
  expect(creates).toHaveLength(1);
  expect(emulator.journal.find({ host: API, path: '/api/v1/upload/api' })).toHaveLength(1);
  const body = creates[0]!.body as { operations: { type: string; params: { mask_data_url: string } }[] };
  expect(body.operations.map((o) => o.type)).toEqual(['remove-object']);
  const url = body.operations[0]!.params.mask_data_url;
  expect(url).toMatch(/^data:image\/png;base64,/);
  const png = Buffer.from(url.slice(url.indexOf(',') + 1), 'base64');
  const { data, info } = await sharp(png).extractChannel(0).raw().toBuffer({ resolveWithObject: true });
  expect([info.width, info.height]).toEqual([200, 150]);
  const at = (x: number, y: number) => data[y * info.width + x];
  expect([at(40, 40), at(90, 70), at(140, 100)]).toEqual([255, 255, 255]);
  expect([at(5, 5), at(190, 10), at(20, 140)]).toEqual([0, 0, 0]);
});

test('a cut-out is compared over the backdrop chosen in Options; a new choice repaints it', async ({
  context,
  emulator,
  setKey,
  clickMenu,
  openPopup,
  openOptions,
}) => {
  emulator.hitpaw.addKey('hp-compare-key-0001', { coins: 500 });
  await setKey('hitpaw', 'hp-compare-key-0001');
  const page = await context.newPage();
  await page.goto('https://gallery.example.org/portrait.html');
  await clickMenu(page, {
    menuItemId: 'hitpaw-segmentation:matting',
    srcUrl: 'https://gallery.example.org/images/demo-4.png',
  });
  const popup = await openPopup();
  const row = jobRow(popup, 'HitPaw · Remove background');
  await expect(row).toContainText('Done', { timeout: 60_000 });
  const [viewer] = await Promise.all([
    context.waitForEvent('page'),
    row.getByRole('button', { name: 'Open' }).click(),
  ]);
  const result = viewer.getByRole('img', { name: 'Result' });
  const original = viewer.getByRole('img', { name: 'Original' });
  await expect(result).toHaveJSProperty('naturalWidth', 320);
  // Default: the checkerboard behind the cut-out only; the original is shown as it is.
  await expect(result).toHaveCSS('background-image', /conic-gradient/);
  await expect(original).toHaveCSS('background-image', 'none');
  const options = await openOptions();
  await options.getByLabel('Background behind cut-outs').selectOption('white');
  await expect(result).toHaveCSS('background-color', 'rgb(255, 255, 255)');
  await expect(result).toHaveCSS('background-image', 'none');
});
