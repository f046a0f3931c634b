import type { Emulator } from '../emulator/index';
import { expect, test } from './harness/fixtures';
import { expectNaturalSize, GALLERY, image, statusPolls } from './steps';

/**
 * A provider that stops answering must not stall the engine: a held status answer holds up only its own
 * job, and a worker killed while it waits is woken again by the alarm armed before the request left.
 */
const KEY = 'e2e-key-stalls';

test.beforeEach(async ({ emulator, setKey }) => {
  emulator.hitpaw.addKey(KEY, { coins: 1000 });
  emulator.hitpaw.configure({ pollsPerStep: 2 });
  await setKey('hitpaw', KEY);
});

const jobIdOf = (entry: { body: unknown }) => (entry.body as { job_id?: string } | undefined)?.job_id;

/** Holds the next status answer forever and waits until a poll is caught in it; returns that request. */
async function holdNextStatus(emulator: Emulator) {
  emulator.hitpaw.inject('/api/task-status', { status: 200, hang: true }, 1);
  let held: ReturnType<typeof statusPolls>[number] | undefined;
  await expect
    .poll(
      () => {
        held = statusPolls(emulator).find((entry) => entry.status === null);
        return held !== undefined;
      },
      { timeout: 30_000 },
    )
    .toBe(true);
  return held!;
}

test('a held status answer holds up only its own job: another job is polled meanwhile, and both finish', async ({
  context,
  emulator,
  clickMenu,
}) => {
  const page = await context.newPage();
  await page.goto(GALLERY);
  await clickMenu(page, { menuItemId: 'hitpaw-photo:general_2x', srcUrl: image('photo.jpg') });
  const held = await holdNextStatus(emulator);
  const heldJob = jobIdOf(held);

  await clickMenu(page, { menuItemId: 'hitpaw-photo:general_2x', srcUrl: image('logo.png') });
  await expectNaturalSize(page, '#logo', 320, 200);
  await expectNaturalSize(page, '#photo', 400, 300);

  // The other job's polls went on while the held request was still the last word on its job.
  const polls = statusPolls(emulator);
  const heldRetry = polls.find((entry) => entry.seq > held.seq && jobIdOf(entry) === heldJob);
  const othersMeanwhile = polls.filter(
    (entry) => entry.seq > held.seq && jobIdOf(entry) !== heldJob && entry.seq < (heldRetry?.seq ?? Infinity),
  );
  expect(othersMeanwhile.length).toBeGreaterThanOrEqual(1);
  expect(emulator.hitpaw.jobs()).toHaveLength(2);
});

test('the worker killed while a status answer is held: the alarm wakes it and the job completes, no popup opened', async ({
  context,
  emulator,
  clickMenu,
  killWorker,
}) => {
  const page = await context.newPage();
  await page.goto(GALLERY);
  await clickMenu(page, { menuItemId: 'hitpaw-photo:general_2x', srcUrl: image('photo.jpg') });
  const held = await holdNextStatus(emulator);
  await killWorker(page);

  await expectNaturalSize(page, '#photo', 400, 300);
  const after = statusPolls(emulator).filter((entry) => entry.seq > held.seq);
  expect(after.length).toBeGreaterThanOrEqual(1);
  expect(emulator.hitpaw.jobs()).toHaveLength(1);
  await expect(page.locator('eip-markers button')).toHaveCount(1);
});
