// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { backgroundUrls, candidateAt, deepHits, mediaElements } from '@/utils/page/pick/candidates';

afterEach(() => {
  document.body.innerHTML = '';
  delete (document as Partial<Document>).elementsFromPoint;
});

/** happy-dom has no hit testing: answer as Chromium would at the point under test. */
function hitsAt(root: Document | ShadowRoot, hits: Element[]) {
  Object.defineProperty(root, 'elementsFromPoint', { value: () => hits, configurable: true });
}

const ids = (list: { el: Element }[]) => list.map((c) => c.el.id);

/** happy-dom lays nothing out: give elements the boxes a browser would. */
function place(el: Element, left: number, top: number, width: number, height: number) {
  vi.spyOn(el, 'getBoundingClientRect').mockReturnValue({
    left,
    top,
    width,
    height,
    right: left + width,
    bottom: top + height,
    x: left,
    y: top,
    toJSON: () => ({}),
  } as DOMRect);
}

describe('background-image candidates', () => {
  it('reads url() layers and skips gradients and none', () => {
    document.body.innerHTML = `
      <div id="hero" style="background-image: linear-gradient(red, blue), url('https://cdn.example/hero.jpg')"></div>
      <div id="plain" style="background-image: linear-gradient(red, blue)"></div>
      <div id="none"></div>`;
    expect(backgroundUrls(document.getElementById('hero')!)).toEqual(['https://cdn.example/hero.jpg']);
    expect(backgroundUrls(document.getElementById('plain')!)).toEqual([]);
    expect(backgroundUrls(document.getElementById('none')!)).toEqual([]);
  });

  it('offers images and CSS backgrounds for image operations, videos for video ones, never our own UI', () => {
    document.body.innerHTML = `
      <img id="photo" src="https://cdn.example/a.jpg">
      <picture><source srcset="b.webp"><img id="pictured" src="https://cdn.example/b.jpg"></picture>
      <div id="tile" style="background-image: url(https://cdn.example/tile.png)"></div>
      <video id="clip" src="https://cdn.example/c.mp4"></video>
      <eip-marker id="ours" style="background-image: url(https://cdn.example/x.png)"></eip-marker>
      <p id="text">words</p>`;
    expect(ids(mediaElements(document, 'image'))).toEqual(['photo', 'pictured', 'tile']);
    expect(mediaElements(document, 'image').map((c) => c.kind)).toEqual(['image', 'image', 'background']);
    expect(ids(mediaElements(document, 'video'))).toEqual(['clip']);
  });

  it('finds images inside open shadow roots', () => {
    const host = document.createElement('x-card');
    host.attachShadow({ mode: 'open' }).innerHTML = '<img id="inner" src="https://cdn.example/in.jpg">';
    document.body.append(host);
    expect(ids(mediaElements(document, 'image'))).toEqual(['inner']);
  });
});

describe('hit testing into shadow roots', () => {
  it('goes on inside a shadow root where the document stops at its host', () => {
    const host = document.createElement('x-card');
    const shadow = host.attachShadow({ mode: 'open' });
    shadow.innerHTML = '<img id="inner">';
    document.body.append(host);
    const inner = shadow.getElementById('inner')!;
    // What Chromium returns (measured): the document stops at the host; the root lists its own, then the host's chain.
    hitsAt(document, [host, document.body, document.documentElement]);
    hitsAt(shadow, [inner, host, document.body, document.documentElement]);
    expect(deepHits(document, 5, 5)).toEqual([inner, host, document.body, document.documentElement]);
  });
});

describe('candidateAt', () => {
  it('picks an image that hit testing skips (pointer-events: none) under a transparent overlay', () => {
    document.body.innerHTML = `
      <div id="figure"><img id="photo" src="https://cdn.example/a.jpg" style="pointer-events:none"><div id="overlay"></div></div>`;
    const [figure, photo, overlay] = ['figure', 'photo', 'overlay'].map((id) => document.getElementById(id)!);
    place(photo!, 10, 10, 300, 200);
    place(overlay!, 10, 10, 300, 200);
    hitsAt(document, [overlay!, figure!, document.body, document.documentElement]);
    const found = candidateAt(document, mediaElements(document, 'image'), 100, 100);
    expect(found?.el).toBe(photo);
    expect(found?.rect).toEqual({ left: 10, top: 10, width: 300, height: 200 });
    expect(candidateAt(document, mediaElements(document, 'image'), 500, 500)).toBeUndefined();
  });

  it('prefers the image over the page-wide background behind it', () => {
    document.body.innerHTML = `<main id="page" style="background-image: url(https://cdn.example/bg.jpg)"><img id="photo" src="https://cdn.example/a.jpg"></main>`;
    const [page, photo] = ['page', 'photo'].map((id) => document.getElementById(id)!);
    place(page!, 0, 0, 1200, 3000);
    place(photo!, 100, 100, 300, 200);
    hitsAt(document, [photo!, page!, document.body, document.documentElement]);
    expect(candidateAt(document, mediaElements(document, 'image'), 150, 150)?.el).toBe(photo);
    expect(candidateAt(document, mediaElements(document, 'image'), 900, 900)?.el).toBe(page);
  });
});
