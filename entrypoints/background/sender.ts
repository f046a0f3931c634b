import { browser } from 'wxt/browser';

type Sender = { id?: string; tab?: unknown; url?: string };

/**
 * Privileged messages come only from this extension's own pages. `sender.url` is set by the browser,
 * not by the sender, so its origin tells an extension page opened in a tab from a content script.
 */
export function fromExtensionPage(sender: Sender): boolean {
  if (sender.id !== browser.runtime.id) return false;
  if (!sender.tab) return true;
  return sender.url?.startsWith(browser.runtime.getURL('/')) ?? false;
}
