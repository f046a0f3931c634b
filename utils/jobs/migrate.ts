import { JOB_RECORD_VERSION } from './schema';

/**
 * Brings a stored job record forward to the current version, one small pure step per version.
 * Version 1 is the first; the table is where the next step goes (`1: (r) => ({ ...r, v: 2, ... })`).
 * A record that cannot be migrated is returned unchanged, and the store quarantines it.
 */
type Step = (record: Record<string, unknown>) => Record<string, unknown>;
const STEPS: Record<number, Step> = {};

export function migrateJobRecord(raw: unknown): unknown {
  if (!raw || typeof raw !== 'object') return raw;
  let record = raw as Record<string, unknown>;
  let version = typeof record.v === 'number' ? record.v : 0;
  while (version < JOB_RECORD_VERSION) {
    const step = STEPS[version];
    if (!step) return raw;
    record = step(record);
    version = record.v as number;
  }
  return record;
}
