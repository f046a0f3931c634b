import { expect, test } from './harness/fixtures';
import { expectVideoSize, jobRow, parkVideo, videoState } from './steps';

const KEY = 'hp-video-key-0001';
const PAGE = 'https://gallery.example.org/video.html';
const CLIP = 'https://gallery.example.org/videos/tiny.mp4';
const submits = (emulator: { journal: { find(q: object): { body: unknown }[] } }) =>
  emulator.journal.find({ path: '/api/video-enhancer' });

test.beforeEach(async ({ emulator, setKey }) => {
  emulator.hitpaw.addKey(KEY, { coins: 100_000 });
  await setKey('hitpaw', KEY);
});

test('HitPaw video 2×: the <video> plays the result in place, keeping position and paused state', async ({
  context,
  emulator,
  clickMenu,
  openPopup,
}) => {
  const page = await context.newPage();
  await page.goto(PAGE);
  await parkVideo(page, '#clip', 1.5);
  const box = await page.locator('#clip').boundingBox();

  await clickMenu(page, { menuItemId: 'hitpaw-video:general_restore_2x', srcUrl: CLIP, mediaType: 'video' });
  await expectVideoSize(page, '#clip', 320, 180);
  const after = await videoState(page, '#clip');
  expect(after.src).toMatch(/^https:\/\/cdn\.example\.net\//);
  expect(after.paused).toBe(true);
  expect(after.time).toBeCloseTo(1.5, 1);
  expect(await page.locator('#clip').boundingBox()).toEqual(box);

  expect(submits(emulator)).toHaveLength(1);
  expect(submits(emulator)[0]!.body).toEqual({
    video_url: CLIP,
    model_name: 'general_restore_2x',
    resolution: [320, 180],
    original_resolution: [160, 90],
    extension: '.mp4',
  });

  const popup = await openPopup();
  const row = jobRow(popup, 'HitPaw · General restore 2×');
  await expect(row).toContainText('Done');
  await row.getByRole('button', { name: 'Show original' }).click();
  await expectVideoSize(page, '#clip', 160, 90);
  expect((await videoState(page, '#clip')).src).toBe(CLIP);
});

test('a streamed (blob:) video and a too-short one are explained, not sent', async ({
  context,
  emulator,
  clickMenu,
  openPopup,
}) => {
  const page = await context.newPage();
  await page.goto(PAGE);
  await clickMenu(page, {
    menuItemId: 'hitpaw-video:general_restore_2x',
    srcUrl: 'blob:https://gallery.example.org/4d1c9e55',
    mediaType: 'video',
  });
  await parkVideo(page, '#short', 0);
  await clickMenu(page, {
    menuItemId: 'hitpaw-video:general_restore_2x',
    srcUrl: 'https://gallery.example.org/videos/short.mp4',
    mediaType: 'video',
  });
  const popup = await openPopup();
  const rows = jobRow(popup, 'HitPaw · General restore 2×');
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(0)).toContainText('0.5 seconds to 1 hour');
  await expect(rows.nth(1)).toContainText('streamed into the page');
  expect(emulator.journal.find({ host: 'api-base.hitpaw.com' })).toHaveLength(0);
});

test('worker killed mid-job: the video result still arrives, with one submit', async ({
  context,
  emulator,
  clickMenu,
  killWorker,
}) => {
  const page = await context.newPage();
  await page.goto(PAGE);
  await parkVideo(page, '#clip', 0.5);
  await clickMenu(page, { menuItemId: 'hitpaw-video:general_restore_2x', srcUrl: CLIP, mediaType: 'video' });
  await expect.poll(() => submits(emulator).length).toBe(1);
  await killWorker(page);
  await expectVideoSize(page, '#clip', 320, 180);
  expect(submits(emulator)).toHaveLength(1);
});
