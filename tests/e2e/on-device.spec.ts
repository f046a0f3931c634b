import { expect, test } from './harness/fixtures';
import { expectNaturalSize, GALLERY, image, jobRow } from './steps';

test('On device, with no key: a data: image and a same-origin image are upscaled 2× in place, nothing sent', async ({
  context,
  emulator,
  clickMenu,
  openPopup,
  openOptions,
}) => {
  const page = await context.newPage();
  await page.goto(GALLERY);
  await expectNaturalSize(page, '#photo', 200, 150);
  const before = emulator.journal.all().length;
  const outside: string[] = [];
  context.on('request', (request) => {
    const url = request.url();
    if (!/^(chrome-extension|data|blob):/.test(url)) outside.push(url);
  });

  const inline = (await page.locator('#inline').getAttribute('src'))!;
  await clickMenu(page, { menuItemId: 'on-device:upscale-2x', srcUrl: inline });
  await expectNaturalSize(page, '#inline', 48, 32);
  await clickMenu(page, { menuItemId: 'on-device:upscale-2x', srcUrl: image('photo.jpg') });
  await expectNaturalSize(page, '#photo', 400, 300);
  await expect(page.locator('#photo')).toHaveAttribute('src', /^blob:https:\/\/gallery\.example\.org\//);

  const popup = await openPopup();
  await expect(jobRow(popup, 'On device · Upscale 2×')).toHaveCount(2);
  await expect(jobRow(popup, 'On device · Upscale 2×').first()).toContainText('Done');
  // Nothing left the browser: the page already had its image, and no provider host was asked anything.
  expect(
    emulator.journal
      .all()
      .slice(before)
      .filter((entry) => entry.host !== 'gallery.example.org'),
  ).toEqual([]);
  expect(outside.filter((url) => !url.startsWith(GALLERY))).toEqual([]);

  // Options names the backend the engine chose (WebGPU and WebGL are software-only here, so WebAssembly).
  const options = await openOptions();
  await expect(options.getByLabel('On-device engine backend')).toContainText('WebAssembly');
});

test('an on-device job can be cancelled mid-way: nothing is replaced, the next job still runs', async ({
  context,
  clickMenu,
  openPopup,
}) => {
  const page = await context.newPage();
  await page.goto('https://gallery.example.org/demo.html');
  await expectNaturalSize(page, '#dawn', 480, 320);
  const popup = await openPopup();
  await clickMenu(page, { menuItemId: 'on-device:upscale-4x', srcUrl: image('demo-1.jpg') });

  const row = jobRow(popup, 'On device · Upscale 4×');
  // Determinate progress: tiles done / tiles total.
  await expect(row.getByRole('progressbar')).toHaveAttribute('aria-valuenow', /^[1-9]\d*$/, {
    timeout: 60_000,
  });
  await row.getByRole('button', { name: 'Cancel' }).click();
  await expect(row).toContainText('Canceled');

  // The engine runs one job at a time, in order: once the next one is done, the cancelled one is settled.
  await clickMenu(page, { menuItemId: 'on-device:upscale-2x', srcUrl: image('demo-4.png') });
  await expectNaturalSize(page, '#badge', 640, 400);
  await expectNaturalSize(page, '#dawn', 480, 320);
  await expect(page.locator('#dawn')).toHaveAttribute('src', '/images/demo-1.jpg');
  await expect(row).toContainText('Canceled');
});
