/** One request as the emulator received it; `status` is filled in when the answer is sent. */
export interface JournalEntry {
  seq: number;
  /** Emulator clock at arrival. */
  at: number;
  host: string;
  method: string;
  path: string;
  query: Record<string, string>;
  /** Header names in lower case, as Node delivers them. */
  headers: Record<string, string>;
  /** Parsed JSON, UTF-8 text, `{ bytes: n }` for binary bodies, or `undefined` when empty. */
  body: unknown;
  /** HTTP status sent; `null` while unanswered (a hung request stays `null`). */
  status: number | null;
}

export interface JournalQuery {
  host?: string;
  method?: string;
  /** Exact path (without query), or a pattern. */
  path?: string | RegExp;
}

/** Every request the emulator saw, in arrival order. */
export interface Journal {
  all(): JournalEntry[];
  clear(): void;
  find(query: JournalQuery): JournalEntry[];
  /** Internal: records a new arrival. */
  record(entry: Omit<JournalEntry, 'seq' | 'status'>): JournalEntry;
}

export function createJournal(): Journal {
  let entries: JournalEntry[] = [];
  let seq = 0;
  return {
    all: () => [...entries],
    clear: () => {
      entries = [];
    },
    find: ({ host, method, path }) =>
      entries.filter(
        (e) =>
          (host === undefined || e.host === host) &&
          (method === undefined || e.method === method.toUpperCase()) &&
          (path === undefined || (typeof path === 'string' ? e.path === path : path.test(e.path))),
      ),
    record(partial) {
      const entry: JournalEntry = { ...partial, seq: ++seq, status: null };
      entries.push(entry);
      return entry;
    },
  };
}

/** Decodes a request body for the journal without ever throwing. */
export function describeBody(raw: Buffer, contentType: string | undefined): unknown {
  if (raw.length === 0) return undefined;
  const text = raw.toString('utf8');
  // Text has no U+FFFD (invalid UTF-8) and no C0 control bytes other than tab, LF, CR.
  const looksTextual =
    !text.includes('\uFFFD') &&
    !raw.subarray(0, 65536).some((b) => b < 0x20 && b !== 9 && b !== 10 && b !== 13);
  if (!looksTextual) return { bytes: raw.length };
  if (contentType?.includes('json') || /^\s*[[{]/.test(text)) {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return text;
    }
  }
  return text;
}
