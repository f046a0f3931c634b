import { showToast } from '../common/notice';
import type { MediaVersion } from '../common/protocol';
import { PAGE_STRINGS } from '../common/strings';
import { shared } from '../common/world';

export interface DoneActions {
  /** Which version the job's elements show now, from our own records (null: none is ours any more). */
  shown(): MediaVersion | null;
  /** Shows that version of the job's elements. */
  show(version: MediaVersion): void;
  /** Opens the compare overlay; absent where there is nothing to compare in place (videos, backgrounds). */
  compare?(): void;
}

/**
 * The notice of a finished job: "Enhanced — Show original · Compare". Show original flips the job's
 * elements to the original and back (the button says which it will show); Compare puts the enhanced
 * version back if needed and opens the compare overlay. One such notice at a time: a newer job's
 * replaces the previous one, so fifty results do not pile fifty notices up.
 */
export function showDoneNotice(doc: Document, actions: DoneActions): () => void {
  const slot = shared('done-notice', () => ({ dismiss: () => undefined as void }));
  slot.dismiss();
  const dismiss = showToast(doc, 'info', (text) => {
    const lead = doc.createElement('span');
    const flip = button(doc, () => {
      actions.show(actions.shown() === 'original' ? 'enhanced' : 'original');
      label();
    });
    const label = () => {
      const original = actions.shown() === 'original';
      lead.textContent = `${original ? PAGE_STRINGS.noticeOriginal : PAGE_STRINGS.noticeEnhanced} — `;
      flip.textContent = original ? PAGE_STRINGS.showEnhanced : PAGE_STRINGS.showOriginal;
    };
    label();
    text.append('Enhance in Place: ', lead, flip);
    if (actions.compare) {
      const compare = actions.compare;
      const open = button(doc, () => {
        if (actions.shown() === 'original') actions.show('enhanced');
        label();
        compare();
      });
      open.textContent = PAGE_STRINGS.compare;
      text.append(' · ', open);
    }
  });
  slot.dismiss = dismiss;
  return dismiss;
}

function button(doc: Document, onClick: () => void): HTMLButtonElement {
  const el = doc.createElement('button');
  el.type = 'button';
  el.className = 'action';
  el.addEventListener('click', (event) => {
    event.stopPropagation(); // our button, not a click on the page
    onClick();
  });
  return el;
}
