import type { Clock } from '../core/clock';
import type { HitPawConfig } from './config';

export type KeyKind = 'valid' | 'expired' | 'demo';

export interface KeyOptions {
  /** Balance in credits (default 1000). A "broke" key is `{ coins: 0 }`. */
  coins?: number;
  /** `expired` → 401 100401000 on every call; `demo` → also limited by `demoTries`. */
  kind?: KeyKind;
  /** Submits a demo key may make (default 3); then 402 110402004. */
  demoTries?: number;
}

interface KeyRecord {
  kind: KeyKind;
  coins: number;
  demoTries: number;
  tokens: number;
  refilledAt: number;
}

/** Per-key state: kind, balance, demo tries and the rate-limit bucket. */
export class KeyStore {
  private readonly keys = new Map<string, KeyRecord>();

  constructor(private readonly clock: Clock) {}

  add(key: string, { coins = 1000, kind = 'valid', demoTries = 3 }: KeyOptions = {}): void {
    this.keys.set(key, { kind, coins, demoTries, tokens: Infinity, refilledAt: this.clock.now() });
  }

  get(key: string | undefined): KeyRecord | undefined {
    return key === undefined ? undefined : this.keys.get(key);
  }

  coins(key: string): number {
    const record = this.keys.get(key);
    if (!record) throw new Error(`Unknown emulator key: ${key}`);
    return record.coins;
  }

  /** Takes one token; false means "answer 429". Refill is continuous on the emulator clock. */
  take(record: KeyRecord, limit: HitPawConfig['rateLimit']): boolean {
    if (!limit) return true;
    const now = this.clock.now();
    const refill = ((now - record.refilledAt) * limit.capacity) / limit.refillMs;
    record.tokens = Math.min(limit.capacity, record.tokens + refill);
    record.refilledAt = now;
    if (record.tokens < 1) return false;
    record.tokens -= 1;
    return true;
  }
}
