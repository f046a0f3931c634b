/** Per-key options for `emu.tensorpix.addKey()`. */
export interface TensorPixKeyOptions {
  /** Credits balance (default 1000). `{ credits: 0 }` makes every paid job fail with 400. */
  credits?: number;
  /** Storage quota in bytes (default 1 TB); outputs count against it, from-url inputs do not. */
  storageBytes?: number;
}

export interface KeyRecord {
  /** The owning user: `output_video.owner` is this id, `input_video.owner` the e-mail. */
  userId: number;
  email: string;
  credits: number;
  storageBytes: number;
  /** Accepted request times (emulator clock), newest first, for the throttle. */
  hits: number[];
}

/** Each key stands for one user (TensorPix: one active key per account). */
export class KeyStore {
  private readonly keys = new Map<string, KeyRecord>();
  private nextUser = 1;

  /** Adds a key, or resets its credits and quota (keeping its user and jobs). */
  add(key: string, { credits = 1000, storageBytes = 1e12 }: TensorPixKeyOptions = {}): void {
    const existing = this.keys.get(key);
    const userId = existing?.userId ?? this.nextUser++;
    this.keys.set(key, { userId, email: `user${userId}@example.com`, credits, storageBytes, hits: [] });
  }

  has(key: string): boolean {
    return this.keys.has(key);
  }

  get(key: string): KeyRecord {
    const record = this.keys.get(key);
    if (!record) throw new Error(`Unknown emulator key: ${key}`);
    return record;
  }
}
