// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startPageCode, type PageCode } from '@/utils/page/page-code';
import type { WaitForLoad } from '@/utils/page/common/load-wait';

const BASE = 'https://gallery.example.org/';
const SRC = `${BASE}images/item.jpg`;
const R1 = 'https://cdn.example.net/results/item-2x.png';
const loads = vi.fn<WaitForLoad>(async () => true);
let page: PageCode | undefined;

const list = () => document.getElementById('list')!;
const shown = () => Array.from(list().querySelectorAll('img')).map((img) => img.getAttribute('src'));
const render = () =>
  (list().innerHTML = '<li><img src="images/item.jpg"></li><li><img src="images/other.jpg"></li>');

beforeEach(() => {
  document.head.innerHTML = `<base href="${BASE}">`;
  document.body.innerHTML = '<ul id="list"></ul>';
  render();
  loads.mockClear();
});
afterEach(() => {
  page?.destroy();
  page = undefined;
  vi.restoreAllMocks();
});

async function enhance() {
  page = startPageCode(document, { waitForLoad: loads });
  const reply = await page.handlers.replace({ jobId: 'j1', srcUrl: SRC, resultUrl: R1, label: 'x' });
  expect(reply).toMatchObject({ outcome: 'replaced', replacedCount: 1 });
}

describe('re-rendered elements', () => {
  it('get the finished result again when the page renders the element anew', async () => {
    await enhance();
    render(); // a list refresh: new elements showing the same original
    expect(shown()).toEqual(['images/item.jpg', 'images/other.jpg']);
    await vi.waitFor(() => expect(shown()).toEqual([R1, 'images/other.jpg']));
  });

  it('get it again when a framework sets the original src back, but the page wins a fight', async () => {
    await enhance();
    const img = list().querySelector('img')!;
    for (let round = 0; round < 3; round++) {
      img.setAttribute('src', 'images/item.jpg');
      await vi.waitFor(() => expect(img.getAttribute('src')).toBe(R1));
    }
    img.setAttribute('src', 'images/item.jpg'); // a fourth time: it keeps its own
    expect(page!.refresh()).toBe(0);
    expect(img.getAttribute('src')).toBe('images/item.jpg');
  });

  it("follow the person's choice: nothing is re-applied while the job shows the original", async () => {
    await enhance();
    expect(page!.handlers.show({ jobId: 'j1', version: 'original' })).toEqual({ changed: 1 });
    render();
    expect(page!.refresh()).toBe(0);
    expect(shown()).toEqual(['images/item.jpg', 'images/other.jpg']);

    page!.handlers.show({ jobId: 'j1', version: 'enhanced' });
    expect(page!.refresh()).toBe(1); // what the watcher does at the next change it sees
    await vi.waitFor(() => expect(shown()).toEqual([R1, 'images/other.jpg']));
  });

  it('are watched by one observer, and only once something is remembered', async () => {
    const observe = vi.spyOn(MutationObserver.prototype, 'observe');
    page = startPageCode(document, { waitForLoad: loads });
    expect(observe).not.toHaveBeenCalled(); // a page where nothing was replaced is not watched
    await page.handlers.replace({ jobId: 'j1', srcUrl: SRC, resultUrl: R1, label: 'x' });
    expect(observe).toHaveBeenCalledTimes(1);
    expect(observe.mock.calls[0]![0]).toBe(document);
    expect(loads).toHaveBeenCalledTimes(1);
  });
});
