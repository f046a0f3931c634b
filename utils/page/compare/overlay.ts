import { SPLIT_MAX, SPLIT_MIN, splitAt, splitForKey } from '../../../components/compare-logic';
import { recordsOf, shownBy } from '../common/records';
import { createShadowHost } from '../common/shadow-host';
import { PAGE_STRINGS } from '../common/strings';
import { kindOf } from '../common/world';

const HOST_TAG = 'eip-compare';

const CSS = `
.stage { position: absolute; top: 0; left: 0; box-sizing: border-box; overflow: hidden; pointer-events: auto;
  cursor: ew-resize; touch-action: none; user-select: none; -webkit-user-select: none;
  outline: 2px solid rgba(255, 255, 255, 0.9); box-shadow: 0 0 0 3px rgba(20, 22, 26, 0.6); }
.stage[hidden] { display: none; }
.before { position: absolute; inset: 0; width: 100%; height: 100%; max-width: none; max-height: none;
  margin: 0; padding: 0; border: 0; -webkit-user-drag: none; }
.divider { position: absolute; top: 0; bottom: 0; width: 0; border-left: 2px solid #fff;
  margin-left: -1px; box-shadow: 0 0 0 1px rgba(0, 0, 0, 0.45); }
.handle { position: absolute; top: 50%; left: 0; box-sizing: border-box; width: 28px; height: 28px;
  margin: -14px 0 0 -15px; border-radius: 50%; background: #fff; border: 2px solid #1f2329;
  box-shadow: 0 1px 4px rgba(0, 0, 0, 0.4); cursor: ew-resize; }
.handle:focus-visible { outline: 3px solid #4c9ffe; outline-offset: 2px; }
.label { position: absolute; top: 6px; padding: 2px 8px; border-radius: 999px; pointer-events: none;
  background: rgba(20, 22, 26, 0.85); color: #fff; font: 600 12px/1.4 system-ui, -apple-system, 'Segoe UI', sans-serif; }
.label.left { left: 6px; }
.label.right { right: 6px; }
.close { all: unset; position: absolute; right: 6px; bottom: 6px; box-sizing: border-box; width: 26px; height: 26px;
  border-radius: 50%; display: grid; place-items: center; cursor: pointer; background: rgba(20, 22, 26, 0.85);
  color: #fff; font: 700 16px/1 system-ui, -apple-system, 'Segoe UI', sans-serif; }
.close:focus-visible { outline: 3px solid #4c9ffe; outline-offset: 2px; }
`;

export interface Box {
  left: number;
  top: number;
  width: number;
  height: number;
}

/** The box a replaced element paints its picture in: its border box less its borders and padding. */
export function contentBox(rect: Box, style: Pick<CSSStyleDeclaration, 'getPropertyValue'>): Box {
  const px = (name: string) => parseFloat(style.getPropertyValue(name)) || 0;
  const left = px('border-left-width') + px('padding-left');
  const top = px('border-top-width') + px('padding-top');
  const right = px('border-right-width') + px('padding-right');
  const bottom = px('border-bottom-width') + px('padding-bottom');
  return {
    left: rect.left + left,
    top: rect.top + top,
    width: Math.max(0, rect.width - left - right),
    height: Math.max(0, rect.height - top - bottom),
  };
}

/** What `inset()` hides of the original's layer: everything right of the divider. */
export const clipFor = (split: number) => `inset(0 ${SPLIT_MAX - split}% 0 0)`;

export interface CompareOverlay {
  readonly split: number;
  close(): void;
}

let current: CompareOverlay | undefined;

/** The element focused now, looked for inside shadow roots too (our notice's button is in one). */
function deepActive(doc: Document): HTMLElement | null {
  let active = doc.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active instanceof doc.defaultView!.HTMLElement ? active : null;
}

/**
 * The compare slider over the replaced picture itself: the original, at the picture's displayed size and
 * fit, drawn over it and clipped to the left of a divider; right of it the page's own element shows the
 * result. The divider is dragged or moved by keys (a WAI-ARIA slider: arrows, Shift+arrows and Page keys
 * by ten, Home/End); Esc or × closes it and focus goes back where it was. It follows the picture on scroll
 * and resize. Null when the job shows no enhanced picture here.
 */
