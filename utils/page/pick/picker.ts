import { candidateAt, mediaElements, type Candidate, type PickMedia } from './candidates';
import { describePick, type PickedMedia } from './describe';
import { createOverlay } from './overlay';
import { t } from '../../i18n';

export interface PickerOptions {
  media: PickMedia;
  /** The operation's menu title: its label, provider and cost hint. */
  title: string;
  onPick(picked: PickedMedia): void;
  onCancel(): void;
}

/** Events the page must not see while picking: the pick's click is ours alone. */
const SWALLOWED = [
  'pointerdown',
  'pointerup',
  'mousedown',
  'mouseup',
  'click',
  'dblclick',
  'auxclick',
  'contextmenu',
  'touchstart',
  'touchend',
] as const;

/** The candidate list is a deep walk of the page: taken again at most this often while the pointer moves. */
const RESCAN_MS = 1000;

const KIND_WORDS = {
  image: 'pick_kind_image',
  video: 'pick_kind_video',
  background: 'pick_kind_background',
} as const;

/**
 * Pick mode in one document: outline the media under the pointer, pick it on a click, cancel on Esc.
 * Listeners sit on the window in the capture phase, the first place an event reaches, and stop every
 * pointer, mouse and click event there, so no page handler reacts to what the person does while picking.
 */
export function startPicker(doc: Document, options: PickerOptions): { stop(): void } {
  const view = doc.defaultView!;
  const overlay = createOverlay(
    doc,
    t(options.media === 'video' ? 'pick_prompt_video' : 'pick_prompt_image', options.title),
  );
  let candidates: Candidate[] = [];
  let scannedAt = -Infinity;
  let point: { x: number; y: number } | undefined;
  let frame = 0;
  let stopped = false;

  const at = (x: number, y: number) => {
    if (performance.now() - scannedAt > RESCAN_MS) {
      candidates = mediaElements(doc, options.media);
      scannedAt = performance.now();
    }
    return candidateAt(doc, candidates, x, y);
  };
  const redraw = () => {
    frame = 0;
    const found = point && at(point.x, point.y);
    overlay.show(
      found && {
        rect: found.rect,
        text: t('pick_label', [
          options.title,
          t(KIND_WORDS[found.kind]),
          t('size_wh', [Math.round(found.rect.width), Math.round(found.rect.height)]),
        ]),
      },
    );
  };
  const schedule = () => {
    if (!frame) frame = view.requestAnimationFrame(redraw);
  };

  const onMove = (event: MouseEvent) => {
    event.stopImmediatePropagation(); // no hover effect (zoom lenses, previews) moves the page under the pick
    point = { x: event.clientX, y: event.clientY };
    schedule();
  };
  const onLeave = (event: MouseEvent) => {
    if (event.relatedTarget === null) {
      point = undefined; // into a frame or out of the window: that frame's own picker takes over
      schedule();
    }
  };
  const swallow = (event: Event) => {
    event.preventDefault();
    event.stopImmediatePropagation();
    if (event.type !== 'click' || (event as MouseEvent).button !== 0) return;
    const { clientX: x, clientY: y } = event as MouseEvent;
    const found = at(x, y);
    if (!found) return; // nothing to pick here: keep picking
    stop();
    void describePick(found).then((picked) => (picked ? options.onPick(picked) : options.onCancel()));
  };
  const onKey = (event: KeyboardEvent) => {
    if (event.key !== 'Escape') return;
    event.preventDefault();
    event.stopImmediatePropagation();
    stop();
    options.onCancel();
  };

  const capture = { capture: true, passive: false } as const;
  view.addEventListener('pointermove', onMove, capture);
  view.addEventListener('mousemove', onMove, capture);
  view.addEventListener('mouseout', onLeave, capture);
  view.addEventListener('scroll', schedule, { capture: true, passive: true });
  view.addEventListener('keydown', onKey, capture);
  for (const type of SWALLOWED) view.addEventListener(type, swallow, capture);

  function stop() {
    if (stopped) return;
    stopped = true;
    if (frame) view.cancelAnimationFrame(frame);
    view.removeEventListener('pointermove', onMove, capture);
    view.removeEventListener('mousemove', onMove, capture);
    view.removeEventListener('mouseout', onLeave, capture);
    view.removeEventListener('scroll', schedule, { capture: true });
    view.removeEventListener('keydown', onKey, capture);
    for (const type of SWALLOWED) view.removeEventListener(type, swallow, capture);
    overlay.destroy();
  }
  return { stop };
}
