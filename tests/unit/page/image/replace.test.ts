// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { WaitForLoad } from '@/utils/page/common/load-wait';
import { replaceImage } from '@/utils/page/image/replace';
import { entryOf, shownVersion } from '@/utils/page/common/records';
import { showVersion } from '@/utils/page/common/show-version';

const BASE = 'https://gallery.example.org/album/';
const R1 = 'https://cdn.example.net/results/one.png';
const R2 = 'https://cdn.example.net/results/two.png';
/** The URL each job was made for (what the person clicked). */
const SRC = `${BASE}cat.jpg`;

/** A test DOM loads no images: these stand in for the browser, firing the events it would. */
const loads = vi.fn<WaitForLoad>(async (img) => {
  img.dispatchEvent(new Event('load'));
  return true;
});
const refuses = vi.fn<WaitForLoad>(async (img) => {
  img.dispatchEvent(new Event('error')); // what a CSP `img-src` refusal looks like
  return false;
});
const opts = (waitForLoad: WaitForLoad) => ({ loadTimeoutMs: 1000, waitForLoad });

/** Every attribute of `root` and its descendants except the page code's own bookkeeping. */
function snapshot(root: Element): string[] {
  return [root, ...Array.from(root.querySelectorAll('*'))].map(
    (el) =>
      `${el.localName}: ` +
      Array.from(el.attributes)
        .filter((a) => !a.name.startsWith('data-eip-'))
        .map((a) => `${a.name}=${JSON.stringify(a.value)}`)
        .join(' '),
  );
}
const bookkeeping = (root: Element) =>
  [root, ...Array.from(root.querySelectorAll('*'))].flatMap((el) =>
    el.getAttributeNames().filter((n) => n.startsWith('data-eip-')),
  );
const $ = (selector: string) => document.querySelector(selector) as HTMLImageElement;

beforeEach(() => {
  document.head.innerHTML = `<base href="${BASE}">`;
});
afterEach(() => {
  document.body.innerHTML = '';
  vi.useRealTimers();
});

