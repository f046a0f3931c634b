import { JOB_RECORD_VERSION } from './schema';

/**
 * Brings stored data forward, one small pure step per version. A record that cannot be migrated is
 * returned unchanged, and the store quarantines it.
 */
type Step = (record: Record<string, unknown>) => Record<string, unknown>;
type Fields = Record<string, unknown>;

const ON_DEVICE_RESULT = 'on-device:result/';
const ON_DEVICE_MASK = 'on-device:mask/';

/**
 * Version 1 named an on-device result (and a cut-out's mask) by made-up links that were read back out
 * of IndexedDB. Version 2 has no link for a result made in this browser: the kept copy is the result.
 * Those copies were always written before the job could complete, so the record says it has them.
 */
function dropMadeUpLinks(record: Fields): Fields {
  const result = record.result as Fields | undefined;
  if (record.provider !== 'on-device' || !result || typeof result !== 'object') return { ...record, v: 2 };
  const { url, maskUrl, ...rest } = result;
  const madeUp = (link: unknown, prefix: string) => typeof link === 'string' && link.startsWith(prefix);
  const next: Fields = { ...rest };
  if (madeUp(url, ON_DEVICE_RESULT)) next.cached = true;
  else if (url !== undefined) next.url = url;
  if (madeUp(maskUrl, ON_DEVICE_MASK)) next.maskCached = true;
  else if (maskUrl !== undefined) next.maskUrl = maskUrl;
  return { ...record, v: 2, result: next };
}

const STEPS: Record<number, Step> = { 1: dropMadeUpLinks };

export function migrateJobRecord(raw: unknown): unknown {
  if (!raw || typeof raw !== 'object') return raw;
  let record = raw as Fields;
  let version = typeof record.v === 'number' ? record.v : 0;
  while (version < JOB_RECORD_VERSION) {
    const step = STEPS[version];
    if (!step) return raw;
    record = step(record);
    version = record.v as number;
  }
  return record;
}

/**
 * Data outside the job records, migrated once per data version on the worker's start (keyed on the stored
 * version, not on onInstalled). Version 2: on-device progress now lives in the job records themselves,
 * so the database version 1 kept it in is deleted.
 */
const DATA_STEPS: Record<number, () => Promise<void>> = {
  1: () => deleteDatabase('enhance-in-place-on-device'),
};

function deleteDatabase(name: string): Promise<void> {
  return new Promise((resolve) => {
    const request = indexedDB.deleteDatabase(name);
    // Blocked only while another context holds it open: it is deleted when that one closes.
    request.onsuccess = request.onerror = request.onblocked = () => resolve();
  });
}

/** Runs the steps from `stored` up to `target`; a fresh install (0) runs them all, harmlessly. */
export async function migrateData(stored: number, target: number): Promise<void> {
  for (let version = Math.max(stored, 1); version < target; version++) await DATA_STEPS[version]?.();
}
