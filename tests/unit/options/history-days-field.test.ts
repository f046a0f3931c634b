// @vitest-environment happy-dom
import { act, createElement } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { HistoryDaysField } from '@/components/settings-fields';
import { historyDays } from '@/utils/storage';

let root: Root | undefined;
const input = () => document.querySelector<HTMLInputElement>('#history-days')!;

/** Types into the field the way React hears it (the native value setter, then an input event). */
function type(value: string) {
  const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
  setter.call(input(), value);
  input().dispatchEvent(new Event('input', { bubbles: true }));
}

beforeEach(() => {
  fakeBrowser.reset();
  document.body.innerHTML = '<div id="root"></div>';
});
afterEach(() => root?.unmount());

describe('Options: how long finished jobs stay', () => {
  it('shows the default of 30 days under its label and saves a new number', async () => {
    root = createRoot(document.getElementById('root')!);
    await act(async () => root!.render(createElement(HistoryDaysField)));
    expect(document.querySelector('label[for="history-days"]')?.textContent).toBe(
      'Remove finished jobs after (days)',
    );
    await expect.poll(() => input().value).toBe('30');
    await act(async () => type('7'));
    await expect.poll(() => historyDays.getValue()).toBe(7);
  });

  it('keeps the saved number when the field holds something that is not a whole number of days', async () => {
    await historyDays.setValue(10);
    root = createRoot(document.getElementById('root')!);
    await act(async () => root!.render(createElement(HistoryDaysField)));
    await expect.poll(() => input().value).toBe('10');
    await act(async () => type('-3'));
    await act(async () => type('2.5'));
    expect(await historyDays.getValue()).toBe(10);
  });
});
