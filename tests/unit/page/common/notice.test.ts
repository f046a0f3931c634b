// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { NOTICE_DURATION_MS, showNotice } from '@/utils/page/common/notice';

const root = () => document.querySelector('eip-notices')!.shadowRoot!;
const toasts = () =>
  Array.from(
    document.querySelector('eip-notices')?.shadowRoot?.querySelectorAll<HTMLElement>('.toast') ?? [],
  );

beforeEach(() => {
  vi.useFakeTimers();
  document.body.innerHTML = '<p>page</p>';
});
afterEach(() => {
  vi.useRealTimers();
  document.querySelectorAll('eip-notices').forEach((el) => el.remove());
});

describe('showNotice', () => {
  it('shows the message as inert text: markup in it creates no element and runs nothing', () => {
    const hostile = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script><b>bold</b>';
    const before = document.querySelectorAll('*').length;
    showNotice(document, hostile, 'error');
    const toast = toasts()[0]!;
    expect(toast.querySelector('.text')!.textContent).toBe(`Enhance in Place: ${hostile}`);
    expect(root().querySelectorAll('img, script, b')).toHaveLength(0);
    expect(document.querySelectorAll('*').length).toBe(before + 1); // only the host element
    expect((window as unknown as { __pwned?: number }).__pwned).toBeUndefined();
  });

  it('uses role=alert for errors and role=status for information, each with a dismiss button', () => {
    showNotice(document, 'The page refused the result.', 'error');
    showNotice(document, 'Enhancing…', 'info');
    expect(toasts().map((t) => t.getAttribute('role'))).toEqual(['alert', 'status']);
    expect(document.querySelectorAll('eip-notices')).toHaveLength(1); // one host, stacked toasts
    const dismiss = toasts()[0]!.querySelector('button')!;
    expect(dismiss.getAttribute('aria-label')).toBe('Dismiss');
    dismiss.click();
    expect(toasts().map((t) => t.getAttribute('role'))).toEqual(['status']);
  });

  it('dismisses itself after the duration, but not while the pointer or focus is on it', () => {
    showNotice(document, 'one', 'info');
    vi.advanceTimersByTime(NOTICE_DURATION_MS - 1);
    expect(toasts()).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(toasts()).toHaveLength(0);

    showNotice(document, 'two', 'info');
    const toast = toasts()[0]!;
    toast.dispatchEvent(new Event('pointerenter'));
    vi.advanceTimersByTime(NOTICE_DURATION_MS * 3);
    expect(toasts()).toHaveLength(1);
    toast.dispatchEvent(new Event('pointerleave'));
    vi.advanceTimersByTime(NOTICE_DURATION_MS);
    expect(toasts()).toHaveLength(0);
  });

  it('returns a function that dismisses it', () => {
    const dismiss = showNotice(document, 'bye', 'info');
    dismiss();
    expect(toasts()).toHaveLength(0);
    expect(document.querySelector('eip-notices')).toBeNull(); // the last one takes its host with it
  });
});