describe('replaceImage + showVersion', () => {
  it('swaps in the result alone and restores the original exactly', async () => {
    document.body.innerHTML = `<div id="box"><img id="i" class="photo" alt="A cat" loading="lazy"
      src="cat.jpg" srcset="cat-400.jpg 400w, cat-800.jpg 800w" sizes="(min-width: 600px) 50vw, 100vw"
      width="400" height="300" data-src="cat.jpg"></div>`;
    const box = $('#box');
    const before = snapshot(box);
    const img = $('#i');

    expect(
      await replaceImage(img, { jobId: 'j1', resultUrl: R1, label: 'HitPaw · 2×', srcUrl: SRC }, opts(loads)),
    ).toBe('replaced');
    expect(img.getAttribute('src')).toBe(R1);
    expect(img.getAttribute('srcset')).toBe('');
    expect(img.getAttribute('sizes')).toBe('');
    expect(bookkeeping(box)).toEqual([]); // nothing of ours the page could read or forge
    expect(shownVersion(img)).toBe('enhanced');
    expect(entryOf(img)?.record).toEqual({ job: 'j1', url: R1, label: 'HitPaw · 2×', srcUrl: SRC });

    expect(showVersion(document, 'j1', 'original')).toBe(1);
    expect(snapshot(box)).toEqual(before);
    expect(bookkeeping(box)).toEqual([]);
    expect(showVersion(document, 'j1', 'original')).toBe(0);

    expect(showVersion(document, 'j1', 'enhanced')).toBe(1);
    expect(img.getAttribute('src')).toBe(R1);
    expect(img.getAttribute('srcset')).toBe('');
    expect(showVersion(document, 'j1', 'original')).toBe(1);
    expect(snapshot(box)).toEqual(before);
  });

  it('neutralises and restores the <source> elements of a <picture>', async () => {
    document.body.innerHTML = `<picture id="p">
      <source type="image/avif" srcset="h.avif 1x, h@2x.avif 2x" sizes="100vw">
      <source type="image/webp" srcset="h.webp" media="(min-width: 800px)">
      <img id="i" src="h.jpg" alt="">
    </picture>`;
    const picture = $('#p');
    const before = snapshot(picture);

    expect(
      await replaceImage($('#i'), { jobId: 'j1', resultUrl: R1, label: '', srcUrl: SRC }, opts(loads)),
    ).toBe('replaced');
    const sources = Array.from(picture.querySelectorAll('source'));
    expect(sources.map((s) => [s.getAttribute('srcset'), s.getAttribute('sizes')])).toEqual([
      ['', ''],
      ['', null],
    ]);
    expect(showVersion(document, 'j1', 'original')).toBe(1);
    expect(snapshot(picture)).toEqual(before);
    expect(bookkeeping(picture)).toEqual([]);
  });

  it('on a refused result puts everything back exactly and leaves no record', async () => {
    document.body.innerHTML = `<picture id="p"><source srcset="h.webp 1x" type="image/webp">
      <img id="i" src="h.jpg" srcset="h@2x.jpg 2x" style="border: 1px solid red;"></picture>`;
    const picture = $('#p');
    const before = snapshot(picture);

    expect(
      await replaceImage($('#i'), { jobId: 'j1', resultUrl: R1, label: '', srcUrl: SRC }, opts(refuses)),
    ).toBe('refused');
    expect(snapshot(picture)).toEqual(before);
    expect(bookkeeping(picture)).toEqual([]);
    expect(showVersion(document, 'j1', 'original')).toBe(0);
  });

  it('keeps the very first original when a second job replaces an enhanced image', async () => {
    document.body.innerHTML = `<p id="box"><img id="i" src="cat.jpg" srcset="cat@2x.jpg 2x"></p>`;
    const before = snapshot($('#box'));
    const img = $('#i');
    await replaceImage(img, { jobId: 'j1', resultUrl: R1, label: 'one', srcUrl: SRC }, opts(loads));
    expect(
      await replaceImage(img, { jobId: 'j2', resultUrl: R2, label: 'two', srcUrl: SRC }, opts(loads)),
    ).toBe('replaced');

    expect(img.getAttribute('src')).toBe(R2);
    expect(showVersion(document, 'j1', 'original')).toBe(0); // j2 owns the element now
    expect(showVersion(document, 'j2', 'original')).toBe(1);
    expect(snapshot($('#box'))).toEqual(before);
  });

  it("goes back to the earlier job's result when a second job's result is refused", async () => {
    document.body.innerHTML = `<img id="i" src="cat.jpg">`;
    const img = $('#i');
    await replaceImage(img, { jobId: 'j1', resultUrl: R1, label: '', srcUrl: SRC }, opts(loads));
    expect(
      await replaceImage(img, { jobId: 'j2', resultUrl: R2, label: '', srcUrl: SRC }, opts(refuses)),
    ).toBe('refused');
    expect(img.getAttribute('src')).toBe(R1);
    expect(shownVersion(img)).toBe('enhanced');
    expect(showVersion(document, 'j1', 'original')).toBe(1);
    expect(img.getAttribute('src')).toBe('cat.jpg');
  });

  it('is a no-op when the same job replaces again, even while the first swap is loading', async () => {
    document.body.innerHTML = `<img id="i" src="cat.jpg">`;
    const img = $('#i');
    const request = { jobId: 'j1', resultUrl: R1, label: '', srcUrl: SRC };
    const loads = vi.fn<WaitForLoad>(async () => true);
    const first = replaceImage(img, request, opts(loads));
    const second = replaceImage(img, request, opts(loads));
    expect(await Promise.all([first, second])).toEqual(['replaced', 'replaced']);
    const attributes = img.outerHTML;
    expect(await replaceImage(img, request, opts(loads))).toBe('replaced');
    expect(loads).toHaveBeenCalledTimes(1);
    expect(img.outerHTML).toBe(attributes);

    showVersion(document, 'j1', 'original'); // the person's choice is kept by a repeated delivery
    expect(await replaceImage(img, request, opts(loads))).toBe('replaced');
    expect(img.getAttribute('src')).toBe('cat.jpg');
  });

  it('counts only the elements it changes, per job', async () => {
    document.body.innerHTML = `<img id="a" src="cat.jpg"><img id="b" src="cat.jpg"><img id="c" src="dog.jpg">`;
    await Promise.all([
      replaceImage($('#a'), { jobId: 'j1', resultUrl: R1, label: '', srcUrl: SRC }, opts(loads)),
      replaceImage($('#b'), { jobId: 'j1', resultUrl: R1, label: '', srcUrl: SRC }, opts(loads)),
      replaceImage($('#c'), { jobId: 'j2', resultUrl: R2, label: '', srcUrl: SRC }, opts(loads)),
    ]);
    expect(showVersion(document, 'j1', 'enhanced')).toBe(0);
    expect(showVersion(document, 'j1', 'original')).toBe(2);
    expect(showVersion(document, 'j1', 'original')).toBe(0);
    expect(showVersion(document, 'j2', 'original')).toBe(1);
    expect(showVersion(document, 'nope', 'original')).toBe(0);
    expect(showVersion(document, 'j1', 'enhanced')).toBe(2);
  });

  it('leaves an element alone once the page has set its own src', async () => {
    document.body.innerHTML = `<img id="i" src="cat.jpg">`;
    const img = $('#i');
    await replaceImage(img, { jobId: 'j1', resultUrl: R1, label: '', srcUrl: SRC }, opts(loads));
    img.src = 'slide-2.jpg'; // a carousel reusing the element
    expect(showVersion(document, 'j1', 'original')).toBe(0);
    expect(img.getAttribute('src')).toBe('slide-2.jpg');
    expect(bookkeeping(document.body)).toEqual([]);
  });

  it('shows the original again when a re-shown result no longer loads', async () => {
    document.body.innerHTML = `<img id="i" src="cat.jpg">`;
    const img = $('#i');
    await replaceImage(img, { jobId: 'j1', resultUrl: R1, label: '', srcUrl: SRC }, opts(loads));
    showVersion(document, 'j1', 'original');
    showVersion(document, 'j1', 'enhanced');
    img.dispatchEvent(new Event('error')); // e.g. the result link expired
    expect(img.getAttribute('src')).toBe('cat.jpg');
    expect(shownVersion(img)).toBe('original');
  });
});

