import type { StoredFile } from './http';

interface Entry extends StoredFile {
  expiresAt: number;
}

/** Result files on the CDN host, each with its own expiry on the emulator clock. */
export interface FileStore {
  put(path: string, file: StoredFile, expiresAt: number): void;
  /** The file, or undefined when it never existed or its retention has passed. */
  get(path: string, now: number): StoredFile | undefined;
}

export function createFileStore(): FileStore {
  const files = new Map<string, Entry>();
  return {
    put: (path, file, expiresAt) => void files.set(path, { ...file, expiresAt }),
    get(path, now) {
      const entry = files.get(path);
      if (!entry) return undefined;
      if (now >= entry.expiresAt) {
        files.delete(path); // free the bytes; the answer is a 404 from now on anyway
        return undefined;
      }
      return entry;
    },
  };
}
