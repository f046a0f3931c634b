import type { BrowserContext, Page } from '@playwright/test';
import { availableParallelism } from 'node:os';
import sharp from 'sharp';
import { portraitSvg } from '../emulator/site/scenes';
import { expect, test } from './harness/fixtures';
import { alphaChannel, expectNaturalSize, GALLERY, image, jobRow, trafficFromNow } from './steps';

const LARGE_PAGE = 'https://gallery.example.org/large.html';

/**
 * The tile workers the offscreen document runs now, as Chrome lists them: the document's target is
 * attached through CDP (from any page's session) and asked to auto-attach its workers, which Chrome
 * reports, with their script URL, before it answers. Target ids, so a reused worker keeps its id.
 */
async function tileWorkers(context: BrowserContext, page: Page): Promise<string[]> {
  const cdp = await context.newCDPSession(page);
  try {
    const { targetInfos } = await cdp.send('Target.getTargets');
    const offscreen = targetInfos.find((t) => t.url.endsWith('/offscreen.html'));
    if (!offscreen) return [];
    const workers = new Set<string>();
    const answered = new Promise<void>((resolve) => {
      cdp.on('Target.receivedMessageFromTarget', ({ message }) => {
        const reply = JSON.parse(message) as {
          id?: number;
          method?: string;
          params?: { targetInfo: { targetId: string; type: string; url: string } };
        };
        const info = reply.params?.targetInfo;
        if (reply.method === 'Target.attachedToTarget' && info?.type === 'worker') {
          if (/\/tile-worker-[\w-]+\.js$/.test(info.url)) workers.add(info.targetId);
        }
        if (reply.id === 1) resolve();
      });
    });
    const { sessionId } = await cdp.send('Target.attachToTarget', {
      targetId: offscreen.targetId,
      flatten: false,
    });
    const params = { autoAttach: true, waitForDebuggerOnStart: false, flatten: false };
    await cdp.send('Target.sendMessageToTarget', {
      sessionId,
      message: JSON.stringify({ id: 1, method: 'Target.setAutoAttach', params }),
    });
    await answered;
    return [...workers].sort();
  } finally {
    await cdp.detach().catch(() => undefined);
  }
}

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
  const sent = trafficFromNow(context, emulator);

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
  expect(sent()).toEqual({ emulated: [], requests: [] });

  // Options names the backend the engine chose (WebGPU and WebGL are software-only here, so WebAssembly).
  const options = await openOptions();
  await expect(options.getByLabel('On-device engine backend')).toContainText('WebAssembly');
});

test('On device without a GPU, tiles run in parallel on tile workers, which the next job reuses', async ({
  context,
  clickMenu,
}) => {
  const page = await context.newPage();
  await page.goto(LARGE_PAGE);
  await expectNaturalSize(page, '#badge', 320, 200);
  // 320×200 is two 256-px tiles. An upscale starts one tile worker per core (at most 8; this machine has
  // 2), each loading the model, and deals the tiles to those running.
  await clickMenu(page, { menuItemId: 'on-device:upscale-2x', srcUrl: image('demo-4.png') });
  await expectNaturalSize(page, '#badge', 640, 400);
  const workers = await tileWorkers(context, page);
  expect(workers).toHaveLength(Math.min(8, availableParallelism()));

  // The next job, one tile, runs on a worker already started: no new worker, none ended.
  const gallery = await context.newPage();
  await gallery.goto(GALLERY);
  await clickMenu(gallery, { menuItemId: 'on-device:upscale-2x', srcUrl: image('photo.jpg') });
  await expectNaturalSize(gallery, '#photo', 400, 300);
  expect(await tileWorkers(context, gallery)).toEqual(workers);
});

test('an on-device job can be cancelled mid-way: nothing is replaced, the next job still runs', async ({
  context,
  clickMenu,
  openPopup,
}) => {
  const page = await context.newPage();
  await page.goto(LARGE_PAGE);
  await expectNaturalSize(page, '#large', 2000, 1500);
  const popup = await openPopup();
  await clickMenu(page, { menuItemId: 'on-device:upscale-4x', srcUrl: image('large.jpg') });

  const row = jobRow(popup, 'On device · Upscale 4×');
  // Determinate progress: tiles done / tiles total (48 here, so there is time to cancel).
  await expect(row.getByRole('progressbar')).toHaveAttribute('aria-valuenow', /^[1-9]\d*$/, {
    timeout: 60_000,
  });
  await row.getByRole('button', { name: 'Cancel' }).click();
  await expect(row).toContainText('Canceled');

  // The engine runs one job at a time, in order: once the next one is done, the cancelled one is settled.
  await clickMenu(page, { menuItemId: 'on-device:upscale-2x', srcUrl: image('demo-4.png') });
  await expectNaturalSize(page, '#badge', 640, 400);
  await expectNaturalSize(page, '#large', 2000, 1500);
  await expect(page.locator('#large')).toHaveAttribute('src', '/images/large.jpg');
  await expect(row).toContainText('Canceled');
});