describe('layout box', () => {
  /** Lays the image out at its intrinsic size unless inline width/height hold it (CSS size: `fixed`). */
  function layout(img: HTMLImageElement, fixed = false) {
    let intrinsic = { width: 400, height: 300 };
    vi.spyOn(img, 'getBoundingClientRect').mockImplementation(() => {
      const width = fixed ? 400 : Number.parseFloat(img.style.width) || intrinsic.width;
      const height = fixed ? 300 : Number.parseFloat(img.style.height) || intrinsic.height;
      return { width, height, top: 0, left: 0, right: width, bottom: height, x: 0, y: 0 } as DOMRect;
    });
    const bigResult: WaitForLoad = async (el) => {
      intrinsic = { width: 1600, height: 1200 };
      el.dispatchEvent(new Event('load'));
      return true;
    };
    return bigResult;
  }

  it('pins the rendered size when the bigger result would change it, and unpins on restore', async () => {
    document.body.innerHTML = `<img id="i" src="cat.jpg" style="border: 1px solid red;">`;
    const img = $('#i');
    const originalStyle = img.getAttribute('style');
    await replaceImage(img, { jobId: 'j1', resultUrl: R1, label: '', srcUrl: SRC }, opts(layout(img)));
    expect(img.style.width).toBe('400px');
    expect(img.style.height).toBe('300px');
    expect(img.getBoundingClientRect().width).toBe(400);

    showVersion(document, 'j1', 'original');
    expect(img.getAttribute('style')).toBe(originalStyle);
    showVersion(document, 'j1', 'enhanced');
    expect([img.style.width, img.style.height]).toEqual(['400px', '300px']);
  });

  it('removes a style attribute it had to add', async () => {
    document.body.innerHTML = `<img id="i" src="cat.jpg">`;
    const img = $('#i');
    await replaceImage(img, { jobId: 'j1', resultUrl: R1, label: '', srcUrl: SRC }, opts(layout(img)));
    expect(img.style.width).toBe('400px');
    showVersion(document, 'j1', 'original');
    expect(img.hasAttribute('style')).toBe(false);
  });

  it('does not pin when CSS already holds the box', async () => {
    document.body.innerHTML = `<img id="i" src="cat.jpg">`;
    const img = $('#i');
    await replaceImage(img, { jobId: 'j1', resultUrl: R1, label: '', srcUrl: SRC }, opts(layout(img, true)));
    expect(img.hasAttribute('style')).toBe(false);
  });

  it('keeps the first pin through a second job', async () => {
    document.body.innerHTML = `<img id="i" src="cat.jpg">`;
    const img = $('#i');
    const wait = layout(img);
    await replaceImage(img, { jobId: 'j1', resultUrl: R1, label: '', srcUrl: SRC }, opts(wait));
    await replaceImage(img, { jobId: 'j2', resultUrl: R2, label: '', srcUrl: SRC }, opts(wait));
    showVersion(document, 'j2', 'original');
    expect(img.hasAttribute('style')).toBe(false);
    showVersion(document, 'j2', 'enhanced');
    expect([img.style.width, img.style.height]).toEqual(['400px', '300px']);
  });
});
