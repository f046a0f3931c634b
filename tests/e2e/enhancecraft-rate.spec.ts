import { expect, test } from './harness/fixtures';
import { image } from './steps';

/**
 * Eight EnhanceCraft jobs at once on one key whose limit is 6 requests per window: the budget the jobs
 * share must pace them so the service never has to refuse one (no 429), and no upload is wasted (one
 * per job). The window is 10 s instead of the documented minute only so the test takes two minutes,
 * not ten; each job needs 6 requests (upload, job, three polls, the result), 48 in all.
 */
const KEY = 'sk_live_e2e_rate_0001';
const API = 'api.enhancecraft.com';
const PAGE = 'https://gallery.example.org/eight.html';
const LIMIT = 6;
const WINDOW_MS = 10_000;

/** Each image of the page: its element id, its file and its natural size. */
const IMAGES = [
  ['logo', 'logo.png', 160, 100],
  ['photo', 'photo.jpg', 200, 150],
  ['lazy', 'lazy.jpg', 220, 140],
  ['remote', 'remote.jpg', 180, 120],
  ['framed', 'framed.png', 150, 100],
  ['pictured', 'pictured.jpg', 240, 160],
  ['responsive', 'responsive-200.jpg', 200, 125],
  ['badge', 'demo-4.png', 320, 200],
] as const;

test.beforeEach(async ({ emulator, setKey }) => {
  emulator.enhancecraft.addKey(KEY, { credits: 100, perMinute: LIMIT, windowMs: WINDOW_MS });
  await setKey('enhancecraft', KEY);
});

test('eight jobs on one key under a small rate window: all replaced at 2×, no 429, one upload and one job each', async ({
  context,
  emulator,
  clickMenu,
}) => {
  test.setTimeout(300_000);
  const page = await context.newPage();
  await page.goto(PAGE);
  const sizes = () =>
    page.evaluate(
      (ids) =>
        ids.map((id) => {
          const img = document.getElementById(id) as HTMLImageElement | null;
          return [id, img?.complete ? img.naturalWidth : 0, img?.complete ? img.naturalHeight : 0];
        }),
      IMAGES.map(([id]) => id),
    );
  await expect.poll(sizes).toEqual(IMAGES.map(([id, , w, h]) => [id, w, h]));

  for (const [, file] of IMAGES) {
    await clickMenu(page, { menuItemId: 'enhancecraft:enhance-2x', srcUrl: image(file) });
  }

  await expect
    .poll(sizes, { timeout: 240_000, intervals: [1_000] })
    .toEqual(IMAGES.map(([id, , w, h]) => [id, 2 * w, 2 * h]));

  const refused = emulator.journal.find({ host: API }).filter((entry) => entry.status === 429);
  expect(refused.map((entry) => `${entry.method} ${entry.path}`)).toEqual([]);
  expect(emulator.journal.find({ host: API, method: 'POST', path: '/api/v1/upload/api' })).toHaveLength(8);
  expect(emulator.journal.find({ host: API, method: 'POST', path: '/api/v1/jobs/api' })).toHaveLength(8);
  expect(emulator.enhancecraft.jobs()).toHaveLength(8);
});
