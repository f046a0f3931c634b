import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';

export interface MessageEntry {
  message: string;
  description?: string;
  placeholders?: Record<string, { content: string; example?: string }>;
}
export type Messages = Record<string, MessageEntry>;

// From the repository root, where vitest runs (under happy-dom, import.meta.url is not a file URL).
const LOCALES_DIR = resolve(process.cwd(), 'public/_locales') + '/';

export const localeNames = (): string[] => readdirSync(LOCALES_DIR).sort();

export const readMessages = (locale: string): Messages =>
  JSON.parse(readFileSync(`${LOCALES_DIR}${locale}/messages.json`, 'utf8')) as Messages;

/** `$1`…`$9` replaced by the substitutions and `$$` by `$`, as Chrome does. */
const substitute = (text: string, subs: readonly string[]) =>
  text.replace(/\$(\$|[1-9])/g, (_, which: string) =>
    which === '$' ? '$' : (subs[Number(which) - 1] ?? ''),
  );

/** What `chrome.i18n.getMessage` returns for `entry`: named placeholders first (case-insensitive), then `$n`. */
export function formatMessage(entry: MessageEntry, subs: readonly string[] = []): string {
  const named = Object.fromEntries(
    Object.entries(entry.placeholders ?? {}).map(([name, p]) => [name.toLowerCase(), p.content]),
  );
  const withNamed = entry.message.replace(/\$([A-Za-z0-9_@]+)\$/g, (whole, name: string) =>
    Object.hasOwn(named, name.toLowerCase()) ? named[name.toLowerCase()]! : whole,
  );
  return substitute(withNamed, subs);
}

/** A `getMessage` over one locale's file, as the unit tests' fake browser answers it. */
export function messageReader(locale: string) {
  const messages = readMessages(locale);
  const byKey = new Map(Object.entries(messages).map(([key, entry]) => [key.toLowerCase(), entry]));
  return (key: string, substitutions?: string | string[]): string => {
    if (key === '@@ui_locale') return locale;
    const entry = byKey.get(key.toLowerCase());
    if (!entry) return '';
    const subs =
      substitutions === undefined ? [] : Array.isArray(substitutions) ? substitutions : [substitutions];
    return formatMessage(entry, subs);
  };
}
