import type { ProviderMemory } from '@/utils/providers/types';
import { readProviderMemory } from '@/utils/storage';
import { providerMemoryFor } from './provider-memory';

/**
 * A provider's small notes for one request (e.g. which model spelling works), read from storage as soon
 * as the request is being prepared: on a submit the read then overlaps the key and settings reads
 * instead of delaying the POST. Once a note is written, reads go to storage again.
 */
export function memoryReadAhead(providerId: string): ProviderMemory {
  const stored = providerMemoryFor(providerId);
  let ahead: Promise<Record<string, string> | undefined> | undefined = readProviderMemory().catch(
    () => undefined, // read again when asked
  );
  return {
    async get(name) {
      const all = await ahead;
      return all ? all[`${providerId}/${name}`] : stored.get(name);
    },
    async set(name, value) {
      ahead = undefined;
      await stored.set(name, value);
    },
  };
}
