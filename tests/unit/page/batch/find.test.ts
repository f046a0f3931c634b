// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { findBatchImages, MIN_SIDE } from '@/utils/page/batch/find';

afterEach(() => {
  document.body.innerHTML = '';
  vi.restoreAllMocks();
});

/** happy-dom lays nothing out: give elements the boxes a browser would. */
function size(el: Element, width: number, height: number) {
  vi.spyOn(el, 'getBoundingClientRect').mockReturnValue({
    left: 0,
    top: 0,
    width,
    height,
    right: width,
    bottom: height,
    x: 0,
    y: 0,
    toJSON: () => ({}),
  } as DOMRect);
}

/** What the browser knows of a loaded image. */
function loaded(img: HTMLImageElement, width: number, height: number) {
  Object.defineProperty(img, 'naturalWidth', { value: width });
  Object.defineProperty(img, 'naturalHeight', { value: height });
  Object.defineProperty(img, 'currentSrc', { value: img.src });
}

const byId = <E extends Element>(id: string, root: Document | ShadowRoot = document) =>
  root.querySelector<E>(`#${id}`)!;

describe('the images a batch lists', () => {
  it(`keeps images of at least ${MIN_SIDE} px a side as laid out, whatever their natural size`, async () => {
    document.body.innerHTML = `
      <img id="big" src="https://cdn.example/big.jpg">
      <img id="edge" src="https://cdn.example/edge.jpg">
      <img id="thin" src="https://cdn.example/thin.jpg">
      <img id="icon" src="https://cdn.example/large-file-as-icon.png">`;
    for (const [id, w, h] of [
      ['big', 300, 200],
      ['edge', 64, 64],
      ['thin', 400, 63],
      ['icon', 16, 16],
    ] as const) {
      size(byId(id), w, h);
      loaded(byId(id), 1200, 800);
    }
    const found = await findBatchImages(document);
    expect(found.map((i) => i.url)).toEqual(['https://cdn.example/big.jpg', 'https://cdn.example/edge.jpg']);
    expect(found[0]).toEqual({ url: 'https://cdn.example/big.jpg', kind: 'image', width: 1200, height: 800 });
  });

  it('leaves out what is not rendered (display none, hidden, transparent)', async () => {
    document.body.innerHTML = `
      <img id="shown" src="https://cdn.example/a.jpg">
      <div style="display:none"><img id="gone" src="https://cdn.example/b.jpg"></div>
      <img id="hidden" style="visibility:hidden" src="https://cdn.example/c.jpg">
      <img id="clear" style="opacity:0" src="https://cdn.example/d.jpg">`;
    for (const id of ['shown', 'gone', 'hidden', 'clear']) {
      size(byId(id), 200, 100);
      loaded(byId(id), 200, 100);
    }
    // happy-dom has no checkVisibility: answer as Chromium does for these styles.
    const invisible = new Set(['gone', 'hidden', 'clear']);
    vi.spyOn(HTMLElement.prototype, 'checkVisibility').mockImplementation(function (this: HTMLElement) {
      return !invisible.has(this.id);
    });
    expect((await findBatchImages(document)).map((i) => i.url)).toEqual(['https://cdn.example/a.jpg']);
  });

  it('lists each URL once, and finds CSS backgrounds and images in open shadow roots', async () => {
    document.body.innerHTML = `
      <img id="one" src="https://cdn.example/same.jpg">
      <img id="two" src="https://cdn.example/same.jpg">
      <div id="tile" style="background-image: url(https://cdn.example/tile.png)"></div>`;
    const host = document.createElement('x-card');
    host.attachShadow({ mode: 'open' }).innerHTML = '<img id="inner" src="https://cdn.example/in.jpg">';
    document.body.append(host);
    for (const el of [byId('one'), byId('two'), byId('tile'), byId('inner', host.shadowRoot!)])
      size(el, 100, 100);
    for (const img of [byId<HTMLImageElement>('one'), byId<HTMLImageElement>('two')]) loaded(img, 100, 100);
    loaded(byId('inner', host.shadowRoot!), 240, 160);
    size(host, 100, 100);

    const found = await findBatchImages(document);
    expect(found.map((i) => [i.url, i.kind])).toEqual([
      ['https://cdn.example/same.jpg', 'image'],
      ['https://cdn.example/tile.png', 'background'],
      ['https://cdn.example/in.jpg', 'image'],
    ]);
  });

  it('never lists our own UI', async () => {
    document.body.innerHTML = `<eip-batch id="ours" style="background-image: url(https://cdn.example/x.png)"></eip-batch>`;
    size(byId('ours'), 500, 500);
    expect(await findBatchImages(document)).toEqual([]);
  });
});
