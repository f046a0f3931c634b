import { createShadowHost } from '../common/shadow-host';
import { PAGE_STRINGS } from '../common/strings';

const HOST_TAG = 'eip-progress';
export const RING_PX = 30;
const INSET_PX = 6;
/** How long a failed job's "!" stays on its picture: long enough to be noticed, then out of the way. */
export const FAILED_SHOW_MS = 4000;

// Drawn with a conic gradient masked to a ring: no SVG, no images, nothing the page's CSS reaches (the
// shadow root keeps it out). The ring never takes the pointer: the page under it stays usable.
const CSS = `
.ring { position: absolute; top: 0; left: 0; box-sizing: border-box; width: ${RING_PX}px; height: ${RING_PX}px;
  border-radius: 50%; background: rgba(20, 22, 26, 0.85); box-shadow: 0 1px 4px rgba(0, 0, 0, 0.35);
  display: grid; place-items: center; color: #fff; pointer-events: none;
  font: 700 10px/1 system-ui, -apple-system, 'Segoe UI', sans-serif; }
.ring::before { content: ''; position: absolute; inset: 3px; border-radius: 50%;
  background: conic-gradient(#6cb4ff calc(var(--p, 25) * 1%), rgba(255, 255, 255, 0.22) 0);
  -webkit-mask: radial-gradient(farthest-side, transparent calc(100% - 3px), #000 calc(100% - 3px));
  mask: radial-gradient(farthest-side, transparent calc(100% - 3px), #000 calc(100% - 3px)); }
.ring.spin::before { animation: eip-spin 1s linear infinite; }
.ring.failed { background: #b3261e; font-size: 16px; }
.ring.failed::before { display: none; }
.ring[hidden] { display: none; }
@keyframes eip-spin { to { transform: rotate(1turn); } }
@media (prefers-reduced-motion: reduce) { .ring.spin::before { animation: none; } }
`;

/** Where a ring sits: over the top-right corner of the element's box, inside it. */
export function ringSpot(rect: { top: number; right: number; width: number; height: number }) {
  return {
    x: Math.round(rect.right - RING_PX - INSET_PX),
    y: Math.round(rect.top + INSET_PX),
    hidden: rect.width === 0 && rect.height === 0, // display:none or collapsed
  };
}

interface Ring {
  element: HTMLElement;
  target: HTMLElement;
  place(): void;
}

export interface RingLayer {
  /** Shows (or updates) the rings of `jobId` on `targets`: a percentage, or null for a spinning ring. */
  running(jobId: string, targets: HTMLElement[], percent: number | null): void;
  /** The job failed: its rings show "!" for FAILED_SHOW_MS, then go. Nothing when it had none. */
  failed(jobId: string): void;
  /** The job ended (done, cancelled, or its result could not go in): its rings go. */
  end(jobId: string): void;
  /** How many rings `jobId` shows now. */
  count(jobId: string): number;
  destroy(): void;
}

/**
 * Small progress rings on the pictures jobs are running for. One shadow host for all of them (created with
 * the first, removed with the last), fixed to the viewport; each ring follows its picture on scroll,
 * resize and changes of the picture's own size.
 */
export function createRingLayer(doc: Document): RingLayer {
  const view = doc.defaultView!;
  let root: ShadowRoot | undefined;
  const jobs = new Map<string, Ring[]>();
  const timers = new Map<string, ReturnType<typeof setTimeout>>();
  let frame = 0;
  const resized = new view.ResizeObserver(() => schedule());

  const schedule = () => {
    frame ||= view.requestAnimationFrame(() => {
      frame = 0;
      jobs.forEach((rings) => rings.forEach((ring) => ring.place()));
    });
  };
  const listen = (on: boolean) => {
    const method = on ? 'addEventListener' : 'removeEventListener';
    // Capture: scrolls of inner containers do not bubble, and they move pictures too.
    view[method]('scroll', schedule, { capture: true, passive: true });
    view[method]('resize', schedule, { passive: true });
  };

  function addRing(target: HTMLElement): Ring {
    if (!root) {
      root = createShadowHost(doc, HOST_TAG, CSS);
      listen(true);
    }
    const element = doc.createElement('div');
    element.className = 'ring';
    root.append(element);
    resized.observe(target);
    const ring: Ring = {
      element,
      target,
      place() {
        const spot = ringSpot(target.getBoundingClientRect());
        element.hidden = spot.hidden;
        element.style.setProperty('transform', `translate(${spot.x}px, ${spot.y}px)`);
      },
    };
    return ring;
  }

  function remove(jobId: string): void {
    clearTimeout(timers.get(jobId));
    timers.delete(jobId);
    for (const ring of jobs.get(jobId) ?? []) {
      ring.element.remove();
      resized.unobserve(ring.target);
    }
    jobs.delete(jobId);
    if (jobs.size === 0 && root) {
      listen(false);
      root.host.remove(); // leave the page as we found it
      root = undefined;
    }
  }

  return {
    running(jobId, targets, percent) {
      if (timers.has(jobId)) return; // it failed already: a late report does not bring it back
      const live = targets.filter((el) => el.isConnected);
      const rings = jobs.get(jobId) ?? [];
      for (const target of live) if (!rings.some((r) => r.target === target)) rings.push(addRing(target));
      if (rings.length === 0) return;
      jobs.set(jobId, rings);
      for (const { element, place } of rings) {
        element.classList.toggle('spin', percent === null);
        element.setAttribute('role', 'progressbar');
        element.setAttribute('aria-label', PAGE_STRINGS.ringRunning);
        element.setAttribute('aria-valuemin', '0');
        element.setAttribute('aria-valuemax', '100');
        if (percent === null) {
          element.removeAttribute('aria-valuenow');
          element.style.removeProperty('--p');
          element.textContent = '';
        } else {
          element.setAttribute('aria-valuenow', String(percent));
          element.style.setProperty('--p', String(percent));
          element.textContent = String(percent);
        }
        place();
      }
    },
    failed(jobId) {
      const rings = jobs.get(jobId);
      if (!rings || timers.has(jobId)) return;
      for (const { element } of rings) {
        element.className = 'ring failed';
        for (const name of ['aria-valuemin', 'aria-valuemax', 'aria-valuenow']) element.removeAttribute(name);
        element.style.removeProperty('--p');
        element.setAttribute('role', 'img');
        element.setAttribute('aria-label', PAGE_STRINGS.ringFailed);
        element.textContent = '!';
      }
      timers.set(
        jobId,
        setTimeout(() => remove(jobId), FAILED_SHOW_MS),
      );
    },
    end: remove,
    count: (jobId) => jobs.get(jobId)?.length ?? 0,
    destroy() {
      [...jobs.keys()].forEach(remove);
      resized.disconnect();
      if (frame) view.cancelAnimationFrame(frame);
    },
  };
}
