import { expect, test } from './harness/fixtures';
import { expectNaturalSize, GALLERY, image, jobRow, menuHas } from './steps';

const KEY = 'sk_live_e2e_0001';
const API = 'api.enhancecraft.com';
const uploads = (emulator: { journal: { find(q: object): unknown[] } }) =>
  emulator.journal.find({ host: API, path: '/api/v1/upload/api' });
const creates = (emulator: { journal: { find(q: object): { body: unknown }[] } }) =>
  emulator.journal.find({ host: API, method: 'POST', path: '/api/v1/jobs/api' });

test.beforeEach(async ({ emulator, setKey }) => {
  emulator.enhancecraft.addKey(KEY, { credits: 100 });
  await setKey('enhancecraft', KEY);
});

test('EnhanceCraft 2×: upload, job, result downloaded with the key and shown in place', async ({
  context,
  emulator,
  clickMenu,
  openPopup,
}) => {
  const page = await context.newPage();
  await page.goto(GALLERY);
  await clickMenu(page, { menuItemId: 'enhancecraft:enhance-2x', srcUrl: image('photo.jpg') });

  await expectNaturalSize(page, '#photo', 400, 300);
  // The key never reaches the page: the result arrives as bytes and the page makes its own blob: URL.
  await expect(page.locator('#photo')).toHaveAttribute('src', /^blob:https:\/\/gallery\.example\.org\//);
  expect(uploads(emulator)).toHaveLength(1);
  expect(creates(emulator)).toHaveLength(1);
  expect(creates(emulator)[0]!.body).toMatchObject({
    operations: [{ type: 'enhance', params: { scale: 2 } }],
  });
  for (const entry of emulator.journal.all()) {
    const auth = entry.headers['authorization'];
    if (auth) expect(entry.host).toBe(API); // the key goes only to its provider's host
  }
  const popup = await openPopup();
  await expect(jobRow(popup, 'EnhanceCraft · Upscale 2×')).toContainText('Done');
});

test('images a cloud link could not reach still work, because EnhanceCraft takes the bytes', async ({
  context,
  emulator,
  clickMenu,
}) => {
  const page = await context.newPage();
  await page.goto(GALLERY);
  const inline = (await page.locator('#inline').getAttribute('src'))!;
  await clickMenu(page, { menuItemId: 'enhancecraft:enhance-2x', srcUrl: inline }); // data: — read by the page
  await clickMenu(page, {
    menuItemId: 'enhancecraft:convert-png',
    srcUrl: 'https://photos.example.com/images/remote.jpg',
  });
  await expectNaturalSize(page, '#inline', 48, 32);
  await expectNaturalSize(page, '#remote', 180, 120);
  expect(uploads(emulator)).toHaveLength(2);
  expect(emulator.enhancecraft.credits(KEY)).toBe(99); // convert is free, the upscale cost one credit
});

test('a pipeline built in Options appears in the menu and runs its steps in order', async ({
  context,
  emulator,
  openOptions,
  worker,
  clickMenu,
}) => {
  const options = await openOptions();
  await options.getByLabel('Pipeline name').fill('Crisp web copy');
  await expect(options.getByLabel('Step 1 Scale')).toHaveValue('2'); // each setting is a form field
  await options.getByRole('button', { name: 'Add step' }).click();
  await options.getByLabel('Step 2 operation').selectOption('convert');
  await options.getByLabel('Step 2 Output format').selectOption('webp');
  await options.getByLabel('Step 2 Quality').fill('500');
  await options.getByRole('button', { name: 'Save pipeline' }).click();
  await expect(options.getByRole('alert', { name: 'Pipeline problems' })).toContainText(
    'Step 2 (convert): quality',
  );
  await options.getByLabel('Step 2 Quality').fill('80');
  await options.getByRole('button', { name: 'Save pipeline' }).click();
  await expect(options.getByRole('list', { name: 'Saved pipelines' })).toContainText('Crisp web copy');

  const id = await options.evaluate(async () => {
    const { enhancecraftPipelines } = (await chrome.storage.local.get('enhancecraftPipelines')) as {
      enhancecraftPipelines: { id: string }[];
    };
    return `enhancecraft:pipeline-${enhancecraftPipelines[0]!.id}`;
  });
  const sw = await worker();
  await expect.poll(() => menuHas(sw, id)).toBe(true);

  const page = await context.newPage();
  await page.goto(GALLERY);
  await clickMenu(page, { menuItemId: id, srcUrl: image('photo.jpg') });
  await expectNaturalSize(page, '#photo', 400, 300);
  expect(creates(emulator)[0]!.body).toMatchObject({
    operations: [
      { type: 'enhance', params: { scale: 2 } },
      { type: 'convert', params: { output_format: 'webp', quality: 80 } },
    ],
  });
  const type = await page
    .locator('#photo')
    .evaluate(async (img: HTMLImageElement) => (await fetch(img.src)).blob().then((b) => b.type));
  expect(type).toBe('image/webp');
});

test('worker killed mid-job: the EnhanceCraft job completes once', async ({
  context,
  emulator,
  clickMenu,
  killWorker,
}) => {
  const page = await context.newPage();
  await page.goto(GALLERY);
  await clickMenu(page, { menuItemId: 'enhancecraft:enhance-2x', srcUrl: image('photo.jpg') });
  await expect.poll(() => creates(emulator).length).toBe(1);
  await killWorker(page);
  await expectNaturalSize(page, '#photo', 400, 300);
  expect(creates(emulator)).toHaveLength(1);
  expect(uploads(emulator)).toHaveLength(1);
});
