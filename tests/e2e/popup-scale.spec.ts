import sharp from 'sharp';
import { expect, test } from './harness/fixtures';
import { seedRecords, seedStore, storedKeys } from './popup-seed';

/**
 * The popup with 1,000 stored jobs: a page of rows, not a thousand; filters with the right counts, a
 * search that narrows, a batch as one group, a thumbnail from the kept copy, and "Clear finished"
 * leaving only the active jobs, in the list and in IndexedDB.
 */
const plan = { total: 1000, active: 12, failed: 150, batch: 4, old: 3 };
const ACTIVE = plan.active + 1; // the batch's queued job
const FAILED = plan.failed + 1; // the batch's failed job
const DONE = plan.total - ACTIVE - FAILED;

test('1,000 stored jobs: first page, filters, search, a batch group, a kept thumbnail, Clear finished', async ({
  openPopup,
}) => {
  // One finished job has its result kept in IndexedDB (a real 8×6 PNG).
  const records = seedRecords(plan).map((job) =>
    job.id === 'done-0' && job.result ? { ...job, result: { ...job.result, cached: true } } : job,
  );
  const thumbJob = records.find((job) => job.id === 'done-0')!;
  const png = await sharp({ create: { width: 8, height: 6, channels: 3, background: '#c03' } })
    .png()
    .toBuffer();
  const popup = await openPopup();
  await seedStore(popup, records, { 'done-0:result': { type: 'image/png', bytes: [...png] } });
  await popup.reload();

  const list = popup.getByRole('list', { name: 'Jobs' });
  const rows = list.getByRole('listitem');
  const filter = (name: string) =>
    popup.getByRole('group', { name: 'Show jobs' }).getByRole('button', { name });
  // One page: 50 entries (the batch counts once), the rest behind "Show more".
  await expect(rows).toHaveCount(50);
  const entries = plan.total - plan.batch + 1;
  await expect(popup.getByRole('button', { name: `Show 50 more (${entries - 50} not shown)` })).toBeVisible();
  expect(await popup.evaluate(() => document.querySelectorAll('*').length)).toBeLessThan(2500);
  await expect(filter('All')).toHaveAttribute('aria-pressed', 'true');
  await expect(filter('All')).toHaveText(`All ${plan.total}`);
  await expect(filter('Active')).toHaveText(`Active ${ACTIVE}`);
  await expect(filter('Done')).toHaveText(`Done ${DONE}`);
  await expect(filter('Failed')).toHaveText(`Failed ${FAILED}`);

  // Scrolling down to the end of the page brings the next page in by itself.
  await popup.getByRole('button', { name: /^Show 50 more/ }).scrollIntoViewIfNeeded();
  await expect(rows).toHaveCount(100);
  await expect(
    popup.getByRole('button', { name: `Show 50 more (${entries - 100} not shown)` }),
  ).toBeAttached();

  // Active: the running jobs and the batch (one of its jobs is queued), nothing else, no more pages.
  await filter('Active').click();
  await expect(filter('Active')).toHaveAttribute('aria-pressed', 'true');
  await expect(filter('All')).toHaveAttribute('aria-pressed', 'false');
  await expect(rows).toHaveCount(plan.active + 1);
  await expect(rows.filter({ hasText: 'Processing' })).toHaveCount(plan.active);
  await expect(popup.getByRole('button', { name: /^Show \d+ more/ })).toHaveCount(0);

  // Failed: a page of failed rows; the batch group holds only its failed job.
  await filter('Failed').click();
  await expect(rows).toHaveCount(50);
  await expect(popup.getByRole('button', { name: `Show 50 more (${FAILED - 50} not shown)` })).toBeVisible();
  await expect(rows.filter({ hasText: /Done/ })).toHaveCount(0);

  // Search narrows the list and the counts, by page address and operation together.
  await filter('All').click();
  const search = popup.getByLabel('Search jobs by page or operation');
  await search.fill('photos.example.com remove background');
  const matching = records.filter(
    (job) => job.label === 'Remove background' && job.source.url.includes('photos.example.com'),
  );
  expect(matching.length).toBeGreaterThan(50);
  await expect(filter('All')).toHaveText(`All ${matching.length}`);
  await expect(rows).toHaveCount(50);
  await expect(rows.filter({ hasNotText: 'Remove background' })).toHaveCount(0);
  await search.fill(new URL(thumbJob.source.url).pathname);
  await expect(rows).toHaveCount(1);

  // The thumbnail is the kept copy, through an object URL; rows with no kept copy show a placeholder.
  const thumb = rows.first().locator('img.thumb');
  await expect(thumb).toHaveAttribute('src', /^blob:chrome-extension:/);
  await expect(thumb).toHaveJSProperty('naturalWidth', 8);
  await search.fill('');
  await expect(rows.first().locator('.thumb.placeholder')).toHaveCount(1);

  // The batch: one header with its count, its four rows under it once opened.
  const header = popup.getByRole('button', {
    name: /^Batch · HitPaw · General 2× · 2 of 4 done · 1 failed$/,
  });
  await expect(header).toHaveCount(1);
  await expect(header).toHaveAttribute('aria-expanded', 'false');
  await header.click();
  await expect(header).toHaveAttribute('aria-expanded', 'true');
  const batchRows = popup.getByRole('list', { name: /^Batch · / }).getByRole('listitem');
  await expect(batchRows).toHaveCount(4);
  await expect(batchRows.filter({ hasText: 'Failed' })).toHaveCount(1);

  // Clear finished: only the active jobs are left, in the list and in storage, kept copies included.
  await popup.getByRole('button', { name: 'Clear finished' }).click();
  await expect(popup.getByRole('status')).toHaveText(`Removed ${plan.total - ACTIVE} finished jobs.`);
  await expect(filter('All')).toHaveText(`All ${ACTIVE}`);
  await expect(filter('Done')).toHaveText('Done 0');
  await expect(popup.getByRole('button', { name: 'Clear finished' })).toBeDisabled();
  const kept = await storedKeys(popup, 'enhance-in-place-jobs');
  expect(kept.sort()).toEqual(
    records
      .filter((job) => /^(active-|batch-3$)/.test(job.id))
      .map((job) => job.id)
      .sort(),
  );
  expect(await storedKeys(popup, 'enhance-in-place-blobs')).not.toContain('done-0:result');
  await expect(
    popup.getByRole('button', { name: /^Batch · HitPaw · General 2× · 0 of 4 done$/ }),
  ).toBeVisible();
});

test('finished jobs older than the history setting (30 days) are removed when the worker starts', async ({
  openPopup,
  killWorker,
  worker,
}) => {
  const records = seedRecords({ total: 6, active: 1, failed: 1, batch: 0, old: 2, oldDays: 31 });
  const popup = await openPopup();
  await seedStore(popup, records, { 'old-0:result': { type: 'image/png', bytes: [1, 2, 3] } });
  expect(await storedKeys(popup, 'enhance-in-place-blobs')).toContain('old-0:result');

  await killWorker(popup);
  await worker({ wake: true });

  await expect
    .poll(async () => (await storedKeys(popup, 'enhance-in-place-jobs')).sort())
    .toEqual(['active-0', 'done-0', 'done-1', 'failed-0']);
  // The records go first, then their kept bytes: the copy leaves a moment after its job.
  await expect.poll(() => storedKeys(popup, 'enhance-in-place-blobs')).not.toContain('old-0:result');
  const alarms = await (await worker()).evaluate(() => chrome.alarms.getAll());
  expect(alarms.find((alarm) => alarm.name === 'history-cleanup')?.periodInMinutes).toBe(24 * 60);
});
