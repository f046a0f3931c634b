import type { Rect } from './rank';

/**
 * The picker's UI: an outline around what a click would pick and a label saying what will be sent and
 * what it costs. It lives in a closed shadow root on a host that takes no pointer events, so the page's
 * CSS cannot restyle it and it never stands between the pointer and the page.
 */
const STYLE = `
:host { all: initial; position: fixed; inset: 0; z-index: 2147483647; pointer-events: none; }
.box { position: fixed; display: none; box-sizing: border-box; border: 2px solid #2b7cff;
  background: rgba(43, 124, 255, 0.12); border-radius: 2px; }
.label, .hint { position: fixed; max-width: min(420px, calc(100vw - 16px)); box-sizing: border-box;
  font: 13px/1.35 system-ui, sans-serif; color: #fff; background: #1f2329; padding: 6px 10px;
  border-radius: 6px; box-shadow: 0 2px 8px rgba(0, 0, 0, 0.3); }
.label { display: none; }
.hint { top: 8px; left: 50%; transform: translateX(-50%); }
`;

export interface PickerOverlay {
  /** Outlines `rect` and labels it; undefined hides both. */
  show(target: { rect: Rect; text: string } | undefined): void;
  destroy(): void;
}

export function createOverlay(doc: Document, hintText: string): PickerOverlay {
  const host = doc.createElement('eip-picker');
  const root = host.attachShadow({ mode: 'closed' });
  const style = doc.createElement('style');
  style.textContent = STYLE;
  const box = doc.createElement('div');
  box.className = 'box';
  const label = doc.createElement('div');
  label.className = 'label';
  label.setAttribute('role', 'status');
  const hint = doc.createElement('div');
  hint.className = 'hint';
  hint.setAttribute('role', 'status');
  hint.textContent = hintText;
  root.append(style, box, label, hint);
  (doc.body ?? doc.documentElement).append(host);

  return {
    show(target) {
      box.style.display = label.style.display = target ? 'block' : 'none';
      if (!target) return;
      const { left, top, width, height } = target.rect;
      Object.assign(box.style, {
        left: `${left}px`,
        top: `${top}px`,
        width: `${width}px`,
        height: `${height}px`,
      });
      label.textContent = target.text;
      // Below the box when there is room in the viewport, else inside its top edge.
      const view = doc.defaultView;
      const below = top + height + 6;
      const roomBelow = !view || below + 40 < view.innerHeight;
      Object.assign(label.style, {
        left: `${Math.max(8, left)}px`,
        top: `${roomBelow ? below : Math.max(8, top + 6)}px`,
      });
    },
    destroy() {
      host.remove();
    },
  };
}
