import type { BatchOperation } from '../../messages/batch';
import { describeEstimate, describeTotal, estimate } from '../../cost-estimate';
import type { BatchImage } from './find';
import { t } from '../../i18n';

/**
 * The batch dialog: every image found, each with a thumbnail and a ticked checkbox, the operation, what
 * each image and the whole batch is expected to cost, and "Enhance N images" / "Cancel". Nothing is
 * sent until the person confirms. It lives in a closed shadow root (the page can neither read nor
 * restyle it), is plain DOM (no framework in page code), labelled for assistive technology and run from
 * the keyboard: focus starts on the operation, Tab stays inside, Esc cancels.
 */
const STYLE = `
:host { all: initial; position: fixed; inset: 0; z-index: 2147483647; display: grid; place-items: center;
  background: rgba(0, 0, 0, 0.45); font: 14px/1.4 system-ui, sans-serif; color: #1f2329; }
.box { background: #fff; border-radius: 10px; box-shadow: 0 8px 30px rgba(0, 0, 0, 0.35); padding: 16px 18px;
  width: min(560px, calc(100vw - 32px)); max-height: calc(100vh - 48px); display: flex; flex-direction: column;
  gap: 10px; box-sizing: border-box; }
h2 { font-size: 16px; margin: 0; }
select { font: inherit; max-width: 100%; margin-left: 6px; }
ul { list-style: none; margin: 0; padding: 0; overflow: auto; display: grid; gap: 6px; }
li label { display: flex; align-items: center; gap: 10px; cursor: pointer; }
li img { width: 56px; height: 56px; object-fit: cover; border-radius: 4px; background: #eee; flex: none; }
li span { overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.total { font-weight: 600; margin: 0; }
.buttons { display: flex; justify-content: flex-end; gap: 8px; }
button { font: inherit; padding: 6px 14px; border-radius: 6px; border: 1px solid #b8bec6; background: #fff; cursor: pointer; }
button.go { background: #1a66e0; border-color: #1a66e0; color: #fff; } /* white on it: 5.2:1 */
button:disabled { opacity: 0.5; cursor: default; }
:focus-visible { outline: 2px solid #2b7cff; outline-offset: 2px; }
`;

export interface BatchDialogOptions {
  images: readonly BatchImage[];
  operations: readonly BatchOperation[];
  selected: string;
  /** How many images may go at once; the ones past it start unticked. */
  max: number;
  onConfirm(menuItemId: string, images: BatchImage[]): void;
  onCancel(): void;
}

/** A short name for an image: the last part of its path, or what kind of address it is. */
export function imageName(url: string): string {
  if (url.startsWith('data:')) return t('batch_embedded_image');
  if (url.startsWith('blob:')) return t('batch_page_made_image');
  try {
    const last = new URL(url).pathname.split('/').filter(Boolean).pop();
    return last ? decodeURIComponent(last).slice(0, 60) : new URL(url).host;
  } catch {
    return url.slice(0, 60);
  }
}

const goText = (n: number) => (n === 1 ? t('batch_go_one') : t('batch_go_many', n));

export function openBatchDialog(doc: Document, options: BatchDialogOptions): { close(): void } {
  const el = <K extends keyof HTMLElementTagNameMap>(tag: K, props: object = {}): HTMLElementTagNameMap[K] =>
    Object.assign(doc.createElement(tag), props);
  const host = doc.createElement('eip-batch');
  const root = host.attachShadow({ mode: 'closed' });
  const box = el('div', { className: 'box' });
  box.setAttribute('role', 'dialog');
  box.setAttribute('aria-modal', 'true');
  box.setAttribute('aria-labelledby', 'eip-batch-title');
  const title = el('h2', { id: 'eip-batch-title', textContent: t('batch_title') });

  const select = el('select');
  for (const op of options.operations) select.append(el('option', { value: op.id, textContent: op.label }));
  select.value = options.operations.some((op) => op.id === options.selected)
    ? options.selected
    : options.operations[0]!.id;
  const chooser = el('label', { textContent: t('batch_operation') });
  chooser.append(select);

  const list = el('ul');
  list.setAttribute('aria-label', t('batch_images'));
  const rows = options.images.map((image, i) => {
    const box = el('input', { type: 'checkbox', checked: i < options.max });
    const text = el('span');
    const label = el('label');
    label.append(box, el('img', { src: image.url, alt: '' }), text);
    const item = el('li');
    item.append(label);
    list.append(item);
    return { image, box, text };
  });

  const total = el('p', { className: 'total' });
  total.setAttribute('role', 'status');
  const cancel = el('button', { type: 'button', textContent: t('batch_cancel') });
  const go = el('button', { type: 'button', className: 'go' });
  const buttons = el('div', { className: 'buttons' });
  buttons.append(cancel, go);
  const empty = el('p', { textContent: t('batch_none') });
  box.append(title, chooser, ...(rows.length ? [list] : [empty]), total, buttons);
  root.append(el('style', { textContent: STYLE }), box);

  /** Re-prices every row and the total for the operation chosen and the boxes ticked. */
  const update = () => {
    const rule = options.operations.find((op) => op.id === select.value)!.rule;
    const ticked: ReturnType<typeof estimate>[] = [];
    for (const row of rows) {
      const { width, height } = row.image;
      const cost = estimate(rule, width && height ? { width, height } : null);
      const size = width && height ? t('size_wh', [width, height]) : t('batch_size_unknown');
      row.text.textContent = t('batch_row', [imageName(row.image.url), size, describeEstimate(cost)]);
      if (row.box.checked) ticked.push(cost);
    }
    total.textContent = describeTotal(ticked);
    go.textContent = goText(ticked.length);
    go.disabled = ticked.length === 0 || ticked.length > options.max;
  };

  let closed = false;
  const close = () => {
    if (closed) return;
    closed = true;
    host.remove();
  };
  const focusable = () => [select, ...rows.map((r) => r.box), cancel, ...(go.disabled ? [] : [go])];
  box.addEventListener('change', update);
  cancel.addEventListener('click', () => {
    close();
    options.onCancel();
  });
  go.addEventListener('click', () => {
    const chosen = rows.filter((r) => r.box.checked).map((r) => r.image);
    close();
    options.onConfirm(select.value, chosen);
  });
  box.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      close();
      options.onCancel();
    } else if (event.key === 'Tab') {
      // Focus stays in the dialog: past the last control it wraps to the first, and back.
      const all = focusable();
      const at = all.indexOf(root.activeElement as never);
      const next = event.shiftKey ? (at <= 0 ? all.length - 1 : -1) : at === all.length - 1 ? 0 : -1;
      if (next >= 0) {
        event.preventDefault();
        all[next]!.focus();
      }
    }
  });

  update();
  (doc.body ?? doc.documentElement).append(host);
  select.focus();
  return { close };
}
