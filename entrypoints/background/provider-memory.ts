import type { Provider, ProviderContext, ProviderMemory } from '@/utils/providers/types';
import { oneAtATime } from '@/utils/one-at-a-time';
import { providerMemory, readProviderMemory, readProviderSettings } from '@/utils/storage';

/**
 * Every provider's notes live in one stored record, so a write reads the record and writes it back.
 * Writes go one after another: two jobs noting at once (a budget and a model spelling) must not each
 * write back a record that lacks the other's note.
 */
const writeTurn = oneAtATime();
/** Counts writes begun and finished in this worker, so a copy read earlier can tell it is stale. */
let generation = 0;
let writing = 0;

/** A mark taken before reading the notes: `unchangedSince(mark)` says whether that read is still current. */
export const memoryMark = (): number => generation;
export const unchangedSince = (mark: number): boolean => writing === 0 && generation === mark;

/** A provider's small persistent notes (e.g. which model spelling works), namespaced by provider id. */
export function providerMemoryFor(providerId: string): ProviderMemory {
  return {
    async get(name) {
      return (await readProviderMemory())[`${providerId}/${name}`];
    },
    set(name, value) {
      return writeTurn(async () => {
        generation += 1;
        writing += 1;
        try {
          const all = await readProviderMemory();
          await providerMemory.setValue({ ...all, [`${providerId}/${name}`]: value });
        } finally {
          writing -= 1;
          generation += 1;
        }
      });
    },
  };
}

/** A provider call's context outside the job runner (fresh result links, cancel). */
export async function providerContext(provider: Provider, key: string): Promise<ProviderContext> {
  return { key, memory: providerMemoryFor(provider.id), settings: await readProviderSettings() };
}
