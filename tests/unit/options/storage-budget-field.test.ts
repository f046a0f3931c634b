// @vitest-environment happy-dom
import { clear, createStore } from 'idb-keyval';
import { createElement } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { StorageBudgetField } from '@/components/storage-budget-field';
import { keepBlob } from '@/utils/jobs/retention';
import { putJob } from '@/utils/jobs/store';
import { keptBudgetMb } from '@/utils/storage';
import { makeJob } from '../jobs/job-factory';

const MB = 1024 * 1024;
let root: Root | undefined;

const usage = () => document.querySelector('[data-testid="kept-usage"]')?.textContent ?? '';
const input = () => document.querySelector<HTMLInputElement>('#kept-budget')!;

/** Types into the field the way React hears it (the native value setter, then an input event). */
function type(value: string) {
  const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
  setter.call(input(), value);
  input().dispatchEvent(new Event('input', { bubbles: true }));
}
const save = () => document.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();

beforeEach(async () => {
  fakeBrowser.reset();
  await clear(createStore('enhance-in-place-blobs', 'blobs'));
  document.body.innerHTML = '<div id="root"></div>';
});
afterEach(() => root?.unmount());

describe('Options: space for kept results', () => {
  it('shows what kept results use now against the default budget', async () => {
    await putJob(makeJob({ id: 'kept', state: 'processing' }));
    await keepBlob('kept', 'result', new Blob([new Uint8Array(12 * MB)]));
    root = createRoot(document.getElementById('root')!);
    root.render(createElement(StorageBudgetField));
    await expect.poll(usage).toMatch(/^12 MB of 500 MB used by kept results\./);
    expect(input().value).toBe('500');
  });

  it('saves a new budget and shows it', async () => {
    root = createRoot(document.getElementById('root')!);
    root.render(createElement(StorageBudgetField));
    await expect.poll(usage).toMatch(/^0 MB of 500 MB/);
    type('200');
    save();
    await expect.poll(() => keptBudgetMb.getValue()).toBe(200);
    await expect.poll(usage).toBe('0 MB of 200 MB used by kept results. Saved.');
  });

  it('refuses a budget too small to hold one result, and says what it takes', async () => {
    root = createRoot(document.getElementById('root')!);
    root.render(createElement(StorageBudgetField));
    await expect.poll(usage).toMatch(/of 500 MB/);
    type('20');
    save();
    await expect.poll(usage).toMatch(/Enter a whole number of MB from 50 to 100000\./);
    expect(await keptBudgetMb.getValue()).toBe(500);
  });
});