test('the worker killed mid-job: the on-device job goes on and its result still replaces the image', async ({
  context,
  clickMenu,
  killWorker,
  openPopup,
}) => {
  const page = await context.newPage();
  await page.goto(LARGE_PAGE);
  await expectNaturalSize(page, '#medium', 1000, 750);
  const popup = await openPopup();
  await clickMenu(page, { menuItemId: 'on-device:upscale-2x', srcUrl: image('medium.jpg') });
  const row = jobRow(popup, 'On device · Upscale 2×');
  await expect(row.getByRole('progressbar')).toHaveAttribute('aria-valuenow', /^[1-9]\d*$/, {
    timeout: 60_000,
  });
  await popup.close(); // an open extension page would keep waking the worker
  await killWorker(page);
  await expect(page.locator('#medium')).toHaveJSProperty('naturalWidth', 1000); // not done yet: mid-job
  // The engine lives in the offscreen document; its next event wakes the worker, which finishes the job.
  await expectNaturalSize(page, '#medium', 2000, 1500);
  const again = await openPopup();
  await expect(jobRow(again, 'On device · Upscale 2×')).toContainText('Done');
  await expect(jobRow(again, 'On device · Upscale 2×')).toHaveCount(1);
});

test('On device, with no key: Remove background cuts the person out of a portrait, nothing sent, then the engine closes', async ({
  context,
  emulator,
  clickMenu,
  openPopup,
  worker,
}) => {
  test.setTimeout(180_000); // includes the engine's one idle minute before it closes
  const page = await context.newPage();
  await page.goto('https://gallery.example.org/portrait.html');
  await expectNaturalSize(page, '#person', 300, 384);
  const sent = trafficFromNow(context, emulator);

  await clickMenu(page, { menuItemId: 'on-device:remove-background', srcUrl: image('person.jpg') });
  await expect(page.locator('#person')).toHaveAttribute('src', /^blob:https:\/\/gallery\.example\.org\//, {
    timeout: 90_000,
  });
  await expectNaturalSize(page, '#person', 300, 384);
  // Over the default checkerboard backdrop, like every cut-out.
  await expect(page.locator('#person')).toHaveCSS('background-image', /conic-gradient/);

  // A plausible mask: compared with the figure's true outline, drawn white on black at the same size.
  const { width, height, alpha } = await alphaChannel(page, '#person');
  expect([width, height]).toEqual([300, 384]);
  const truth = await sharp(Buffer.from(portraitSvg(width, height, { silhouette: true })))
    .extractChannel(0)
    .raw()
    .toBuffer();
  let both = 0;
  let either = 0;
  for (let p = 0; p < alpha.length; p++) {
    const subject = alpha[p]! >= 128;
    const inFigure = truth[p]! >= 128;
    if (subject && inFigure) both++;
    if (subject || inFigure) either++;
  }
  expect(both / either).toBeGreaterThan(0.85); // intersection over union
  const at = (x: number, y: number) => alpha[Math.round(y) * width + Math.round(x)]!;
  expect(at(5, 5)).toBe(0); // backdrop gone…
  expect(at(width - 5, height * 0.4)).toBe(0);
  expect(at(width / 2, height * 0.45)).toBeGreaterThan(250); // …face and shirt kept
  expect(at(width / 2, height - 10)).toBeGreaterThan(250);

  const popup = await openPopup();
  const row = jobRow(popup, 'On device · Remove background (people)');
  await expect(row).toContainText('Done');
  await expect(row.getByRole('button', { name: 'Download cut-out' })).toBeVisible();
  // The mask comes with it, as with HitPaw's matting: open both in the viewer, same size.
  const [viewer] = await Promise.all([
    context.waitForEvent('page'),
    row.getByRole('button', { name: 'Open' }).click(),
  ]);
  await expect(viewer.getByRole('img', { name: 'Result' })).toHaveJSProperty('naturalWidth', 300);
  await expect(viewer.getByRole('img', { name: 'Mask' })).toHaveJSProperty('naturalWidth', 300);
  await expect(viewer.getByRole('img', { name: 'Mask' })).toHaveJSProperty('naturalHeight', 384);
  await expect(viewer.getByRole('link', { name: 'Download mask' })).toHaveAttribute('href', /^blob:/);
  await viewer.close();
  expect(sent()).toEqual({ emulated: [], requests: [] });

  // With nothing left to do, the engine's document (and the memory it holds) goes away.
  const offscreenDocuments = async () =>
    (await worker({ wake: true })).evaluate(async () => {
      const contexts = await chrome.runtime.getContexts({
        contextTypes: ['OFFSCREEN_DOCUMENT' as chrome.runtime.ContextType],
      });
      return contexts.length;
    });
  expect(await offscreenDocuments()).toBe(1);
  await expect.poll(offscreenDocuments, { timeout: 120_000, intervals: [2_000] }).toBe(0);
});
