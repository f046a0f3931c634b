import type { ProviderId } from './providers/types';

/**
 * Menu item ids are `<provider>:<operation>`, e.g. `hitpaw-photo:general_2x`. A module of its own so
 * that the catalogue and the extension's pages can name a choice without loading the adapters.
 */
export function menuId(provider: ProviderId, operation: string): string {
  return `${provider}:${operation}`;
}
