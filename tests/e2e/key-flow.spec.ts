import type { BrowserContext, Page } from '@playwright/test';
import { expect, test } from './harness/fixtures';
import { expectNaturalSize, GALLERY, image, submits } from './steps';

const KEY = 'hp-key-flow-0001';

/** The Options tab the background opens by itself for a missing key. */
function nextOptionsTab(context: BrowserContext): Promise<Page> {
  return context.waitForEvent('page', { predicate: (p) => p.url().includes('/options.html?missing=') });
}

const hitpawForm = (options: Page) =>
  options.locator('form').filter({ has: options.getByLabel('HitPaw API key') });

test('no HitPaw key: the menu item opens Options at the key; once saved, "Run General 2× now" replaces the clicked image at 2×', async ({
  context,
  emulator,
  clickMenu,
}) => {
  emulator.hitpaw.addKey(KEY, { coins: 1000 });
  const page = await context.newPage();
  await page.goto(GALLERY);

  const opened = nextOptionsTab(context);
  await clickMenu(page, { menuItemId: 'hitpaw-photo:general_2x', srcUrl: image('photo.jpg') });
  const options = await opened;

  // Options says what is missing, for what, and that nothing was sent; the key field has the focus.
  const banner = options.getByRole('alert');
  await expect(banner).toContainText(
    'Add your HitPaw API key to use “General 2×”. Nothing was sent anywhere.',
  );
  await expect(options.getByLabel('HitPaw API key')).toBeFocused();
  const form = hitpawForm(options);
  await expect(form.getByRole('link', { name: 'Get a HitPaw key' })).toHaveAttribute(
    'href',
    'https://platform.hitpaw.com/',
  );
  await expect(form.getByRole('link', { name: 'HitPaw prices' })).toHaveAttribute(
    'href',
    'https://developer.hitpaw.com/get-started/pricing',
  );
  await expect(banner.getByRole('button', { name: 'Use On device instead' })).toBeVisible();
  await expect(banner).toContainText('On device Upscale 2×, free');
  expect(submits(emulator)).toHaveLength(0);

  // Typing the key and saving it: the banner goes, the run is offered.
  await options.getByLabel('HitPaw API key').fill(KEY);
  await form.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(options.getByText('Add your HitPaw API key')).toHaveCount(0);
  await expect(options.getByRole('button', { name: 'Use On device instead' })).toHaveCount(0);
  const run = options.getByRole('button', { name: 'Run General 2× now' });
  await run.click();
  await expect(options.getByRole('status').first()).toContainText('Started on the image you clicked');

  await expectNaturalSize(page, '#photo', 400, 300);
  const sent = submits(emulator);
  expect(sent).toHaveLength(1);
  expect(sent[0]!.body).toMatchObject({ model_name: 'general_2x', img_url: image('photo.jpg') });
  expect(sent[0]!.headers['apikey']).toBe(KEY);
  await expect(run).toHaveCount(0); // one click, one run

  // Test key: HitPaw's API tells no balance, so Options says where HitPaw shows it; nothing is charged.
  await form.getByRole('button', { name: 'Test key' }).click();
  await expect(form.getByText('The key works.')).toBeVisible();
  await expect(form.getByRole('link', { name: 'see it on platform.hitpaw.com' })).toBeVisible();
  expect(emulator.hitpaw.jobs()).toHaveLength(1);
});

test('Test key shows the TensorPix balance from its documented balance call', async ({
  emulator,
  openOptions,
}) => {
  emulator.tensorpix.addKey('tp-key-flow-0001', { credits: 250.5 });
  const options = await openOptions();
  const field = options.getByLabel('TensorPix API key');
  const form = options.locator('form').filter({ has: field });
  await field.fill('tp-key-flow-0001');
  await form.getByRole('button', { name: 'Test key' }).click();
  await expect(form.getByText('The key works. Balance: 250.5 credits.')).toBeVisible();
  const calls = emulator.journal.find({ host: 'backend.tensorpix.ai' });
  expect(calls.map((c) => `${c.method} ${c.path}`)).toEqual(['GET /api/accounts/profile/balance/']);
  expect(emulator.tensorpix.jobs()).toHaveLength(0);
});

test('a tab that shows another page by the time the key is saved runs nothing, and Options says why', async ({
  context,
  emulator,
  clickMenu,
}) => {
  emulator.hitpaw.addKey(KEY, { coins: 1000 });
  const page = await context.newPage();
  await page.goto(GALLERY);
  const opened = nextOptionsTab(context);
  await clickMenu(page, { menuItemId: 'hitpaw-photo:general_2x', srcUrl: image('photo.jpg') });
  const options = await opened;
  await page.goto('https://photos.example.com/');

  await options.getByLabel('HitPaw API key').fill(KEY);
  await hitpawForm(options).getByRole('button', { name: 'Save', exact: true }).click();
  await options.getByRole('button', { name: 'Run General 2× now' }).click();
  await expect(options.getByRole('alert')).toContainText('That tab shows another page now');
  expect(submits(emulator)).toHaveLength(0);
});

test('"Use On device instead" upscales the clicked image 2× in this browser, with no key and nothing sent to HitPaw', async ({
  context,
  emulator,
  clickMenu,
}) => {
  const page = await context.newPage();
  await page.goto(GALLERY);
  const opened = nextOptionsTab(context);
  await clickMenu(page, { menuItemId: 'hitpaw-photo:general_2x', srcUrl: image('photo.jpg') });
  const options = await opened;

  await options.getByRole('button', { name: 'Use On device instead' }).click();
  await expect(options.getByRole('status').first()).toContainText('Started on the image you clicked');
  await expectNaturalSize(page, '#photo', 400, 300);
  expect(emulator.journal.find({ host: 'api-base.hitpaw.com' })).toHaveLength(0);
});
