import type { MediaVersion } from './protocol';
import { shownBy, type PageRecords } from './records';
import { createShadowHost } from './shadow-host';
import { t } from '../../i18n';

const HOST_TAG = 'eip-markers';
/** Lets the pointer travel from the image onto the pill (they are different elements) without a flicker. */
const HIDE_DELAY_MS = 300;
const INSET_PX = 6;

const CSS = `
.pill { all: unset; position: absolute; top: 0; left: 0; box-sizing: border-box; white-space: nowrap;
  padding: 3px 10px; border-radius: 999px; background: rgba(20, 22, 26, 0.82); color: #fff;
  border: 1px solid rgba(255, 255, 255, 0.4); box-shadow: 0 1px 4px rgba(0, 0, 0, 0.35);
  font: 600 12px/1.4 system-ui, -apple-system, 'Segoe UI', sans-serif; cursor: pointer;
  opacity: 0; pointer-events: none; transition: opacity 0.15s; }
.pill.shown, .pill:focus-visible { opacity: 1; pointer-events: auto; }
.pill:focus-visible { outline: 2px solid #4c9ffe; outline-offset: 2px; }
.pill[hidden] { display: none; }
@media (prefers-reduced-motion: reduce) { .pill { transition: none; } }
`;

export const markerText = (shown: MediaVersion): string =>
  shown === 'enhanced' ? t('marker_enhanced') : t('marker_original');

type Media = HTMLElement;

export interface MarkerLayer {
  /** Matches the markers to the replaced elements, in the next animation frame. */
  schedule(): void;
  /** Matches the markers to the replaced elements now. */
  sync(): void;
  destroy(): void;
}

/** What a marker's click does: show that version of the job's elements. */
export type ShowJob = (job: string, version: MediaVersion) => void;

interface Marker {
  button: HTMLButtonElement;
  place(): void;
  remove(): void;
}

/**
 * One pill button per replaced element (image, video, CSS background), over its top-left corner (clear of a
 * video's controls, drawn along the bottom): visible while the element or the pill is hovered and whenever
 * the pill has keyboard focus. Text and tooltip come from our own records only, never from the page.
 */
export function createMarkerLayer(doc: Document, records: PageRecords, showJob: ShowJob): MarkerLayer {
  const view = doc.defaultView!;
  doc.querySelectorAll(HOST_TAG).forEach((stale) => stale.remove()); // a previous injection's layer
  // Created with the first marker: a page where nothing was replaced gets no element from us.
  let root: ShadowRoot | undefined;
  const markers = new Map<Media, Marker>();
  let frame = 0;
  let reconcile = false;

  const schedule = (full: boolean) => {
    reconcile ||= full;
    frame ||= view.requestAnimationFrame(() => {
      frame = 0;
      if (reconcile) sync();
      else markers.forEach((m) => m.place());
      reconcile = false;
    });
  };

  function sync(): void {
    const live = new Set<Media>();
    for (const [img, entry] of records.all()) {
      const shown = shownBy(img, entry);
      if (!shown) continue;
      live.add(img);
      const marker = markers.get(img) ?? addMarker(img);
      const text = markerText(shown);
      if (marker.button.textContent !== text) marker.button.textContent = text;
      marker.button.title = entry.record.label;
      marker.place();
    }
    for (const [img, marker] of markers) {
      if (live.has(img)) continue;
      marker.remove();
      markers.delete(img);
    }
  }

  function addMarker(img: Media): Marker {
    const button = doc.createElement('button');
    button.type = 'button';
    button.className = 'pill';
    let hideTimer: ReturnType<typeof setTimeout> | undefined;
    const show = () => {
      clearTimeout(hideTimer);
      marker.place();
      button.classList.add('shown');
    };
    const hide = () => {
      clearTimeout(hideTimer);
      hideTimer = setTimeout(() => button.classList.remove('shown'), HIDE_DELAY_MS);
    };
    const toggle = (event: Event) => {
      event.stopPropagation(); // a click on our pill is not a click on the page's link or lightbox
      const entry = records.get(img);
      const shown = shownBy(img, entry);
      if (entry && shown) showJob(entry.record.job, shown === 'enhanced' ? 'original' : 'enhanced');
      sync();
    };
    const hoverTargets: Element[] = [img, button];
    hoverTargets.forEach((el) => el.addEventListener('pointerenter', show));
    hoverTargets.forEach((el) => el.addEventListener('pointerleave', hide));
    button.addEventListener('focus', () => marker.place());
    button.addEventListener('click', toggle);
    root ??= createShadowHost(doc, HOST_TAG, CSS);
    root.append(button);

    const marker: Marker = {
      button,
      place() {
        const rect = img.getBoundingClientRect();
        button.hidden = rect.width === 0 && rect.height === 0; // display:none or collapsed
        const x = Math.round(rect.left + INSET_PX);
        const y = Math.round(rect.top + INSET_PX);
        button.style.setProperty('transform', `translate(${x}px, ${y}px)`);
      },
      remove() {
        clearTimeout(hideTimer);
        hoverTargets.forEach((el) => el.removeEventListener('pointerenter', show));
        hoverTargets.forEach((el) => el.removeEventListener('pointerleave', hide));
        button.remove();
      },
    };
    markers.set(img, marker);
    return marker;
  }

  const onViewportChange = () => schedule(false);
  // Capture: scrolls of inner containers do not bubble, and they move images too.
  view.addEventListener('scroll', onViewportChange, { capture: true, passive: true });
  view.addEventListener('resize', onViewportChange, { passive: true });
  sync();

  return {
    schedule: () => schedule(true),
    sync,
    destroy() {
      view.removeEventListener('scroll', onViewportChange, { capture: true });
      view.removeEventListener('resize', onViewportChange);
      if (frame) view.cancelAnimationFrame(frame);
      markers.forEach((m) => m.remove());
      markers.clear();
      root?.host.remove();
    },
  };
}
