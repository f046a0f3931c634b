// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { bestCandidate } from '@/utils/page/image/best-url';
import { findImagesBySrc } from '@/utils/page/image/find';

const BASE = 'https://gallery.example.org/album/';

function page(html: string): Document {
  document.head.innerHTML = `<base href="${BASE}">`;
  document.body.innerHTML = html;
  return document;
}
const ids = (images: HTMLImageElement[]) => images.map((img) => img.id);
const img = (id: string) => document.getElementById(id) as HTMLImageElement;

/** happy-dom does not select from srcset: say what the browser showed, as Chromium would report it. */
function shows(el: HTMLImageElement, url: string) {
  Object.defineProperty(el, 'currentSrc', { configurable: true, get: () => url });
}

/** A loaded image of this natural size (happy-dom loads nothing). */
function naturalSize(el: HTMLImageElement, width: number, height: number) {
  Object.defineProperty(el, 'naturalWidth', { configurable: true, get: () => width });
  Object.defineProperty(el, 'naturalHeight', { configurable: true, get: () => height });
  Object.defineProperty(el, 'complete', { configurable: true, get: () => true });
}

afterEach(() => {
  document.head.innerHTML = '';
  document.body.innerHTML = '';
});

describe('findImagesBySrc', () => {
  it('matches src, relative URLs and every duplicate, and nothing else', () => {
    const doc = page(`
      <img id="abs" src="https://gallery.example.org/album/cat.jpg">
      <img id="rel" src="cat.jpg">
      <img id="root" src="/album/cat.jpg">
      <img id="other" src="dog.jpg">
      <img id="query" src="cat.jpg?v=2">`);
    expect(ids(findImagesBySrc(doc, 'https://gallery.example.org/album/cat.jpg'))).toEqual([
      'abs',
      'rel',
      'root',
    ]);
    expect(ids(findImagesBySrc(doc, 'cat.jpg'))).toEqual(['abs', 'rel', 'root']);
  });

  it('matches any srcset candidate, w or x, with commas in URLs', () => {
    const doc = page(`
      <img id="w" src="s.jpg" srcset="s.jpg 320w, /img/m,crop.jpg 640w, https://cdn.example.net/l.jpg 1280w">
      <img id="x" src="a.jpg" srcset="a.jpg 1x, a@2x.jpg 2x">`);
    expect(ids(findImagesBySrc(doc, 'https://gallery.example.org/img/m,crop.jpg'))).toEqual(['w']);
    expect(ids(findImagesBySrc(doc, 'https://cdn.example.net/l.jpg'))).toEqual(['w']);
    expect(ids(findImagesBySrc(doc, 'https://gallery.example.org/album/a@2x.jpg'))).toEqual(['x']);
  });

  it("matches a <picture>'s <source> candidates, but only those before the <img>", () => {
    const doc = page(`
      <picture>
        <source srcset="hero.avif 1x, hero@2x.avif 2x" type="image/avif">
        <source srcset="hero.webp" type="image/webp">
        <img id="pic" src="hero.jpg">
      </picture>`);
    expect(ids(findImagesBySrc(doc, `${BASE}hero@2x.avif`))).toEqual(['pic']);
    expect(ids(findImagesBySrc(doc, `${BASE}hero.webp`))).toEqual(['pic']);
    expect(ids(findImagesBySrc(doc, `${BASE}hero.jpg`))).toEqual(['pic']);
  });

  it('matches lazy data-src / data-srcset and currentSrc', () => {
    const doc = page(`
      <img id="lazy" src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" data-src="big.jpg">
      <img id="lazyset" data-srcset="p-1x.jpg 1x, p-2x.jpg 2x">
      <img id="shown" src="x.jpg">`);
    shows(img('shown'), `${BASE}from-srcset.jpg`);
    expect(ids(findImagesBySrc(doc, `${BASE}big.jpg`))).toEqual(['lazy']);
    expect(ids(findImagesBySrc(doc, `${BASE}p-2x.jpg`))).toEqual(['lazyset']);
    expect(ids(findImagesBySrc(doc, `${BASE}from-srcset.jpg`))).toEqual(['shown']);
  });

  it('finds images inside open shadow roots, nested ones too', () => {
    const doc = page(`<div id="host"></div><img id="light" src="cat.jpg">`);
    const outer = doc.getElementById('host')!.attachShadow({ mode: 'open' });
    outer.innerHTML = `<img id="in-shadow" src="cat.jpg"><span id="inner-host"></span>`;
    const inner = outer.getElementById('inner-host')!.attachShadow({ mode: 'open' });
    inner.innerHTML = `<picture><img id="deep" src="other.jpg" srcset="cat.jpg 2x"></picture>`;
    expect(ids(findImagesBySrc(doc, `${BASE}cat.jpg`)).sort()).toEqual(['deep', 'in-shadow', 'light']);
  });

  it('reaches closed shadow roots only through chrome.dom.openOrClosedShadowRoot, when it exists', () => {
    const doc = page(`<div id="host"></div>`);
    const host = doc.getElementById('host')!;
    const closed = host.attachShadow({ mode: 'closed' });
    closed.innerHTML = `<img id="hidden" src="cat.jpg">`;
    expect(findImagesBySrc(doc, `${BASE}cat.jpg`)).toEqual([]); // Firefox: no such API, no crash
    vi.stubGlobal('chrome', {
      dom: { openOrClosedShadowRoot: (el: Element) => (el === host ? closed : null) },
    });
    try {
      expect(ids(findImagesBySrc(doc, `${BASE}cat.jpg`))).toEqual(['hidden']);
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('returns nothing for an unparseable srcUrl', () => {
    const doc = page(`<img src="cat.jpg">`);
    vi.spyOn(doc, 'baseURI', 'get').mockReturnValue('not a base');
    expect(findImagesBySrc(doc, 'relative.jpg')).toEqual([]);
  });
});

describe('bestCandidate', () => {
  it('takes the widest w candidate, whatever the order', () => {
    page(`<img id="i" src="s.jpg" srcset="m.jpg 800w, xl.jpg 2400w, s.jpg 400w" sizes="50vw">`);
    expect(bestCandidate(img('i'))).toBe(`${BASE}xl.jpg`);
  });

  it('takes the densest x candidate, counting src as 1x', () => {
    page(`<img id="i" src="a.jpg" srcset="a@3x.jpg 3x, a@2x.jpg 2x">`);
    expect(bestCandidate(img('i'))).toBe(`${BASE}a@3x.jpg`);
    page(`<img id="j" src="big-src.jpg" srcset="tiny.jpg 0.5x">`);
    expect(bestCandidate(img('j'))).toBe(`${BASE}big-src.jpg`);
  });

  it('falls back to src when there is no srcset', () => {
    page(`<img id="i" src="only.png">`);
    expect(bestCandidate(img('i'))).toBe(`${BASE}only.png`);
  });

  it('keeps to the <source> the browser showed when it is a common raster format', () => {
    page(`
      <picture>
        <source media="(max-width: 1px)" srcset="crop-600.webp 600w, crop-1200.webp 1200w" type="image/webp">
        <source srcset="wide-800.webp 800w, wide-1600.webp 1600w" type="image/webp">
        <img id="i" src="wide.jpg" srcset="wide-3000.jpg 3000w">
      </picture>`);
    shows(img('i'), `${BASE}crop-600.webp`);
    expect(bestCandidate(img('i'))).toBe(`${BASE}crop-1200.webp`);
  });

  it('prefers a raster sibling over the AVIF the browser showed, skipping sources whose media does not apply', () => {
    page(`
      <picture>
        <source srcset="h-800.avif 800w, h-4000.avif 4000w" type="image/avif">
        <source media="(max-width: 1px)" srcset="mobile-2000.webp 2000w" type="image/webp">
        <source srcset="h-800.webp 800w, h-1600.webp 1600w" type="image/webp">
        <img id="i" src="h.jpg">
      </picture>`);
    shows(img('i'), `${BASE}h-800.avif`);
    expect(bestCandidate(img('i'))).toBe(`${BASE}h-1600.webp`);
  });

  it("uses the <img>'s own candidates when only non-raster sources exist", () => {
    page(`
      <picture>
        <source srcset="v.svg" type="image/svg+xml">
        <img id="i" src="v.png" srcset="v@2x.png 2x">
      </picture>`);
    shows(img('i'), `${BASE}v.svg`);
    expect(bestCandidate(img('i'))).toBe(`${BASE}v@2x.png`);
  });

  it('never lets a data-* attribute pick the URL while a real picture shows', () => {
    page(`<img id="i" src="small.jpg" data-srcset="huge-8000.jpg 8000w" data-src="huge.jpg">`);
    naturalSize(img('i'), 400, 300);
    expect(bestCandidate(img('i'))).toBe(`${BASE}small.jpg`);
    page(`<picture><source data-srcset="huge.webp 8000w" type="image/webp">
      <img id="p" src="shown.jpg" srcset="shown-800.jpg 800w"></picture>`);
    naturalSize(img('p'), 800, 600);
    expect(bestCandidate(img('p'))).toBe(`${BASE}shown-800.jpg`);
  });

  it('sends the lazy image when what shows is a tiny placeholder of at most 16 px', () => {
    page(`<img id="i" src="pixel.png" data-original="real.jpg" data-lazy="lazy.jpg">`);
    naturalSize(img('i'), 1, 1);
    expect(bestCandidate(img('i'))).toBe(`${BASE}lazy.jpg`);
    page(`<img id="j" src="spacer.png" data-src="real.jpg">`);
    naturalSize(img('j'), 17, 17);
    expect(bestCandidate(img('j'))).toBe(`${BASE}spacer.png`);
    page(`<img id="k" src="data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' width='400' height='300'/%3E"
      data-lazy-src="real-svgph.jpg">`);
    expect(bestCandidate(img('k'))).toBe(`${BASE}real-svgph.jpg`);
  });

  it('reads lazy data-srcset / data-src when the real attributes are placeholders', () => {
    page(`<img id="i" src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" data-src="real.jpg"
                data-srcset="real-500.jpg 500w, real-1500.jpg 1500w">`);
    expect(bestCandidate(img('i'))).toBe(`${BASE}real-1500.jpg`);
    page(`<img id="j" src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" data-src="real.jpg">`);
    shows(img('j'), '');
    expect(bestCandidate(img('j'))).toBe(`${BASE}real.jpg`);
  });
});
