import { expect, test } from './harness/fixtures';
import { GALLERY, hitpawRequests, image, jobRow, submits } from './steps';

test('without a key, the click opens Options naming the missing key and nothing is sent', async ({
  context,
  emulator,
  clickMenu,
}) => {
  const page = await context.newPage();
  await page.goto(GALLERY);
  const optionsOpened = context.waitForEvent('page', (p) => p.url().includes('/options.html'));
  await clickMenu(page, { menuItemId: 'hitpaw-photo:general_2x', srcUrl: image('photo.jpg') });
  const options = await optionsOpened;
  await expect(options.getByRole('alert')).toContainText('Add your HitPaw API key');
  await expect(options.getByRole('alert')).toContainText('Nothing was sent');
  await expect(options.getByLabel('HitPaw API key')).toBeVisible();
  expect(hitpawRequests(emulator)).toHaveLength(0);
});

// HitPaw images on such addresses are uploaded instead (hitpaw-upload.spec.ts); HitPaw video is not.
test('private and data: videos are refused with the reason, and nothing is sent', async ({
  context,
  emulator,
  setKey,
  clickMenu,
  openPopup,
}) => {
  emulator.hitpaw.addKey('k-private');
  await setKey('hitpaw', 'k-private');
  const page = await context.newPage();
  await page.goto(GALLERY);
  const video = 'hitpaw-video:general_restore_2x';

  await clickMenu(page, { menuItemId: video, srcUrl: 'http://192.168.1.20/cat.mp4' });
  await expect(page.getByRole('alert')).toContainText('private or local address (192.168.1.20)');
  await clickMenu(page, { menuItemId: video, srcUrl: 'data:video/mp4;base64,AAAAIGZ0eXBpc29t' });
  await clickMenu(page, { menuItemId: video, srcUrl: 'http://localhost:8080/x.mp4' });

  const popup = await openPopup();
  const rows = jobRow(popup, 'HitPaw · General restore 2×');
  await expect(rows).toHaveCount(3);
  await expect(rows.nth(0)).toContainText('private or local address (localhost)');
  await expect(rows.nth(1)).toContainText('embedded in the page itself (a data: URL)');
  await expect(rows.nth(2)).toContainText('192.168.1.20');
  for (const i of [0, 1, 2]) await expect(rows.nth(i)).toContainText('Failed');
  expect(hitpawRequests(emulator)).toHaveLength(0);
  expect(submits(emulator)).toHaveLength(0);
});

test('400, 401 and 402 end in a readable failure and are not retried', async ({
  context,
  emulator,
  setKey,
  clickMenu,
  openPopup,
  worker,
}) => {
  const page = await context.newPage();
  await page.goto(GALLERY);
  const popup = await openPopup();
  const cases = [
    { key: 'not-a-real-key', setup: () => undefined, text: 'HitPaw did not accept your API key' },
    {
      key: 'k-expired',
      setup: () => emulator.hitpaw.addKey('k-expired', { kind: 'expired' }),
      text: 'expired',
    },
    { key: 'k-broke', setup: () => emulator.hitpaw.addKey('k-broke', { coins: 0 }), text: 'out of coins' },
  ];
  for (const [i, c] of cases.entries()) {
    c.setup();
    await setKey('hitpaw', c.key);
    await clickMenu(page, { menuItemId: 'hitpaw-photo:general_2x', srcUrl: image('photo.jpg') });
    const row = jobRow(popup).first();
    await expect(row).toContainText(c.text);
    await expect(row).toContainText('Failed');
    await expect.poll(() => submits(emulator).length).toBe(i + 1);
  }
  expect(submits(emulator).map((e) => e.status)).toEqual([400, 401, 402]);
  // Nothing is left to wake the worker for a retry: no alarm is armed but the daily history clean-up.
  const alarms = await (await worker({ wake: true })).evaluate(() => chrome.alarms.getAll());
  expect(alarms.filter((alarm) => alarm.name !== 'history-cleanup')).toEqual([]);
  await expect(jobRow(popup)).toHaveCount(3);
  await expect(jobRow(popup).filter({ hasText: 'Failed' })).toHaveCount(3);
  expect(hitpawRequests(emulator)).toHaveLength(3);
});
