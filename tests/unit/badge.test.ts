import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { badgeSeen, badgeSeenAt, refreshBadge } from '@/entrypoints/background/badge';
import { BADGE_COLOURS, BADGE_TEXT_COLOUR, badgeFor, contrastRatio } from '@/utils/badge';
import { deleteJob, listJobs, putJob } from '@/utils/jobs/store';
import type { JobState } from '@/utils/jobs/schema';
import { makeJob } from './jobs/job-factory';

const SEEN = 5_000;
const job = (state: JobState, endedAt?: number) =>
  makeJob({ state, updatedAt: endedAt ?? 1_000, finishedAt: endedAt });

describe('what the badge says', () => {
  it('says nothing with no job running and nothing new', () => {
    expect(badgeFor([], SEEN).text).toBe('');
    expect(badgeFor([job('completed', SEEN - 1), job('failed', SEEN - 1)], SEEN).text).toBe('');
  });

  it('counts the running jobs, whatever ended meanwhile', () => {
    const jobs = [job('submitting'), job('queued'), job('processing'), job('failed', SEEN + 1)];
    expect(badgeFor(jobs, SEEN)).toMatchObject({ text: '3', colour: BADGE_COLOURS.active });
    expect(badgeFor([job('waiting')], SEEN).title).toBe('1 job running');
    expect(
      badgeFor(
        Array.from({ length: 120 }, () => job('queued')),
        SEEN,
      ).text,
    ).toBe('99+');
  });

  it('shows ✓ for a job finished since the popup was opened, and nothing once it was', () => {
    const done = [job('completed', SEEN + 10)];
    expect(badgeFor(done, SEEN)).toMatchObject({ text: '✓', colour: BADGE_COLOURS.done });
    expect(badgeFor(done, SEEN + 10).text).toBe('');
  });

  it('shows ! when one of the unseen ends is a failure or waits for a decision', () => {
    expect(badgeFor([job('completed', SEEN + 1), job('failed', SEEN + 2)], SEEN)).toMatchObject({
      text: '!',
      colour: BADGE_COLOURS.failed,
    });
    expect(badgeFor([makeJob({ state: 'needs_decision', updatedAt: SEEN + 1 })], SEEN).text).toBe('!');
  });

  it('ignores what the person did themselves (cancelled) and what expired', () => {
    expect(badgeFor([job('canceled', SEEN + 1), job('expired', SEEN + 1)], SEEN).text).toBe('');
  });

  it('keeps white text readable on every badge colour (WCAG AA, 4.5:1)', () => {
    for (const colour of Object.values(BADGE_COLOURS)) {
      expect(contrastRatio(BADGE_TEXT_COLOUR, colour)).toBeGreaterThanOrEqual(4.5);
    }
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21);
  });
});

describe('the toolbar badge, drawn from the stored jobs', () => {
  beforeEach(async () => {
    fakeBrowser.reset();
    for (const stored of await listJobs()) await deleteJob(stored.id);
  });

  it('draws the count, then ✓ once the job completed, then clears when the popup opens', async () => {
    await badgeSeenAt.setValue(Date.now() - 1_000);
    const running = await putJob(makeJob({ state: 'processing', updatedAt: Date.now() }));
    await refreshBadge();
    expect(await fakeBrowser.action.getBadgeText({})).toBe('1');

    await putJob({ ...running, state: 'completed', finishedAt: Date.now(), updatedAt: Date.now() });
    await refreshBadge();
    expect(await fakeBrowser.action.getBadgeText({})).toBe('✓');
    expect(await fakeBrowser.action.getTitle({})).toMatch(/finished/);

    await badgeSeen();
    expect(await fakeBrowser.action.getBadgeText({})).toBe('');
  });

  it('on a first start marks everything until now as seen', async () => {
    await putJob(makeJob({ state: 'completed', finishedAt: Date.now() - 10, updatedAt: Date.now() - 10 }));
    await refreshBadge();
    expect(await fakeBrowser.action.getBadgeText({})).toBe('');
    expect(await badgeSeenAt.getValue()).toBeGreaterThan(0);
  });
});
