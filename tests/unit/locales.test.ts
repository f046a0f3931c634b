import { describe, expect, it } from 'vitest';
import { formatMessage, localeNames, readMessages, type MessageEntry } from './helpers/messages';

const english = readMessages('en');
const others = localeNames().filter((locale) => locale !== 'en');

/** The placeholders a message declares, by lower-case name, with what each stands for. */
const placeholders = (entry: MessageEntry) =>
  Object.fromEntries(
    Object.entries(entry.placeholders ?? {})
      .map(([name, p]) => [name.toLowerCase(), p.content] as const)
      .sort(([a], [b]) => a.localeCompare(b)),
  );

/** The `$NAME$` placeholders a message's text uses. */
const used = (entry: MessageEntry) =>
  [...new Set([...entry.message.matchAll(/\$([A-Za-z0-9_@]+)\$/g)].map((m) => m[1]!.toLowerCase()))].sort();

describe('locales', () => {
  it('ships English, German and Japanese', () => {
    expect(localeNames()).toEqual(expect.arrayContaining(['en', 'de', 'ja']));
  });

  it('uses keys Chrome accepts, none differing only in case (Chrome matches them case-insensitively)', () => {
    const keys = Object.keys(english);
    for (const key of keys) expect(key).toMatch(/^[A-Za-z0-9_]+$/);
    expect(new Set(keys.map((key) => key.toLowerCase())).size).toBe(keys.length);
  });

  it.each(others)('%s has exactly the keys of English', (locale) => {
    const messages = readMessages(locale);
    const missing = Object.keys(english).filter((key) => !Object.hasOwn(messages, key));
    const extra = Object.keys(messages).filter((key) => !Object.hasOwn(english, key));
    expect({ missing, extra }).toEqual({ missing: [], extra: [] });
  });

  it.each(localeNames())(
    '%s: every message is written and uses exactly the placeholders of English',
    (locale) => {
      const messages = readMessages(locale);
      for (const [key, entry] of Object.entries(messages)) {
        const source = english[key];
        if (!source) continue; // reported by the key test above
        expect(entry.message.trim(), `${locale}/${key} is empty`).not.toBe('');
        expect(placeholders(entry), `${locale}/${key}: placeholders differ from English`).toEqual(
          placeholders(source),
        );
        expect(used(entry), `${locale}/${key}: placeholders used in the text`).toEqual(
          Object.keys(placeholders(source)),
        );
      }
    },
  );

  it.each(localeNames())('%s: every substitution shows up in the finished text', (locale) => {
    const messages = readMessages(locale);
    for (const [key, entry] of Object.entries(messages)) {
      const count = Object.keys(entry.placeholders ?? {}).length;
      const subs = Array.from({ length: count }, (_, i) => `«${i + 1}»`);
      const text = formatMessage(entry, subs);
      for (const sub of subs) expect(text, `${locale}/${key}`).toContain(sub);
      expect(text, `${locale}/${key} has a stray $`).not.toMatch(/\$/);
    }
  });
});
