/**
 * Queries that also look inside shadow roots: components (web components, design systems) render their
 * images there, where `document.querySelectorAll` does not reach. Open roots are read as `el.shadowRoot`;
 * closed ones through `chrome.dom.openOrClosedShadowRoot`, which only Chromium's content scripts have
 * (https://developer.chrome.com/docs/extensions/reference/api/dom): absent elsewhere, so it is guarded.
 */
type OpenOrClosed = (el: HTMLElement) => ShadowRoot | null;

function closedRootReader(): OpenOrClosed | undefined {
  const chromeApi = (globalThis as { chrome?: { dom?: { openOrClosedShadowRoot?: OpenOrClosed } } }).chrome;
  const read = chromeApi?.dom?.openOrClosedShadowRoot;
  return typeof read === 'function' ? read : undefined;
}

/** The shadow root `el` hosts, open or (where the browser lets us) closed; null when none. */
export function shadowRootOf(el: Element, readClosed = closedRootReader()): ShadowRoot | null {
  if (el.shadowRoot) return el.shadowRoot;
  if (!readClosed) return null;
  try {
    return readClosed(el as HTMLElement) ?? null;
  } catch {
    return null; // an element the API refuses (e.g. one it considers not a host)
  }
}

/** The document and every shadow root inside it, nested ones included (ours excepted: they hold no media). */
export function deepRoots(doc: Document): (Document | ShadowRoot)[] {
  const readClosed = closedRootReader();
  const roots: (Document | ShadowRoot)[] = [doc];
  for (let i = 0; i < roots.length; i++) {
    for (const el of Array.from(roots[i]!.querySelectorAll('*'))) {
      if (el.localName.startsWith('eip-')) continue;
      const root = shadowRootOf(el, readClosed);
      if (root) roots.push(root);
    }
  }
  return roots;
}

/** Every element matching `selector` in `doc` and in the shadow roots inside it. */
export function deepQueryAll<E extends Element>(doc: Document, selector: string): E[] {
  return deepRoots(doc).flatMap((root) => Array.from(root.querySelectorAll<E>(selector)));
}
