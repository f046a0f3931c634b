import { createShadowHost, existingShadowRoot } from './shadow-host';
import { t } from '../../i18n';

export type NoticeTone = 'info' | 'error';

const HOST_TAG = 'eip-notices';
export const NOTICE_DURATION_MS = 8000;

const CSS = `
.stack { position: fixed; right: 16px; bottom: 16px; display: flex; flex-direction: column; gap: 8px;
  max-width: min(360px, calc(100vw - 32px)); }
.toast { pointer-events: auto; display: flex; align-items: flex-start; gap: 8px; margin: 0;
  padding: 10px 12px; border-radius: 8px; background: #1f2329; color: #f5f6f7;
  border-left: 4px solid #4c9ffe; box-shadow: 0 4px 16px rgba(0, 0, 0, 0.3);
  font: 13px/1.4 system-ui, -apple-system, 'Segoe UI', sans-serif; }
.toast.error { border-left-color: #ff6b6b; }
.text { flex: 1; margin: 0; overflow-wrap: anywhere; white-space: pre-line; }
.dismiss { all: unset; cursor: pointer; padding: 0 4px; font: inherit; font-size: 16px; line-height: 1; }
.action { all: unset; cursor: pointer; font: inherit; font-weight: 600; color: #9cc8ff;
  text-decoration: underline; text-underline-offset: 2px; }
.action:focus-visible { outline: 2px solid #4c9ffe; outline-offset: 2px; border-radius: 2px; }
.dismiss:focus-visible { outline: 2px solid #4c9ffe; outline-offset: 2px; border-radius: 4px; }
`;

/**
 * Shows a small toast at the bottom right; it dismisses itself after NOTICE_DURATION_MS unless the pointer
 * or focus is on it (so it can be read and acted on: WCAG 2.2.1). The message is set with textContent only,
 * so markup in it stays text. Returns a function that dismisses it.
 */
export function showNotice(doc: Document, message: string, tone: NoticeTone): () => void {
  return showToast(doc, tone, (text) => void (text.textContent = t('notice_prefix', message)));
}

/**
 * A toast whose text `fill` writes (our own text and buttons only, never markup from a message): what
 * showNotice and the notices with actions share.
 */
export function showToast(doc: Document, tone: NoticeTone, fill: (text: HTMLElement) => void): () => void {
  const root = existingShadowRoot(doc, HOST_TAG) ?? createShadowHost(doc, HOST_TAG, CSS);
  const stack = root.querySelector('.stack') ?? root.appendChild(doc.createElement('div'));
  stack.className = 'stack';

  const toast = doc.createElement('div');
  toast.className = `toast ${tone}`;
  // An error interrupts (alert); information waits its turn (status).
  toast.setAttribute('role', tone === 'error' ? 'alert' : 'status');
  const text = doc.createElement('p');
  text.className = 'text';
  fill(text);
  const close = doc.createElement('button');
  close.type = 'button';
  close.className = 'dismiss';
  close.setAttribute('aria-label', t('notice_dismiss'));
  close.textContent = '×';
  toast.append(text, close);
  stack.append(toast);

  let timer: ReturnType<typeof setTimeout> | undefined;
  const dismiss = () => {
    clearTimeout(timer);
    toast.remove();
    if (!stack.hasChildNodes()) root.host.remove(); // leave the page as we found it
  };
  const arm = () => {
    clearTimeout(timer);
    timer = setTimeout(dismiss, NOTICE_DURATION_MS);
  };
  const hold = () => clearTimeout(timer);
  close.addEventListener('click', dismiss);
  toast.addEventListener('pointerenter', hold);
  toast.addEventListener('focusin', hold);
  toast.addEventListener('pointerleave', arm);
  toast.addEventListener('focusout', arm);
  arm();
  return dismiss;
}
