// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { replaceImage } from '@/utils/page/image/replace';
import { recordsOf, shownVersion } from '@/utils/page/common/records';
import { showVersion } from '@/utils/page/common/show-version';
import { NOTICE_DURATION_MS } from '@/utils/page/common/notice';
import { createProgressHandler } from '@/utils/page/progress/progress';
import { FAILED_SHOW_MS, RING_PX, ringSpot } from '@/utils/page/progress/rings';

const SRC = 'https://gallery.example.org/cat.jpg';
const R1 = 'https://cdn.example.net/results/one.png';
const $ = (selector: string) => document.querySelector(selector) as HTMLImageElement;
const rings = () =>
  Array.from(document.querySelector('eip-progress')?.shadowRoot?.querySelectorAll('.ring') ?? []);
const toast = () => document.querySelector('eip-notices')?.shadowRoot?.querySelector('.toast') ?? null;
const actions = () => Array.from(toast()?.querySelectorAll<HTMLButtonElement>('button.action') ?? []);

let handler: ReturnType<typeof createProgressHandler>;
const compare = vi.fn();

beforeEach(() => {
  document.body.innerHTML = `<img id="i" src="${SRC}"><img id="other" src="https://gallery.example.org/x.jpg">`;
  vi.spyOn($('#i'), 'getBoundingClientRect').mockReturnValue({
    left: 100,
    top: 50,
    right: 500,
    width: 400,
    height: 300,
  } as DOMRect);
  recordsOf(document).tag('j1', [$('#i')]);
  compare.mockReset();
  handler = createProgressHandler(document, {
    show: (jobId, version) => void showVersion(document, jobId, version),
    compare,
  });
});
afterEach(() => {
  handler.destroy();
  document.querySelectorAll('eip-notices').forEach((host) => host.remove());
  vi.useRealTimers();
});

describe('the progress ring in the page', () => {
  it('sits on the top-right corner of its picture, inside it', () => {
    expect(ringSpot({ top: 50, right: 500, width: 400, height: 300 })).toEqual({
      x: 500 - RING_PX - 6,
      y: 56,
      hidden: false,
    });
    expect(ringSpot({ top: 0, right: 0, width: 0, height: 0 }).hidden).toBe(true);
  });

  it('spins with no value while the percentage is unknown, then shows the one the background knows', () => {
    handler.handle({ jobId: 'j1', phase: 'running', percent: null });
    const [ring] = rings();
    expect(rings()).toHaveLength(1);
    expect(ring!.getAttribute('role')).toBe('progressbar');
    expect(ring!.getAttribute('aria-label')).toBe('Enhancing this picture');
    expect(ring!.hasAttribute('aria-valuenow')).toBe(false);
    expect(ring!.classList.contains('spin')).toBe(true);
    expect((ring as HTMLElement).style.transform).toBe(`translate(${500 - RING_PX - 6}px, 56px)`);

    handler.handle({ jobId: 'j1', phase: 'running', percent: 42 });
    expect(rings()).toHaveLength(1); // the same ring, updated
    expect(ring!.getAttribute('aria-valuenow')).toBe('42');
    expect(ring!.textContent).toBe('42');
    expect(ring!.classList.contains('spin')).toBe(false);
  });

  it('never takes the pointer, and keeps out of the way of reduced motion', () => {
    handler.handle({ jobId: 'j1', phase: 'running', percent: null });
    const host = document.querySelector('eip-progress') as HTMLElement;
    expect(host.style.getPropertyValue('pointer-events')).toBe('none');
    const css = [...host.shadowRoot!.adoptedStyleSheets].map((s) =>
      [...s.cssRules].map((r) => r.cssText).join('\n'),
    );
    const text = css.join('\n') + (host.shadowRoot!.querySelector('style')?.textContent ?? '');
    expect(text).toMatch(/pointer-events: none/);
    expect(text).toMatch(/prefers-reduced-motion: reduce/);
  });

  it('shows rings only on elements the page code found for the job', () => {
    handler.handle({ jobId: 'unknown', phase: 'running', percent: 10 });
    expect(document.querySelector('eip-progress')).toBeNull();
  });

  it('goes when the job ends, and leaves no host behind', () => {
    handler.handle({ jobId: 'j1', phase: 'running', percent: null });
    handler.handle({ jobId: 'j1', phase: 'ended', percent: null });
    expect(document.querySelector('eip-progress')).toBeNull();
    expect(toast()).toBeNull(); // nothing was put in: no notice
  });

  it('a failure shows "!" for a moment, then the ring goes; a late report does not bring it back', () => {
    vi.useFakeTimers();
    handler.handle({ jobId: 'j1', phase: 'running', percent: 30 });
    handler.handle({ jobId: 'j1', phase: 'failed', percent: null });
    const [ring] = rings();
    expect(ring!.textContent).toBe('!');
    expect(ring!.getAttribute('role')).toBe('img');
    expect(ring!.getAttribute('aria-label')).toMatch(/failed/);
    handler.handle({ jobId: 'j1', phase: 'running', percent: 40 });
    expect(ring!.textContent).toBe('!');
    vi.advanceTimersByTime(FAILED_SHOW_MS);
    expect(document.querySelector('eip-progress')).toBeNull();
  });

  it('refuses a payload that does not pass the guard', () => {
    expect(() => handler.handle({ jobId: 'j1', phase: 'running', percent: 101 })).toThrow();
    expect(() => handler.handle({ jobId: 'j1', phase: 'running', percent: 4.5 })).toThrow();
    expect(() => handler.handle({ jobId: 'j1', phase: 'spinning', percent: null })).toThrow();
    expect(document.querySelector('eip-progress')).toBeNull();
  });
});

