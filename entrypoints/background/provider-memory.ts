import type { Provider, ProviderContext, ProviderMemory } from '@/utils/providers/types';
import { providerMemory, readProviderMemory, readProviderSettings } from '@/utils/storage';

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

/** A provider call's context outside the job runner (fresh result links, cancel). */
export async function providerContext(provider: Provider, key: string): Promise<ProviderContext> {
  return { key, memory: providerMemoryFor(provider.id), settings: await readProviderSettings() };
}
