import { PROVIDER_CATALOGUE } from './provider-catalogue';
import { readTensorpixBalance } from './providers/tensorpix-balance';
import type { CredentialId, Provider, ProviderContext } from './providers/types';

/** What "Test key" found: the key works, and what is left where the provider's API can say so. */
export interface KeyCheck {
  /** Credits left, for a provider whose API documents a balance call. */
  balance?: { amount: number; unit: 'credits' };
  /** Otherwise, the provider's page that shows what is left. */
  balancePage?: string;
}

/**
 * One authenticated call that costs nothing: the balance call where the provider documents one (it needs
 * the key, so it tests it too), else the adapter's own cheapest call. Throws the adapter's ProviderError
 * (a rejected key is `auth`) as the adapters do.
 */
export async function checkKey(
  credential: CredentialId,
  provider: Provider,
  ctx: ProviderContext,
): Promise<KeyCheck> {
  const where = PROVIDER_CATALOGUE[credential].balance;
  if (credential === 'tensorpix' && where.kind === 'api')
    return { balance: { amount: await readTensorpixBalance(ctx), unit: 'credits' } };
  await provider.testKey?.(ctx);
  return where.kind === 'page' ? { balancePage: where.url } : {};
}

/** "1,234.5 credits" in the person's own number format, at most two decimals. */
export function formatBalance({ amount, unit }: NonNullable<KeyCheck['balance']>, locale?: string): string {
  const number = amount.toLocaleString(locale, { maximumFractionDigits: 2 });
  return `${number} ${unit}`;
}
