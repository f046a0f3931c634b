// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { backdropDeclarations, sameBackdrop } from '@/utils/page/image/backdrop';
import type { WaitForLoad } from '@/utils/page/common/load-wait';
import { createPageHandlers } from '@/utils/page/handlers';
import { replaceImage } from '@/utils/page/image/replace';
import { shownVersion } from '@/utils/page/common/records';
import { showVersion } from '@/utils/page/common/show-version';

const BASE = 'https://gallery.example.org/album/';
const R1 = 'https://cdn.example.net/results/cutout.png';
const R2 = 'https://cdn.example.net/results/upscaled.png';
const SRC = `${BASE}cat.jpg`;
const $ = (selector: string) => document.querySelector(selector) as HTMLImageElement;
const loads: WaitForLoad = async (img) => {
  img.dispatchEvent(new Event('load'));
  return true;
};
const refuses: WaitForLoad = async () => false;
const opts = (waitForLoad: WaitForLoad = loads) => ({ loadTimeoutMs: 1000, waitForLoad });
const background = (img: HTMLElement) =>
  ['background-color', 'background-image', 'background-size'].map(
    (name) => `${img.style.getPropertyValue(name)}${img.style.getPropertyPriority(name) ? ' !' : ''}`,
  );
/** The page's own inline style, with a lazy loader's blurred placeholder behind the image. */
const PAGE_STYLE = 'border: 1px solid red; background-image: url("blur.jpg"); background-size: cover;';

beforeEach(() => {
  document.head.innerHTML = `<base href="${BASE}">`;
  document.body.innerHTML = `<img id="i" src="cat.jpg" style='${PAGE_STYLE}'><img id="plain" src="dog.jpg">`;
});
afterEach(() => {
  document.body.innerHTML = '';
});

