import type { ProviderMemory } from '@/utils/providers/types';
import { providerMemory, readProviderMemory } from '@/utils/storage';

/** A provider's small persistent notes (e.g. which model spelling works), namespaced by provider id. */
export function providerMemoryFor(providerId: string): ProviderMemory {
  return {
    async get(name) {
      return (await readProviderMemory())[`${providerId}/${name}`];
    },
    async set(name, value) {
      const all = await readProviderMemory();
      await providerMemory.setValue({ ...all, [`${providerId}/${name}`]: value });
    },
  };
}
