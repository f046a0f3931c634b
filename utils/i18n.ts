/**
 * Every text a person reads, in the browser's language: the messages live in `public/_locales/<lang>/
 * messages.json` (English is the default and the fallback for a missing message). Keys are typed from the
 * English file through a type-only import, so a wrong key is a type error and none of the JSON is bundled.
 *
 * The browser's own `chrome.i18n` is used (in Firefox `browser.i18n`), not webextension-polyfill: page
 * code injected into web pages calls this too and must stay small.
 */
import type messages from '../public/_locales/en/messages.json';

export type MessageKey = keyof typeof messages;

type Substitution = string | number;

interface I18nApi {
  getMessage(key: string, substitutions?: string | string[]): string;
}

function api(): I18nApi | undefined {
  const scope = globalThis as { chrome?: { i18n?: I18nApi }; browser?: { i18n?: I18nApi } };
  const found = scope.chrome?.i18n ?? scope.browser?.i18n;
  return typeof found?.getMessage === 'function' ? found : undefined;
}

/**
 * The message `key` with `substitutions` in its placeholders (in the order of `$1`, `$2`, …). The key itself
 * comes back where no message can be read (an orphaned page script whose extension is gone), so a person
 * sees something rather than nothing.
 */
export function t(key: MessageKey, substitutions?: Substitution | readonly Substitution[]): string {
  const list =
    substitutions === undefined
      ? undefined
      : (Array.isArray(substitutions) ? substitutions : [substitutions]).map(String);
  try {
    return api()?.getMessage(key, list) || key;
  } catch {
    return key; // the extension context is gone (updated or removed under a page script)
  }
}

/**
 * The message under a key made at run time (an operation's label), or undefined when there is none: the
 * caller then shows its own text (a pipeline the person named, say).
 */
export function optionalMessage(key: string): string | undefined {
  try {
    return api()?.getMessage(key) || undefined;
  } catch {
    return undefined;
  }
}