export function openCompareOverlay(doc: Document, jobId: string): CompareOverlay | null {
  const found = recordsOf(doc)
    .ofJob(jobId)
    .find(([el, entry]) => kindOf(el) === 'image' && shownBy(el, entry) === 'enhanced');
  if (!found) return null;
  current?.close();
  const [target, entry] = found;
  const view = doc.defaultView!;
  const back = deepActive(doc);
  const root = createShadowHost(doc, HOST_TAG, CSS);

  const stage = doc.createElement('div');
  stage.className = 'stage';
  stage.setAttribute('role', 'group');
  stage.setAttribute('aria-label', PAGE_STRINGS.compareGroup);
  const before = doc.createElement('img');
  before.className = 'before';
  before.alt = PAGE_STRINGS.layerOriginal;
  before.draggable = false;
  before.src = entry.record.srcUrl;
  const fit = view.getComputedStyle(target);
  before.style.setProperty('object-fit', fit.getPropertyValue('object-fit') || 'fill');
  before.style.setProperty('object-position', fit.getPropertyValue('object-position') || '50% 50%');
  const divider = doc.createElement('div');
  divider.className = 'divider';
  const handle = doc.createElement('div');
  handle.className = 'handle';
  handle.tabIndex = 0;
  handle.setAttribute('role', 'slider');
  handle.setAttribute('aria-label', PAGE_STRINGS.compareDivider);
  handle.setAttribute('aria-valuemin', String(SPLIT_MIN));
  handle.setAttribute('aria-valuemax', String(SPLIT_MAX));
  divider.append(handle);
  const labels = [PAGE_STRINGS.layerOriginal, PAGE_STRINGS.layerEnhanced].map((text, i) => {
    const label = doc.createElement('span');
    label.className = `label ${i === 0 ? 'left' : 'right'}`;
    label.setAttribute('aria-hidden', 'true'); // the slider's value says it
    label.textContent = text;
    return label;
  });
  const closeButton = doc.createElement('button');
  closeButton.type = 'button';
  closeButton.className = 'close';
  closeButton.setAttribute('aria-label', PAGE_STRINGS.compareClose);
  closeButton.textContent = '×';
  stage.append(before, ...labels, divider, closeButton);
  root.append(stage);

  let split = 50;
  const render = () => {
    before.style.setProperty('clip-path', clipFor(split));
    divider.style.setProperty('left', `${split}%`);
    handle.setAttribute('aria-valuenow', String(split));
    handle.setAttribute('aria-valuetext', PAGE_STRINGS.compareValue(split));
  };

  let frame = 0;
  const place = () => {
    if (!target.isConnected) return overlay.close(); // the page took the picture away
    const box = contentBox(target.getBoundingClientRect(), view.getComputedStyle(target));
    stage.hidden = box.width === 0 || box.height === 0;
    stage.style.setProperty('width', `${box.width}px`);
    stage.style.setProperty('height', `${box.height}px`);
    stage.style.setProperty('transform', `translate(${box.left}px, ${box.top}px)`);
  };
  const schedule = () => {
    frame ||= view.requestAnimationFrame(() => {
      frame = 0;
      place();
    });
  };
  const resized = new view.ResizeObserver(schedule);

  let dragging = false;
  const moveTo = (clientX: number) => {
    const box = stage.getBoundingClientRect();
    split = splitAt(clientX, box.left, box.width);
    render();
  };
  stage.addEventListener('pointerdown', (event) => {
    event.stopPropagation(); // a press on our overlay is not one on the page's picture or link
    if (event.button !== 0 || closeButton.contains(event.target as Node)) return;
    dragging = true;
    stage.setPointerCapture(event.pointerId);
    moveTo(event.clientX);
    handle.focus({ preventScroll: true });
    event.preventDefault(); // no text selection or native image drag
  });
  stage.addEventListener('pointermove', (event) => {
    if (dragging) moveTo(event.clientX);
  });
  const stopDrag = () => void (dragging = false);
  stage.addEventListener('pointerup', stopDrag);
  stage.addEventListener('pointercancel', stopDrag);
  stage.addEventListener('click', (event) => event.stopPropagation());
  handle.addEventListener('keydown', (event) => {
    const next = splitForKey(split, event.key, event.shiftKey);
    if (next === null) return;
    event.preventDefault();
    event.stopPropagation();
    split = next;
    render();
  });
  const onKey = (event: KeyboardEvent) => {
    if (event.key !== 'Escape') return;
    event.preventDefault();
    event.stopPropagation(); // the page's own Esc (a lightbox closing) is not what the person meant
    overlay.close();
  };
  closeButton.addEventListener('click', () => overlay.close());

  view.addEventListener('keydown', onKey, { capture: true });
  view.addEventListener('scroll', schedule, { capture: true, passive: true });
  view.addEventListener('resize', schedule, { passive: true });
  resized.observe(target);

  let open = true;
  const overlay: CompareOverlay = {
    get split() {
      return split;
    },
    close() {
      if (!open) return;
      open = false;
      view.removeEventListener('keydown', onKey, { capture: true });
      view.removeEventListener('scroll', schedule, { capture: true });
      view.removeEventListener('resize', schedule);
      resized.disconnect();
      if (frame) view.cancelAnimationFrame(frame);
      root.host.remove();
      if (current === overlay) current = undefined;
      if (back?.isConnected) back.focus({ preventScroll: true });
    },
  };
  current = overlay;
  render();
  place();
  handle.focus({ preventScroll: true });
  return overlay;
}
