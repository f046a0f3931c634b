import type { Page } from '@playwright/test';
import type { Emulator } from '../emulator/index';
import { expect } from './harness/fixtures';

/** Small steps the specs share: what a person looks at, and what the emulator saw. */
export const GALLERY = 'https://gallery.example.org/';
export const image = (name: string) => `https://gallery.example.org/images/${name}`;

export const submits = (emulator: Emulator) =>
  emulator.journal.find({ host: 'api-base.hitpaw.com', path: '/api/photo-enhancer' });
export const statusPolls = (emulator: Emulator) =>
  emulator.journal.find({ host: 'api-base.hitpaw.com', path: '/api/task-status' });
export const hitpawRequests = (emulator: Emulator) => emulator.journal.find({ host: 'api-base.hitpaw.com' });

/** The popup row of a job, found by its accessible name (provider · operation). */
export function jobRow(popup: Page, name = 'HitPaw · General 2×') {
  return popup.getByRole('listitem', { name });
}

/** Waits until the image's loaded pixels have the given natural size. */
export async function expectNaturalSize(page: Page, selector: string, width: number, height: number) {
  const img = page.locator(selector);
  await expect(img).toHaveJSProperty('naturalWidth', width, { timeout: 60_000 });
  await expect(img).toHaveJSProperty('naturalHeight', height);
  await expect(img).toHaveJSProperty('complete', true);
}
