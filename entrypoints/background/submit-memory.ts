import type { ProviderMemory } from '@/utils/providers/types';
import { readProviderMemory } from '@/utils/storage';
import { memoryMark, providerMemoryFor, unchangedSince } from './provider-memory';

/**
 * A provider's small notes for one request (e.g. which model spelling works), read from storage as soon
 * as the request is being prepared: on a submit the read then overlaps the key and settings reads
 * instead of delaying the POST. The early copy answers only while no note has been written since it
 * was read, by this request or any other: notes such as EnhanceCraft's request budget are shared by
 * every job, and a stale copy would spend requests another job already spent.
 */
export function memoryReadAhead(providerId: string): ProviderMemory {
  const stored = providerMemoryFor(providerId);
  const mark = memoryMark();
  const ahead: Promise<Record<string, string> | undefined> = readProviderMemory().catch(
    () => undefined, // read again when asked
  );
  return {
    async get(name) {
      const all = await ahead;
      return all && unchangedSince(mark) ? all[`${providerId}/${name}`] : stored.get(name);
    },
    set: (name, value) => stored.set(name, value),
  };
}
