import { browser } from 'wxt/browser';

/** The fields of a runtime message's sender that the browser itself fills in. */
export interface MessageSender {
  id?: string;
  tab?: unknown;
  url?: string;
}

/** Scheme and host, spelled out: `URL.origin` is "null" for schemes a runtime does not know. */
function originOf(url: string | undefined): string | undefined {
  try {
    const parsed = url ? new URL(url) : undefined;
    return parsed?.host ? `${parsed.protocol}//${parsed.host}` : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The one check for privileged messages (job edits, results, the on-device engine's requests and
 * reports): they come only from this extension's own pages — the popup, Options, the viewer, the
 * offscreen document. `sender.id` names the extension, which rules out other extensions and web pages;
 * but this extension's content scripts carry the same id, so a sender in a tab must also be at the
 * extension's own origin. `sender.url` is set by the browser, never by the sender, so a page cannot fake
 * it; a content script's url is its page's.
 */
export function fromExtensionPage(sender: MessageSender | undefined): boolean {
  if (!sender || sender.id !== browser.runtime.id) return false;
  if (!sender.tab) return true;
  const own = originOf(browser.runtime.getURL('/'));
  return own !== undefined && originOf(sender.url) === own;
}
