import { expect, test } from './harness/fixtures';
import { GALLERY, image, jobRow, statusPolls } from './steps';

/**
 * The network boundary in the real browser: in an extension service worker a redirect on a keyed call
 * comes back opaque (`redirect: 'manual'`), and a followed redirect's final address is all the worker
 * can see. Both are checked here as Chromium does them, not as Node's fetch does.
 */
const KEY = 'e2e-key-boundary-0123456789';

test.beforeEach(async ({ emulator, setKey }) => {
  emulator.hitpaw.addKey(KEY, { coins: 1000 });
  await setKey('hitpaw', KEY);
});

test('a 307 from the HitPaw API is not followed: the key stays with HitPaw and the job says why', async ({
  context,
  emulator,
  clickMenu,
  openPopup,
}) => {
  // Were it followed, the browser would repeat the POST, Apikey included, to this emulated host.
  const elsewhere = 'https://cdn.example.net/collect/task-status';
  emulator.network.inject(
    'api-base.hitpaw.com',
    '/api/task-status',
    {
      kind: 'redirect',
      status: 307,
      location: elsewhere,
    },
    10,
  );
  const page = await context.newPage();
  await page.goto(GALLERY);
  await clickMenu(page, { menuItemId: 'hitpaw-photo:general_2x', srcUrl: image('photo.jpg') });

  const popup = await openPopup();
  await expect(jobRow(popup)).toContainText('HitPaw answered with a redirect to another address', {
    timeout: 30_000,
  });
  expect(statusPolls(emulator).map((entry) => entry.status)).toContain(307);
  expect(emulator.journal.find({ path: '/collect/task-status' })).toHaveLength(0);
  const keyed = emulator.journal.all().filter((entry) => JSON.stringify(entry.headers).includes(KEY));
  expect(new Set(keyed.map((entry) => entry.host))).toEqual(new Set(['api-base.hitpaw.com']));
});

test('a result whose CDN link redirects to this machine: nothing from there is kept or shown', async ({
  context,
  emulator,
  clickMenu,
  openPopup,
}) => {
  // Every CDN request of this job redirects to the emulator's own loopback address, which answers 421.
  emulator.network.inject(
    'cdn.example.net',
    /^\/hitpaw\//,
    { kind: 'redirect', status: 302, location: `https://127.0.0.1:${emulator.port}/stolen.png` },
    20,
  );
  const page = await context.newPage();
  await page.goto(GALLERY);
  const before = await page.locator('#photo').evaluate((img: HTMLImageElement) => img.currentSrc);
  await clickMenu(page, { menuItemId: 'hitpaw-photo:general_2x', srcUrl: image('photo.jpg') });

  // Chromium itself refuses the redirected read (the redirect carries no CORS grant), before our own
  // final-address check: either way the worker keeps nothing and the page keeps its image.
  const popup = await openPopup();
  await expect(jobRow(popup)).toContainText('the original stays', { timeout: 60_000 });
  await expect(page.locator('#photo')).toHaveJSProperty('currentSrc', before);
  const fromLoopback = emulator.journal.find({ host: '127.0.0.1' });
  expect(fromLoopback.every((entry) => entry.status !== 200)).toBe(true);
});
