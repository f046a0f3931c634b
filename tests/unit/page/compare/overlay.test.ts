// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { replaceImage } from '@/utils/page/image/replace';
import { recordsOf } from '@/utils/page/common/records';
import { showVersion } from '@/utils/page/common/show-version';
import { freshWorld } from '@/utils/page/common/world';
import type { PageRuntime } from '@/utils/page/common/extension-api';
import { clipFor, contentBox, openCompareOverlay, type CompareOverlay } from '@/utils/page/compare/overlay';
import { COMPARE_PENDING, joinCompare, requestCompare } from '@/utils/page/compare/request';

const SRC = 'https://gallery.example.org/cat.jpg';
const R1 = 'https://cdn.example.net/results/one.png';
const $ = (selector: string) => document.querySelector(selector) as HTMLImageElement;
const shadow = () => document.querySelector('eip-compare')?.shadowRoot ?? null;
const handle = () => shadow()!.querySelector('[role="slider"]') as HTMLElement;
const before = () => shadow()!.querySelector('img') as HTMLImageElement;
const key = (target: EventTarget, name: string, shiftKey = false) =>
  target.dispatchEvent(new KeyboardEvent('keydown', { key: name, shiftKey, bubbles: true, composed: true }));

let overlay: CompareOverlay | null = null;

async function replaced() {
  await replaceImage(
    $('#i'),
    { jobId: 'j1', resultUrl: R1, label: 'HitPaw · General 2×', srcUrl: SRC },
    { loadTimeoutMs: 1000, waitForLoad: async () => true },
  );
}

beforeEach(() => {
  document.body.innerHTML = `<button id="before">x</button><img id="i" src="${SRC}">`;
  vi.spyOn($('#i'), 'getBoundingClientRect').mockReturnValue({
    left: 100,
    top: 50,
    right: 410,
    bottom: 290,
    width: 310,
    height: 240,
  } as DOMRect);
});
afterEach(() => {
  overlay?.close();
  overlay = null;
});

describe('compare overlay arithmetic', () => {
  it('the picture box is the border box less borders and padding', () => {
    const style = new Map([
      ['border-left-width', '2px'],
      ['padding-left', '3px'],
      ['border-top-width', '1px'],
      ['padding-right', '5px'],
      ['border-bottom-width', '4px'],
    ]);
    const box = contentBox(
      { left: 100, top: 50, width: 310, height: 240 },
      { getPropertyValue: (name: string) => style.get(name) ?? '0px' },
    );
    expect(box).toEqual({ left: 105, top: 51, width: 300, height: 235 });
  });

  it('the original is clipped to the left of the divider', () => {
    expect(clipFor(50)).toBe('inset(0 50% 0 0)');
    expect(clipFor(0)).toBe('inset(0 100% 0 0)');
    expect(clipFor(100)).toBe('inset(0 0% 0 0)');
  });
});

describe('the compare overlay on the replaced picture', () => {
  it('opens only on a picture that shows the job’s result', async () => {
    expect(openCompareOverlay(document, 'j1')).toBeNull();
    await replaced();
    showVersion(document, 'j1', 'original');
    expect(openCompareOverlay(document, 'j1')).toBeNull();
    showVersion(document, 'j1', 'enhanced');
    overlay = openCompareOverlay(document, 'j1');
    expect(overlay).not.toBeNull();
  });

  it('shows the page’s original over the picture’s box, split in the middle, the slider focused', async () => {
    await replaced();
    overlay = openCompareOverlay(document, 'j1');
    const stage = shadow()!.querySelector('[role="group"]') as HTMLElement;
    expect(stage.style.width).toBe('310px');
    expect(stage.style.height).toBe('240px');
    expect(stage.style.transform).toBe('translate(100px, 50px)');
    expect(before().getAttribute('src')).toBe(SRC);
    expect(before().alt).toBe('Original');
    expect(before().style.getPropertyValue('clip-path')).toBe('inset(0 50% 0 0)');
    expect(handle().getAttribute('aria-valuenow')).toBe('50');
    expect(handle().getAttribute('aria-valuetext')).toBe('50 % original');
    expect(shadow()!.activeElement).toBe(handle());
  });

  it('the keys move the divider (arrows, Shift, Home/End); others are left to the page', async () => {
    await replaced();
    overlay = openCompareOverlay(document, 'j1');
    key(handle(), 'ArrowRight');
    expect(overlay!.split).toBe(51);
    key(handle(), 'ArrowLeft', true);
    expect(overlay!.split).toBe(41);
    key(handle(), 'End');
    expect(before().style.getPropertyValue('clip-path')).toBe('inset(0 0% 0 0)');
    key(handle(), 'Home');
    expect(handle().getAttribute('aria-valuenow')).toBe('0');
    key(handle(), 'a');
    expect(overlay!.split).toBe(0);
  });

  it('Esc closes it, takes its host away and gives focus back', async () => {
    await replaced();
    $('#before').focus();
    overlay = openCompareOverlay(document, 'j1');
    const pageSaw = vi.fn();
    document.addEventListener('keydown', pageSaw);
    key(document.body, 'Escape');
    expect(document.querySelector('eip-compare')).toBeNull();
    expect(document.activeElement).toBe($('#before'));
    expect(pageSaw).not.toHaveBeenCalled(); // the page's own Esc handler is not what the person meant
    document.removeEventListener('keydown', pageSaw);
  });

  it('one overlay at a time, and × closes it', async () => {
    await replaced();
    openCompareOverlay(document, 'j1');
    overlay = openCompareOverlay(document, 'j1');
    expect(document.querySelectorAll('eip-compare')).toHaveLength(1);
    (shadow()!.querySelector('button') as HTMLButtonElement).click();
    expect(document.querySelector('eip-compare')).toBeNull();
  });

  it('closes by itself when the page takes the picture away', async () => {
    await replaced();
    overlay = openCompareOverlay(document, 'j1');
    $('#i').remove();
    window.dispatchEvent(new Event('resize'));
    await new Promise((done) => requestAnimationFrame(done));
    await new Promise((done) => requestAnimationFrame(done));
    expect(document.querySelector('eip-compare')).toBeNull();
    expect(recordsOf(document).ofJob('j1')).toHaveLength(0);
  });
});

describe('loading the compare code on demand', () => {
  const runtime = (sendMessage = vi.fn(async () => ({ res: true }))) =>
    ({
      id: 'ext',
      sendMessage,
      onMessage: { addListener: vi.fn(), removeListener: vi.fn() },
    }) as PageRuntime & {
      sendMessage: typeof sendMessage;
    };

  it('asks the background once, and the code opens the waiting job when it joins', () => {
    const world = freshWorld();
    const rt = runtime();
    requestCompare(world, rt, 'j1');
    expect(rt.sendMessage).toHaveBeenCalledWith(
      expect.objectContaining({ type: 'pageCompareOpen', data: { jobId: 'j1' } }),
    );
    const open = vi.fn();
    joinCompare(world, open);
    expect(open).toHaveBeenCalledWith('j1');
    expect(world.state.has(COMPARE_PENDING)).toBe(false);

    requestCompare(world, rt, 'j2'); // already here: no second load
    expect(open).toHaveBeenLastCalledWith('j2');
    expect(rt.sendMessage).toHaveBeenCalledTimes(1);
  });
});
