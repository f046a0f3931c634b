/**
 * A zero-size, fixed host at the viewport's top-left whose shadow root holds the page code's own UI.
 * The shadow root keeps page CSS out (and ours in); inline `!important` declarations on the host beat any
 * page rule that matches the host itself. It is open so assistive tech and Playwright's role queries see in.
 */
const HOST_STYLE: Record<string, string> = {
  all: 'initial',
  position: 'fixed',
  top: '0',
  left: '0',
  width: '0',
  height: '0',
  overflow: 'visible',
  'z-index': '2147483647',
  display: 'block',
  'pointer-events': 'none',
};

export function createShadowHost(doc: Document, tagName: string, css: string): ShadowRoot {
  const host = doc.createElement(tagName);
  // CSSOM writes: a page CSP without 'unsafe-inline' blocks `style` attributes, not these.
  for (const [name, value] of Object.entries(HOST_STYLE)) host.style.setProperty(name, value, 'important');
  const root = host.attachShadow({ mode: 'open' });
  adoptCss(root, css);
  // Beside <body>, not inside it: a transform on <body> would otherwise become our fixed elements' frame.
  doc.documentElement.append(host);
  return root;
}

/** Finds the shadow root of a host created earlier in this document (by this or a previous injection). */
export function existingShadowRoot(doc: Document, tagName: string): ShadowRoot | null {
  return doc.querySelector(tagName)?.shadowRoot ?? null;
}

function adoptCss(root: ShadowRoot, css: string): void {
  const view = root.ownerDocument.defaultView;
  try {
    // Constructed sheets are not subject to the page's CSP `style-src`, unlike a <style> element.
    const sheet = new view!.CSSStyleSheet();
    sheet.replaceSync(css);
    root.adoptedStyleSheets = [sheet];
  } catch {
    const style = root.ownerDocument.createElement('style');
    style.textContent = css;
    root.append(style);
  }
}
