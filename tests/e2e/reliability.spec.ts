import { expect, test } from './harness/fixtures';
import { expectNaturalSize, GALLERY, image, jobRow, statusPolls, submits } from './steps';

const KEY = 'e2e-key-reliable';

test.beforeEach(async ({ emulator, setKey }) => {
  emulator.hitpaw.addKey(KEY, { coins: 1000 });
  await setKey('hitpaw', KEY);
});

test('the worker killed twice while polling: the job completes once, with exactly one submit', async ({
  context,
  emulator,
  clickMenu,
  killWorker,
  openPopup,
}) => {
  emulator.hitpaw.configure({ pollsPerStep: 3 }); // CONVERTING for three polls, then COMPLETED
  const page = await context.newPage();
  await page.goto(GALLERY);
  await clickMenu(page, { menuItemId: 'hitpaw-photo:general_2x', srcUrl: image('photo.jpg') });

  await expect.poll(() => statusPolls(emulator).length, { timeout: 30_000 }).toBeGreaterThanOrEqual(1);
  await killWorker(page);
  const afterFirstKill = statusPolls(emulator).length;
  // Only the persisted alarm can wake the worker now.
  await expect.poll(() => statusPolls(emulator).length, { timeout: 30_000 }).toBeGreaterThan(afterFirstKill);
  await killWorker(page);

  await expectNaturalSize(page, '#photo', 400, 300);
  expect(submits(emulator)).toHaveLength(1);
  expect(emulator.hitpaw.jobs()).toHaveLength(1);
  await expect(page.locator('eip-markers button')).toHaveCount(1);
  const popup = await openPopup();
  await expect(jobRow(popup)).toHaveCount(1);
  await expect(jobRow(popup)).toContainText('Done');
});

test('the browser relaunched mid-job with the same profile: the job resumes and completes', async ({
  context,
  emulator,
  clickMenu,
  launch,
  openPopup,
}) => {
  emulator.hitpaw.configure({ pollsPerStep: 3 });
  const page = await context.newPage();
  await page.goto(GALLERY);
  await clickMenu(page, { menuItemId: 'hitpaw-photo:general_2x', srcUrl: image('photo.jpg') });
  await expect.poll(() => statusPolls(emulator).length, { timeout: 30_000 }).toBeGreaterThanOrEqual(1);

  await launch(); // closes the browser and opens the same profile again
  const popup = await openPopup();
  const row = jobRow(popup);
  await expect(row).toContainText('Done', { timeout: 60_000 });
  await expect(row).toContainText('The tab was closed');
  expect(submits(emulator)).toHaveLength(1);
  expect(emulator.hitpaw.jobs()[0]?.lastStatus).toBe('COMPLETED');
});

test('429 on submit then success: the job completes after a persisted backoff', async ({
  context,
  emulator,
  clickMenu,
}) => {
  emulator.hitpaw.inject('/api/photo-enhancer', { status: 429 }, 1);
  const page = await context.newPage();
  await page.goto(GALLERY);
  await clickMenu(page, { menuItemId: 'hitpaw-photo:general_2x', srcUrl: image('photo.jpg') });
  await expectNaturalSize(page, '#photo', 400, 300);
  expect(submits(emulator).map((entry) => entry.status)).toEqual([429, 200]);
  expect(emulator.hitpaw.jobs()).toHaveLength(1);
});

test('the worker killed while the submit is in flight: no automatic re-post, the person decides', async ({
  context,
  emulator,
  clickMenu,
  killWorker,
  openPopup,
}) => {
  emulator.hitpaw.inject('/api/photo-enhancer', { status: 200, hang: true }, 1);
  const page = await context.newPage();
  await page.goto(GALLERY);
  void clickMenu(page, { menuItemId: 'hitpaw-photo:general_2x', srcUrl: image('photo.jpg') }).catch(
    () => undefined,
  );
  await expect.poll(() => submits(emulator).length).toBe(1);
  await killWorker(page);

  const popup = await openPopup(); // opening it wakes the worker, which reconciles
  const row = jobRow(popup);
  await expect(row).toContainText('Needs your decision');
  await expect(row).toContainText('may or may not have been received');
  expect(submits(emulator)).toHaveLength(1);

  await row.getByRole('button', { name: 'Submit again' }).click();
  await expectNaturalSize(page, '#photo', 400, 300);
  expect(submits(emulator)).toHaveLength(2);
});
