import { OSS_HOST } from '../emulator/hitpaw/oss';
import { expect, test } from './harness/fixtures';
import { expectNaturalSize, GALLERY, image, jobRow, submits } from './steps';

/**
 * HitPaw for images its servers cannot download: the bytes go through HitPaw's OSS upload (presign,
 * then a PUT to the storage host) and the job takes the access URL.
 */
const KEY = 'hp-upload-key-0001';
const presigns = (emulator: Parameters<typeof submits>[0]) =>
  emulator.journal.find({ host: 'api-base.hitpaw.com', path: '/api/oss/presign-put' });
const puts = (emulator: Parameters<typeof submits>[0]) =>
  emulator.journal.find({ host: OSS_HOST, method: 'PUT' });

test.beforeEach(async ({ emulator, setKey }) => {
  emulator.hitpaw.addKey(KEY, { coins: 500 });
  await setKey('hitpaw', KEY);
});

test('a data: image goes to HitPaw through its upload storage and comes back 2× in place', async ({
  context,
  emulator,
  clickMenu,
  openPopup,
}) => {
  const page = await context.newPage();
  await page.goto(GALLERY);
  const inline = (await page.locator('#inline').getAttribute('src'))!;
  await clickMenu(page, { menuItemId: 'hitpaw-photo:general_2x', srcUrl: inline });

  await expectNaturalSize(page, '#inline', 48, 32);
  await expect(page.locator('#inline')).toHaveAttribute('src', /^https:\/\/cdn\.example\.net\//);
  expect(presigns(emulator)).toHaveLength(1);
  expect(presigns(emulator)[0]!.body).toMatchObject({ filename: 'image.png', content_type: 'image/png' });
  expect(puts(emulator)).toHaveLength(1);
  const put = puts(emulator)[0]!;
  expect([put.status, put.headers['content-type'], put.headers['apikey']]).toEqual([
    200,
    'image/png',
    undefined,
  ]);
  const [upload] = emulator.hitpaw.uploads();
  expect(submits(emulator)).toHaveLength(1);
  expect(submits(emulator)[0]!.body).toMatchObject({
    img_url: `https://cdn.example.net/${upload!.key}`,
    extension: '.png',
  });
  const popup = await openPopup();
  await expect(jobRow(popup)).toContainText('Done');
});

test('"Invalid URL" from HitPaw: the image is read, uploaded and submitted once more, then replaced', async ({
  context,
  emulator,
  clickMenu,
}) => {
  emulator.hitpaw.inject('/api/photo-enhancer', {
    status: 400,
    body: { error_code: 100400001, message: 'Invalid URL' },
  });
  const page = await context.newPage();
  await page.goto(GALLERY);
  await clickMenu(page, { menuItemId: 'hitpaw-photo:general_2x', srcUrl: image('photo.jpg') });

  await expectNaturalSize(page, '#photo', 400, 300);
  const sent = submits(emulator);
  expect(sent.map((s) => s.status)).toEqual([400, 200]); // one refused by URL, one successful submit
  expect(sent[0]!.body).toMatchObject({ img_url: image('photo.jpg') });
  expect(presigns(emulator)).toHaveLength(1);
  expect(puts(emulator)).toHaveLength(1);
  expect(sent[1]!.body).toMatchObject({
    img_url: `https://cdn.example.net/${emulator.hitpaw.uploads()[0]!.key}`,
  });
  expect(emulator.hitpaw.jobs()).toHaveLength(1);
});
