// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createPickSession } from '@/utils/page/pick/session';

const start = {
  menuItemId: 'on-device:upscale-2x',
  title: 'Upscale 2× · On device (free, on this device)',
  media: 'image',
};

beforeEach(() => {
  document.body.innerHTML = `<div id="figure"><img id="photo" src="https://shop.example/a.jpg" style="pointer-events:none"><div id="overlay"></div></div>`;
  const [figure, photo, overlay] = ['figure', 'photo', 'overlay'].map((id) => document.getElementById(id)!);
  vi.spyOn(photo!, 'getBoundingClientRect').mockReturnValue({
    left: 0,
    top: 0,
    width: 300,
    height: 200,
  } as DOMRect);
  Object.defineProperty(document, 'elementsFromPoint', {
    value: () => [overlay, figure, document.body, document.documentElement],
    configurable: true,
  });
});
afterEach(() => {
  delete (document as Partial<Document>).elementsFromPoint;
});

const mouse = (type: string, x = 50, y = 50) =>
  new MouseEvent(type, { bubbles: true, cancelable: true, clientX: x, clientY: y, button: 0 });

describe('pick session', () => {
  it('picks the image under the overlay on a click that the page never sees', async () => {
    const done = vi.fn();
    const pageSaw = vi.fn();
    document.addEventListener('click', pageSaw);
    document.addEventListener('mousedown', pageSaw);
    const session = createPickSession(document, { done, cancel: vi.fn() });
    session.start(start);
    expect(document.querySelector('eip-picker')).not.toBeNull();
    expect(document.querySelector('eip-picker')!.shadowRoot).toBeNull(); // closed: page CSS and scripts stay out

    const overlay = document.getElementById('overlay')!;
    const down = mouse('mousedown');
    overlay.dispatchEvent(down);
    const click = mouse('click');
    overlay.dispatchEvent(click);
    expect(click.defaultPrevented && down.defaultPrevented).toBe(true);
    expect(pageSaw).not.toHaveBeenCalled();
    await vi.waitFor(() => expect(done).toHaveBeenCalled());
    expect(done).toHaveBeenCalledWith({
      menuItemId: 'on-device:upscale-2x',
      url: 'https://shop.example/a.jpg',
      kind: 'image',
      width: null,
      height: null,
    });
    // Picking is over: the page gets its clicks again and the UI is gone.
    expect(session.picking).toBe(false);
    expect(document.querySelector('eip-picker')).toBeNull();
    overlay.dispatchEvent(mouse('click'));
    expect(pageSaw).toHaveBeenCalledTimes(1);
  });

  it('keeps picking after a click where there is no image', () => {
    const done = vi.fn();
    const session = createPickSession(document, { done, cancel: vi.fn() });
    session.start(start);
    document.body.dispatchEvent(mouse('click', 900, 900));
    expect(done).not.toHaveBeenCalled();
    expect(session.picking).toBe(true);
    session.stop();
  });

  it('cancels on Esc, reporting it, and leaves nothing behind', () => {
    const cancel = vi.fn();
    const pageKeys = vi.fn();
    document.addEventListener('keydown', pageKeys);
    const session = createPickSession(document, { done: vi.fn(), cancel });
    session.start(start);
    document.body.dispatchEvent(
      new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, cancelable: true }),
    );
    expect(cancel).toHaveBeenCalledTimes(1);
    expect(pageKeys).not.toHaveBeenCalled();
    expect(session.picking).toBe(false);
    expect(document.querySelector('eip-picker')).toBeNull();
  });

  it('refuses a malformed start and replaces a running pick with a new one', () => {
    const session = createPickSession(document, { done: vi.fn(), cancel: vi.fn() });
    expect(() => session.start({ ...start, media: 'audio' })).toThrow();
    expect(() => session.start({ title: 'x' })).toThrow();
    session.start(start);
    session.start({ ...start, title: 'General 2× · HitPaw (from 10 coins)' });
    expect(document.querySelectorAll('eip-picker')).toHaveLength(1);
    session.stop();
    expect(document.querySelector('eip-picker')).toBeNull();
  });
});
