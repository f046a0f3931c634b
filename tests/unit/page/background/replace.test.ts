// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { findBackgroundsBySrc } from '@/utils/page/background/find';
import { replaceBackground } from '@/utils/page/background/replace';
import { findMediaBySrc } from '@/utils/page/find-media';
import { createPageHandlers } from '@/utils/page/handlers';
import type { WaitForLoad } from '@/utils/page/common/load-wait';
import { shownVersion } from '@/utils/page/common/records';
import { showVersion } from '@/utils/page/common/show-version';

const BASE = 'https://gallery.example.org/';
const SRC = `${BASE}images/banner.png`;
const R1 = 'https://cdn.example.net/results/banner-2x.png';
const $ = (selector: string) => document.querySelector(selector) as HTMLElement;

/** happy-dom loads no images: each probe "loads" with a size per URL, as the browser would report. */
const sizes: Record<string, [number, number]> = { [SRC]: [320, 200], [R1]: [640, 400] };
const loads: WaitForLoad = async (img) => {
  const [width, height] = sizes[img.src] ?? [0, 0];
  Object.defineProperty(img, 'naturalWidth', { configurable: true, value: width });
  Object.defineProperty(img, 'naturalHeight', { configurable: true, value: height });
  return width > 0;
};
const refuses: WaitForLoad = async () => false;
const request = { jobId: 'j1', resultUrl: R1, label: 'HitPaw · 2×', srcUrl: SRC };
const opts = (waitForLoad = loads) => ({ loadTimeoutMs: 1000, waitForLoad });
const PAGE_STYLE = `width: 480px; background-image: url("${SRC}"), linear-gradient(red, blue); background-position: 10px 20px, 0px 0px;`;

beforeEach(() => {
  document.head.innerHTML = `<base href="${BASE}">`;
  document.body.innerHTML = `<div id="banner" style='${PAGE_STYLE}'></div><div id="other"></div>`;
});
afterEach(() => {
  vi.restoreAllMocks();
  document.body.innerHTML = '';
});

describe('CSS background swap', () => {
  it('is found by the URL of one of its layers, also where ::before / ::after draws it', () => {
    // happy-dom has no pseudo-element styles: these stand in for what Chromium computes.
    const computed = window.getComputedStyle.bind(window);
    const pseudoImage = `linear-gradient(red, red), url("${BASE}images/badge.png")`;
    vi.spyOn(window, 'getComputedStyle').mockImplementation((el, pseudo) => {
      if (!pseudo) return computed(el);
      const image = el.id === 'other' && pseudo === '::after' ? pseudoImage : 'none';
      return { getPropertyValue: () => image } as unknown as CSSStyleDeclaration;
    });
    expect(findBackgroundsBySrc(document, 'images/banner.png')).toEqual([
      { el: $('#banner'), pseudo: '', layer: 0 },
    ]);
    expect(findBackgroundsBySrc(document, 'images/badge.png')).toEqual([
      { el: $('#other'), pseudo: '::after', layer: 1 },
    ]);
    // Found, but not offered: a pseudo-element has no inline style to swap a layer in.
    expect(findMediaBySrc(document, 'images/badge.png')).toEqual({ kind: 'background', elements: [] });
    expect(findBackgroundsBySrc(document, 'images/other.png')).toEqual([]);
  });

  it('swaps that layer alone, keeps the others, and sizes an auto layer as the original picture', async () => {
    const banner = $('#banner');
    expect(await replaceBackground(banner, request, opts())).toBe('replaced');
    expect(banner.style.getPropertyValue('background-image')).toBe(
      `url("${R1}"), linear-gradient(red, blue)`,
    );
    expect(banner.style.getPropertyPriority('background-image')).toBe('important');
    expect(banner.style.getPropertyValue('background-size')).toBe('320px 200px, auto');
    expect(banner.style.getPropertyValue('background-position')).toBe('10px 20px, 0px 0px');
    expect(shownVersion(banner)).toBe('enhanced');

    expect(showVersion(document, 'j1', 'original')).toBe(1);
    expect(banner.getAttribute('style')).toBe(PAGE_STYLE);
    expect(showVersion(document, 'j1', 'enhanced')).toBe(1);
    expect(banner.style.getPropertyValue('background-image')).toContain(R1);
  });

  it('changes nothing when the result does not load', async () => {
    expect(await replaceBackground($('#banner'), request, opts(refuses))).toBe('refused');
    expect($('#banner').getAttribute('style')).toBe(PAGE_STYLE);
    expect(shownVersion($('#banner'))).toBeNull();
  });

  it('goes through pageReplace like an image, and reports the size of the result', async () => {
    const handlers = createPageHandlers(document, { waitForLoad: loads });
    const reply = await handlers.replace({ jobId: 'j1', srcUrl: SRC, resultUrl: R1, label: 'x' });
    expect(reply).toEqual({ outcome: 'replaced', replacedCount: 1, naturalWidth: 640, naturalHeight: 400 });
  });
});
