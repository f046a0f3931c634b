// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { replaceImage } from '@/utils/page/image/replace';
import { startPageCode, type PageCode } from '@/utils/page/page-code';
import { createMarkerLayer } from '@/utils/page/common/marker';
import { recordsOf, shownVersion } from '@/utils/page/common/records';
import { showVersion } from '@/utils/page/common/show-version';

const R1 = 'https://cdn.example.net/results/one.png';
const loads = async () => true;
let layer: Pick<PageCode, 'destroy'> | undefined;
/** The markers as the page code runs them: following its memory and the page's mutations. */
const createLayer = () => startPageCode(document);

const buttons = () =>
  Array.from(document.querySelectorAll('eip-markers')).flatMap((host) =>
    Array.from(host.shadowRoot!.querySelectorAll('button')),
  );
const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
/** Mutation records arrive in a microtask, and the layer then waits for an animation frame. */
const nextFrame = async () => {
  await Promise.resolve();
  await frame();
  await frame();
};
const $ = (selector: string) => document.querySelector(selector) as HTMLImageElement;

async function replaced(selector: string, jobId = 'j1') {
  const img = $(selector);
  vi.spyOn(img, 'getBoundingClientRect').mockReturnValue({
    left: 100,
    top: 50,
    width: 400,
    height: 300,
  } as DOMRect);
  await replaceImage(
    img,
    { jobId, resultUrl: R1, label: 'HitPaw · General 2×', srcUrl: 'https://gallery.example.org/cat.jpg' },
    { loadTimeoutMs: 1000, waitForLoad: loads },
  );
  return img;
}

beforeEach(() => {
  document.body.innerHTML = `<a href="/photo"><img id="i" src="https://gallery.example.org/cat.jpg"></a>`;
});
afterEach(() => {
  layer?.destroy();
  layer = undefined;
  vi.useRealTimers();
});

describe('marker layer', () => {
  it('adds an accessible toggle button over each replaced image, by itself', async () => {
    layer = createLayer();
    expect(document.querySelectorAll('eip-markers')).toHaveLength(0); // no footprint until needed
    await replaced('#i');
    await nextFrame();
    const [button] = buttons();
    expect(button).toBeDefined();
    expect(button!.type).toBe('button');
    expect(button!.textContent).toBe('Enhanced · Show original');
    expect(button!.title).toBe('HitPaw · General 2×');
    expect(button!.style.transform).toBe('translate(106px, 56px)');
  });

  it('toggles the image between its versions on click, without the click reaching the page', async () => {
    const img = await replaced('#i');
    layer = createLayer();
    const pageClicks = vi.fn();
    document.addEventListener('click', pageClicks);
    const button = buttons()[0]!;

    button.click();
    expect(shownVersion(img)).toBe('original');
    expect(img.getAttribute('src')).toBe('https://gallery.example.org/cat.jpg');
    expect(button.textContent).toBe('Original · Show enhanced');
    button.click();
    expect(shownVersion(img)).toBe('enhanced');
    expect(button.textContent).toBe('Enhanced · Show original');
    expect(pageClicks).not.toHaveBeenCalled();
    document.removeEventListener('click', pageClicks);
  });

  it('shows the marker while the image or the marker is hovered', async () => {
    const img = await replaced('#i');
    layer = createLayer();
    vi.useFakeTimers();
    const button = buttons()[0]!;
    expect(button.classList.contains('shown')).toBe(false);
    img.dispatchEvent(new Event('pointerenter'));
    expect(button.classList.contains('shown')).toBe(true);
    img.dispatchEvent(new Event('pointerleave'));
    button.dispatchEvent(new Event('pointerenter')); // moving onto the pill keeps it
    vi.advanceTimersByTime(1000);
    expect(button.classList.contains('shown')).toBe(true);
    button.dispatchEvent(new Event('pointerleave'));
    vi.advanceTimersByTime(1000);
    expect(button.classList.contains('shown')).toBe(false);
  });

  it('removes the marker when the image leaves the DOM or the page takes it over', async () => {
    await replaced('#i');
    layer = createLayer();
    expect(buttons()).toHaveLength(1);
    $('#i').src = 'https://gallery.example.org/next-slide.jpg';
    await vi.waitFor(() => expect(buttons()).toHaveLength(0));

    document.body.innerHTML = `<a><img id="again" src="https://gallery.example.org/other.jpg"></a>`;
    await replaced('#again', 'j2');
    await nextFrame();
    expect(buttons()).toHaveLength(1);
    $('#again').remove();
    await vi.waitFor(() => expect(buttons()).toHaveLength(0));
  });

  it('reads its text and tooltip from its own memory only: forged attributes get no marker', async () => {
    document.body.innerHTML = `<img id="forged" src="https://gallery.example.org/cat.jpg"
      data-eip-job="j1" data-eip-shown="original"
      data-eip-enhanced='{"job":"j1","url":"https://evil.example/x.png","label":"Forged"}'>`;
    layer = createLayer();
    await nextFrame();
    expect(buttons()).toHaveLength(0);
    expect(showVersion(document, 'j1', 'enhanced')).toBe(0);
    expect($('#forged').getAttribute('src')).toBe('https://gallery.example.org/cat.jpg');
  });

  it("replaces a previous injection's layer, and leaves nothing behind when destroyed", async () => {
    await replaced('#i');
    const show = () => undefined;
    const first = createMarkerLayer(document, recordsOf(document), show);
    const second = createMarkerLayer(document, recordsOf(document), show);
    second.sync();
    expect(document.querySelectorAll('eip-markers')).toHaveLength(1);
    expect(buttons()).toHaveLength(1);
    first.destroy();
    second.destroy();
    expect(document.querySelectorAll('eip-markers')).toHaveLength(0);
  });
});
