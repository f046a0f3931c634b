import { hitpawPhoto } from './hitpaw-photo';
import type { CredentialId, Operation, Provider, ProviderId } from './types';

/** The registry: typed so that a provider id without an adapter fails to compile. */
export const PROVIDERS = {
  'hitpaw-photo': hitpawPhoto,
} satisfies Record<ProviderId, Provider>;

export const CREDENTIAL_NAMES: Record<CredentialId, string> = { hitpaw: 'HitPaw' };

export function getProvider(id: string): Provider | undefined {
  return Object.hasOwn(PROVIDERS, id) ? PROVIDERS[id as ProviderId] : undefined;
}

/** Menu item ids are `<provider>:<operation>`, e.g. `hitpaw-photo:general_2x`. */
export function menuId(provider: ProviderId, operation: string): string {
  return `${provider}:${operation}`;
}

export function parseMenuId(id: string | number): { provider: Provider; operation: Operation } | undefined {
  const [providerId, operationId] = String(id).split(':');
  const provider = providerId ? getProvider(providerId) : undefined;
  const operation = provider?.operations.find((candidate) => candidate.id === operationId);
  return provider && operation ? { provider, operation } : undefined;
}
