import { expect, test } from './harness/fixtures';
import { expectVideoSize, jobRow, parkVideo, videoState } from './steps';

const KEY = 'tp-key-0001';
const API = 'backend.tensorpix.ai';
const PAGE = 'https://gallery.example.org/video.html';
const CLIP = 'https://gallery.example.org/videos/tiny.mp4';
type Journal = { journal: { find(q: object): { body: unknown; path: string; method: string }[] } };
const jobPosts = (emulator: Journal) =>
  emulator.journal.find({ host: API, method: 'POST', path: '/api/jobs/from-url/' });

test.beforeEach(async ({ emulator, setKey }) => {
  emulator.tensorpix.addKey(KEY, { credits: 1000 });
  await setKey('tensorpix', KEY);
});

test('TensorPix 2×: models picked at run time, waiting for the engine, then progress and ETA in the popup, video replaced in place', async ({
  context,
  emulator,
  clickMenu,
  openPopup,
}) => {
  const page = await context.newPage();
  await page.goto(PAGE);
  await parkVideo(page, '#clip', 1);
  const popup = await openPopup();
  await clickMenu(page, { menuItemId: 'tensorpix:upscale-2x', srcUrl: CLIP, mediaType: 'video' });

  const row = jobRow(popup, 'TensorPix · Upscale 2×');
  // Sent, and TensorPix holds it in its queue (its first answers say "In Queue"): not processing yet.
  await expect(row).toContainText('Waiting for the engine', { timeout: 30_000 });
  // Then TensorPix's own processing_progress (0, ⅓, ⅔ here), as a percentage, with its ETA.
  await expect(row).toContainText(/Processing.*(?<!\d)(0|33|66) % · about .* left/, { timeout: 60_000 });
  await expect(row).not.toContainText('Waiting for the engine');
  await expectVideoSize(page, '#clip', 320, 180);
  const state = await videoState(page, '#clip');
  expect(state.paused).toBe(true);
  expect(state.time).toBeCloseTo(1, 1);
  await expect(row).toContainText('Done');

  const model = emulator.tensorpix.models().find((m) => m.task === 1 && m.upscale_factor === 2)!;
  expect(jobPosts(emulator)).toHaveLength(1);
  expect(jobPosts(emulator)[0]!.body).toMatchObject({ url: CLIP, ml_models: [model.id], preview: false });
  expect(emulator.journal.find({ host: API, path: /^\/api\/ml-models\// }).length).toBeGreaterThan(0);
  for (const entry of emulator.journal.find({ host: API }) as unknown as {
    headers: Record<string, string>;
  }[]) {
    expect(entry.headers['authorization']).toBe(`Token ${KEY}`);
  }
});

test('a video over the model’s max resolution is refused before any job is sent', async ({
  context,
  emulator,
  clickMenu,
  openPopup,
}) => {
  const page = await context.newPage();
  await page.goto(PAGE);
  await parkVideo(page, '#big', 0);
  await clickMenu(page, {
    menuItemId: 'tensorpix:upscale-4x',
    srcUrl: 'https://gallery.example.org/videos/fullhd.mp4',
    mediaType: 'video',
  });
  const popup = await openPopup();
  await expect(jobRow(popup, 'TensorPix · Upscale 4×')).toContainText('1920×1080', { timeout: 30_000 });
  await expect(jobRow(popup, 'TensorPix · Upscale 4×')).toContainText('Failed');
  expect(jobPosts(emulator)).toHaveLength(0);
});

test('free preview mode sends preview jobs and offers the preview clip', async ({
  context,
  emulator,
  openOptions,
  clickMenu,
  openPopup,
}) => {
  emulator.tensorpix.configure({ processingPolls: 1 });
  const options = await openOptions();
  await options.getByLabel('TensorPix free preview mode').check();
  const page = await context.newPage();
  await page.goto(PAGE);
  await parkVideo(page, '#clip', 0);
  await clickMenu(page, { menuItemId: 'tensorpix:denoise', srcUrl: CLIP, mediaType: 'video' });
  const popup = await openPopup();
  const row = jobRow(popup, 'TensorPix · Denoise');
  await expect(row).toContainText('Done', { timeout: 90_000 });
  expect(jobPosts(emulator)[0]!.body).toMatchObject({ preview: true });
  expect(emulator.tensorpix.credits(KEY)).toBe(1000); // previews are free
  const [viewer] = await Promise.all([
    context.waitForEvent('page'),
    row.getByRole('button', { name: 'Open' }).click(),
  ]);
  await expect(viewer.getByRole('link', { name: 'Preview clip' })).toHaveAttribute(
    'href',
    /^https:\/\/cdn\.example\.net\//,
  );
});

test('worker killed mid-job: the TensorPix job completes once', async ({
  context,
  emulator,
  clickMenu,
  killWorker,
}) => {
  const page = await context.newPage();
  await page.goto(PAGE);
  await parkVideo(page, '#clip', 0);
  await clickMenu(page, { menuItemId: 'tensorpix:upscale-2x', srcUrl: CLIP, mediaType: 'video' });
  await expect.poll(() => jobPosts(emulator).length).toBe(1);
  await killWorker(page);
  await expectVideoSize(page, '#clip', 320, 180);
  expect(jobPosts(emulator)).toHaveLength(1);
});
