// @vitest-environment happy-dom
import { act, createElement } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { PopupSettings } from '@/components/popup-settings';
import { SettingField } from '@/components/setting-field';
import { settingsMessaging } from '@/utils/messages/settings';
import { SETTINGS } from '@/utils/settings/declarations';
import { cutoutBackdrop, defaultAction, menuShowKeyless } from '@/utils/storage';

let root: Root | undefined;
const $ = <T extends Element>(selector: string) => document.querySelector<T>(selector)!;

async function render(element: Parameters<Root['render']>[0]) {
  root = createRoot($('#root'));
  await act(async () => root!.render(element));
}

/** Changes a select the way React hears it (the native value setter, then a change event). */
function choose(select: HTMLSelectElement, value: string) {
  Object.getOwnPropertyDescriptor(HTMLSelectElement.prototype, 'value')!.set!.call(select, value);
  select.dispatchEvent(new Event('change', { bubbles: true }));
}

const CHOICES = [
  { id: 'on-device:upscale-2x', label: 'Upscale 2× · On device', group: 'Enhance image › Upscale' },
  { id: 'on-device:upscale-4x', label: 'Upscale 4× · On device', group: 'Enhance image › Upscale' },
  { id: 'tensorpix:denoise', label: 'Denoise · TensorPix (add key)', group: 'Enhance video › Denoise' },
];

beforeEach(() => {
  fakeBrowser.reset();
  document.body.innerHTML = '<div id="root"></div>';
  vi.spyOn(settingsMessaging, 'sendMessage').mockResolvedValue({ choices: CHOICES } as never);
});
afterEach(() => root?.unmount());

describe('a declared checkbox', () => {
  it('shows its label and help, and saves the change', async () => {
    await render(createElement(SettingField, { setting: SETTINGS.menuShowKeyless }));
    const box = $<HTMLInputElement>('#menu-show-keyless');
    expect(box.closest('label')?.textContent).toBe(' Show providers without a key in the menus');
    expect($(`#${box.getAttribute('aria-describedby')}`).textContent).toContain('(add key)');
    await expect.poll(() => box.checked).toBe(true);
    await act(async () => box.click());
    await expect.poll(() => menuShowKeyless.getValue()).toBe(false);
  });
});

describe('a declared select', () => {
  it('offers "the last one" and every operation by menu path, and saves a fixed one', async () => {
    await render(createElement(SettingField, { setting: SETTINGS.defaultAction }));
    const select = $<HTMLSelectElement>('#default-action');
    await expect.poll(() => select.options.length).toBe(4);
    expect([...select.querySelectorAll('optgroup')].map((g) => g.label)).toEqual([
      'Enhance image › Upscale',
      'Enhance video › Denoise',
    ]);
    expect(select.options[0]!.textContent).toBe('The last one I used');
    await act(async () => choose(select, 'on-device:upscale-4x'));
    await expect.poll(() => defaultAction.getValue()).toBe('on-device:upscale-4x');
  });

  it('keeps showing a fixed operation that is no longer offered, as what is stored', async () => {
    await defaultAction.setValue('enhancecraft:pipeline-gone');
    await render(createElement(SettingField, { setting: SETTINGS.defaultAction }));
    const select = $<HTMLSelectElement>('#default-action');
    await expect
      .poll(() => select.selectedOptions[0]?.textContent)
      .toBe('enhancecraft:pipeline-gone (no longer offered)');
  });

  it('opens a colour picker for "A colour…" and saves the colour', async () => {
    await render(createElement(SettingField, { setting: SETTINGS.cutoutBackdrop }));
    const select = $<HTMLSelectElement>('#backdrop');
    expect(document.querySelector('input[type="color"]')).toBeNull();
    await act(async () => choose(select, select.options[select.options.length - 1]!.value));
    await expect.poll(() => cutoutBackdrop.getValue()).toBe('#2f6fed');
    const colour = $<HTMLInputElement>('input[type="color"]');
    expect(colour.getAttribute('aria-label')).toBe('Cut-out background colour');
    await act(async () => choose(select, 'white'));
    await expect.poll(() => cutoutBackdrop.getValue()).toBe('white');
    await expect.poll(() => document.querySelector('input[type="color"]')).toBeNull();
  });
});

describe('the popup Settings panel', () => {
  it('is closed at first and asks nothing; opens with the popup settings; Esc closes it', async () => {
    await render(createElement(PopupSettings));
    const button = $<HTMLButtonElement>('button');
    const panel = $<HTMLElement>('#popup-settings');
    expect(button.getAttribute('aria-expanded')).toBe('false');
    expect(panel.hidden).toBe(true);
    expect(panel.children).toHaveLength(0);
    expect(settingsMessaging.sendMessage).not.toHaveBeenCalled();

    await act(async () => button.click());
    expect(button.getAttribute('aria-expanded')).toBe('true');
    expect(panel.hidden).toBe(false);
    expect([...panel.querySelectorAll('label')].map((l) => l.textContent!.trim())).toEqual([
      'Default action',
      'Background behind cut-outs',
      'TensorPix free preview mode',
      'Notify when a job finishes',
      'Show providers without a key in the menus',
      'Offer the menus where no image is under the pointer',
    ]);

    await act(async () =>
      panel
        .querySelector('select')!
        .dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true })),
    );
    expect(panel.hidden).toBe(true);
    expect(document.activeElement).toBe(button);
  });
});
