import { storage } from 'wxt/utils/storage';
import { z } from 'zod';

/**
 * Every stored setting, declared once with its fallback and version (WXT storage items over
 * storage.local). Values are zod-checked on read so one bad field never resets the others. Secrets are
 * NOT here (see utils/secrets.ts): storage.local is readable by content scripts.
 */

/** The data layout version; the start-up reconcile migrates when the stored value is older. */
export const DATA_VERSION = 1;
export const dataVersion = storage.defineItem<number>('local:dataVersion', { fallback: 0 });

/** Per provider: which spelling of a renamed model worked last time (HitPaw model aliases). */
const memorySchema = z.record(z.string(), z.string());
export const providerMemory = storage.defineItem<Record<string, string>>('local:providerMemory', {
  fallback: {},
  version: 1,
});

export async function readProviderMemory(): Promise<Record<string, string>> {
  const parsed = memorySchema.safeParse(await providerMemory.getValue());
  return parsed.success ? parsed.data : {};
}
