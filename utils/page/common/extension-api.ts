/**
 * The extension API as the injected code sees it, found in this one place. Page and pick code are injected
 * into web pages on each click, so they use the browser's own namespace rather than webextension-polyfill
 * (the extension pages and the worker keep it): in Chromium `chrome.runtime` is promise-based, in Firefox
 * `browser` is.
 */

/** Who sent a message, as the browser fills it in (never the page). */
export interface MessageSender {
  id?: string;
  tab?: unknown;
  frameId?: number;
  url?: string;
}

/** `true` keeps the channel open for an answer given later through `respond`. */
export type RuntimeListener = (
  message: unknown,
  sender: MessageSender,
  respond: (answer: unknown) => void,
) => boolean | undefined;

export interface PageRuntime {
  /** Gone (undefined) once the extension is updated, disabled or removed: the script is then orphaned. */
  readonly id?: string;
  sendMessage(message: unknown): Promise<unknown>;
  readonly onMessage: {
    addListener(listener: RuntimeListener): void;
    removeListener(listener: RuntimeListener): void;
  };
}

/**
 * `browser` where the browser defines it, else `chrome`. A page can make `window.browser` an element of
 * its own (`<div id="browser">`: named access shows through into this world too), so `browser` counts
 * only as a plain object, as the real namespace is; `chrome` is always defined here and cannot be shadowed.
 */
export function pageRuntime(): PageRuntime | undefined {
  const scope = globalThis as { browser?: unknown; chrome?: unknown };
  const { browser } = scope;
  const api =
    typeof browser === 'object' && browser !== null && Object.getPrototypeOf(browser) === Object.prototype
      ? browser
      : scope.chrome;
  return (api as { runtime?: PageRuntime } | undefined)?.runtime;
}

/** Whether this extension is still installed and enabled: an orphaned script loses its runtime id. */
export const extensionAlive = (): boolean => pageRuntime()?.id != null;