describe('backdropDeclarations', () => {
  it('sets nothing for transparent, a colour (covering placeholders) or a CSS checkerboard', () => {
    expect(backdropDeclarations(undefined)).toEqual([]);
    expect(backdropDeclarations('transparent')).toEqual([]);
    expect(backdropDeclarations('white')).toEqual([
      ['background-color', '#ffffff'],
      ['background-image', 'none'],
    ]);
    expect(backdropDeclarations('#1A2B3C')).toEqual([
      ['background-color', '#1a2b3c'],
      ['background-image', 'none'],
    ]);
    const checker = Object.fromEntries(backdropDeclarations('checkerboard'));
    expect(checker['background-image']).toMatch(/^repeating-conic-gradient\(/);
    expect(checker['background-size']).toBe('16px 16px');
    expect(checker['background-repeat']).toBe('repeat');
  });

  it('compares colours case-insensitively and treats none as transparent', () => {
    expect(sameBackdrop('#ABCDEF', '#abcdef')).toBe(true);
    expect(sameBackdrop(undefined, 'transparent')).toBe(true);
    expect(sameBackdrop('white', 'checkerboard')).toBe(false);
  });
});

describe('backdrop on a replaced image', () => {
  it('shows the backdrop with the result only, and restores the style exactly with the original', async () => {
    const img = $('#i');
    const request = { jobId: 'j1', resultUrl: R1, label: '', srcUrl: SRC, backdrop: '#336699' as const };
    expect(await replaceImage(img, request, opts())).toBe('replaced');
    expect(background(img)).toEqual(['#336699 !', 'none !', 'cover']);

    showVersion(document, 'j1', 'original');
    expect(img.getAttribute('style')).toBe(PAGE_STYLE);
    showVersion(document, 'j1', 'enhanced');
    expect(background(img)).toEqual(['#336699 !', 'none !', 'cover']);
  });

  it('removes a style attribute it had to add', async () => {
    await replaceImage(
      $('#plain'),
      { jobId: 'j1', resultUrl: R1, label: '', srcUrl: SRC, backdrop: 'checkerboard' },
      opts(),
    );
    expect($('#plain').style.getPropertyValue('background-image')).toMatch(/conic/);
    showVersion(document, 'j1', 'original');
    expect($('#plain').hasAttribute('style')).toBe(false);
  });

  it('leaves the style untouched when the result is refused', async () => {
    const request = { jobId: 'j1', resultUrl: R1, label: '', srcUrl: SRC, backdrop: 'white' as const };
    expect(await replaceImage($('#i'), request, opts(refuses))).toBe('refused');
    expect($('#i').getAttribute('style')).toBe(PAGE_STYLE);
  });

  it("drops an earlier job's backdrop when a later job replaces the image without one", async () => {
    const img = $('#i');
    await replaceImage(
      img,
      { jobId: 'j1', resultUrl: R1, label: '', srcUrl: SRC, backdrop: 'white' },
      opts(),
    );
    await replaceImage(img, { jobId: 'j2', resultUrl: R2, label: '', srcUrl: SRC }, opts());
    expect(background(img)).toEqual(['', 'url("blur.jpg")', 'cover']);
    showVersion(document, 'j2', 'original');
    expect(img.getAttribute('style')).toBe(PAGE_STYLE);
  });
});

describe('pageBackdrop', () => {
  it("changes the backdrop of the job's images, shown or not, and counts them", async () => {
    document.body.innerHTML += `<img id="copy" src="cat.jpg">`;
    const handlers = createPageHandlers(document, { waitForLoad: loads });
    const replaced = await handlers.replace({ jobId: 'j1', srcUrl: 'cat.jpg', resultUrl: R1, label: '' });
    expect(replaced).toMatchObject({ outcome: 'replaced', replacedCount: 2 });
    expect(background($('#i'))).toEqual(['', 'url("blur.jpg")', 'cover']); // no backdrop asked for

    expect(handlers.backdrop({ jobId: 'j1', backdrop: 'white' })).toEqual({ changed: 2 });
    expect(background($('#i'))).toEqual(['#ffffff !', 'none !', 'cover']);
    expect(handlers.backdrop({ jobId: 'j1', backdrop: 'white' })).toEqual({ changed: 0 });
    expect(handlers.backdrop({ jobId: 'other', backdrop: 'white' })).toEqual({ changed: 0 });

    handlers.show({ jobId: 'j1', version: 'original' });
    expect(handlers.backdrop({ jobId: 'j1', backdrop: 'checkerboard' })).toEqual({ changed: 2 });
    expect($('#i').getAttribute('style')).toBe(PAGE_STYLE); // the original stays as the page had it
    handlers.show({ jobId: 'j1', version: 'enhanced' });
    expect($('#i').style.getPropertyValue('background-image')).toMatch(/conic/);

    expect(handlers.backdrop({ jobId: 'j1', backdrop: 'transparent' })).toEqual({ changed: 2 });
    expect(background($('#i'))).toEqual(['', 'url("blur.jpg")', 'cover']);
    expect(shownVersion($('#i'))).toBe('enhanced');
  });

  it('takes a new backdrop from a repeated delivery of the same result', async () => {
    const handlers = createPageHandlers(document, { waitForLoad: loads });
    const delivery = { jobId: 'j1', srcUrl: 'dog.jpg', resultUrl: R1, label: '' };
    await handlers.replace({ ...delivery, backdrop: 'white' });
    await handlers.replace({ ...delivery, backdrop: '#000000' });
    expect($('#plain').style.getPropertyValue('background-color')).toBe('#000000');
  });

  it.each([
    { jobId: 'j1', backdrop: 'red' },
    { jobId: 'j1', backdrop: '#12345' },
    { jobId: 'j1', backdrop: 'url(x.png)' },
    { jobId: '', backdrop: 'white' },
    { jobId: 'j1' },
  ])('rejects the payload %j', (data) => {
    expect(() => createPageHandlers(document).backdrop(data)).toThrow();
  });

  it('rejects a replace payload with an invalid backdrop before touching the page', async () => {
    const before = document.body.innerHTML;
    const replace = createPageHandlers(document, { waitForLoad: loads }).replace;
    const payload = { jobId: 'j1', srcUrl: 'cat.jpg', resultUrl: R1, label: '', backdrop: 'red; x: y' };
    await expect(replace(payload)).rejects.toThrow();
    expect(document.body.innerHTML).toBe(before);
  });
});

describe('backdrop when the page takes the element over', () => {
  it('is taken away with our records, leaving the page its new image', async () => {
    const img = $('#i');
    await replaceImage(
      img,
      { jobId: 'j1', resultUrl: R1, label: '', srcUrl: SRC, backdrop: 'checkerboard' },
      opts(),
    );
    img.src = 'slide-2.png'; // a carousel reusing the element
    expect(showVersion(document, 'j1', 'original')).toBe(0);
    expect(img.getAttribute('src')).toBe('slide-2.png');
    expect(img.getAttribute('style')).toBe(PAGE_STYLE);
  });
});
