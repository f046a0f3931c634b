import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { StoredFile } from './http';

interface Entry extends StoredFile {
  expiresAt: number;
  signed: boolean;
}

/** What the CDN answers for a GET of a stored path with its query. */
export type Opened =
  | { status: 200; file: StoredFile }
  | { status: 403; reason: 'missing' | 'invalid' | 'expired' }
  | { status: 404 };

/**
 * Result files on the CDN host, each with its own expiry on the emulator clock. A file put with
 * `signed: true` is only served to presigned URLs (`?sig=…&exp=<unix s>`, see `sign`), like an S3
 * or GCS object behind a presigned link; other files are public.
 */
export interface FileStore {
  put(path: string, file: StoredFile, expiresAt: number, options?: { signed?: boolean }): void;
  /** The file, or undefined when it never existed or its retention has passed. Ignores signatures (in-process reads). */
  get(path: string, now: number): StoredFile | undefined;
  /**
   * A fresh presigned query for `path`, valid until `expiresAtMs` (rounded down to whole seconds):
   * `sig=<salt><mac>&exp=<unix s>`. Each call salts anew, so two links to one file differ.
   */
  sign(path: string, expiresAtMs: number): string;
  /** A GET as the CDN sees it: 404 when gone, 403 when a signed file's `sig`/`exp` is missing, wrong or past. */
  open(path: string, query: URLSearchParams, now: number): Opened;
}

export function createFileStore(): FileStore {
  const files = new Map<string, Entry>();
  const secret = randomBytes(32);
  const mac = (path: string, exp: string, salt: string) =>
    createHmac('sha256', secret).update(`${path}\n${exp}\n${salt}`).digest('hex').slice(0, 32);

  function get(path: string, now: number): Entry | undefined {
    const entry = files.get(path);
    if (!entry) return undefined;
    if (now >= entry.expiresAt) {
      files.delete(path); // free the bytes; the answer is a 404 from now on anyway
      return undefined;
    }
    return entry;
  }

  return {
    put: (path, file, expiresAt, options = {}) =>
      void files.set(path, { ...file, expiresAt, signed: options.signed ?? false }),
    get,
    sign(path, expiresAtMs) {
      const exp = String(Math.floor(expiresAtMs / 1000));
      const salt = randomBytes(8).toString('hex');
      return `sig=${salt}${mac(path, exp, salt)}&exp=${exp}`;
    },
    open(path, query, now) {
      const entry = get(path, now);
      if (!entry) return { status: 404 };
      if (!entry.signed) return { status: 200, file: entry };
      const sig = query.get('sig');
      const exp = query.get('exp');
      if (!sig || !exp) return { status: 403, reason: 'missing' };
      const expected = Buffer.from(sig.slice(0, 16) + mac(path, exp, sig.slice(0, 16)));
      const given = Buffer.from(sig);
      if (given.length !== expected.length || !timingSafeEqual(given, expected))
        return { status: 403, reason: 'invalid' };
      if (now >= Number(exp) * 1000) return { status: 403, reason: 'expired' };
      return { status: 200, file: entry };
    },
  };
}