describe('the "Enhanced" notice', () => {
  async function finish() {
    handler.handle({ jobId: 'j1', phase: 'running', percent: null });
    await replaceImage(
      $('#i'),
      { jobId: 'j1', resultUrl: R1, label: 'HitPaw · General 2×', srcUrl: SRC },
      { loadTimeoutMs: 1000, waitForLoad: async () => true },
    );
    handler.handle({ jobId: 'j1', phase: 'done', percent: null });
  }

  it('says "Enhanced — Show original · Compare" once the result is in, and the ring is gone', async () => {
    await finish();
    expect(document.querySelector('eip-progress')).toBeNull();
    expect(toast()!.getAttribute('role')).toBe('status');
    expect(toast()!.querySelector('.text')!.textContent).toBe(
      'Enhance in Place: Enhanced — Show original · Compare',
    );
  });

  it('Show original flips the picture to the original and back, and says which it will show', async () => {
    await finish();
    const [flip] = actions();
    flip!.click();
    expect(shownVersion($('#i'))).toBe('original');
    expect($('#i').getAttribute('src')).toBe(SRC);
    expect(toast()!.querySelector('.text')!.textContent).toBe(
      'Enhance in Place: Original — Show enhanced · Compare',
    );
    flip!.click();
    expect(shownVersion($('#i'))).toBe('enhanced');
    expect(flip!.textContent).toBe('Show original');
  });

  it('Compare puts the enhanced picture back first, then opens the overlay for the job', async () => {
    await finish();
    const [flip, open] = actions();
    flip!.click();
    open!.click();
    expect(shownVersion($('#i'))).toBe('enhanced');
    expect(compare).toHaveBeenCalledWith('j1');
  });

  it('is not shown when our records have no result of the job in this page', () => {
    handler.handle({ jobId: 'j1', phase: 'running', percent: null });
    handler.handle({ jobId: 'j1', phase: 'done', percent: null });
    expect(toast()).toBeNull();
  });

  it('one at a time: a newer job replaces the notice, and it goes by itself', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    await finish();
    recordsOf(document).tag('j2', [$('#other')]);
    await replaceImage(
      $('#other'),
      { jobId: 'j2', resultUrl: R1, label: 'x', srcUrl: 'https://gallery.example.org/x.jpg' },
      { loadTimeoutMs: 1000, waitForLoad: async () => true },
    );
    handler.handle({ jobId: 'j2', phase: 'done', percent: null });
    expect(document.querySelector('eip-notices')!.shadowRoot!.querySelectorAll('.toast')).toHaveLength(1);
    vi.advanceTimersByTime(NOTICE_DURATION_MS);
    expect(document.querySelector('eip-notices')).toBeNull();
  });
});
