import type { KeyCheck } from '@/utils/key-check';
import { appMessaging, keyTestRequest, type KeyTestReply } from '@/utils/messages';
import { PROVIDER_CATALOGUE } from '@/utils/provider-catalogue';
import { PROVIDERS } from '@/utils/providers';
import { readTensorpixBalance } from '@/utils/providers/tensorpix-balance';
import type { CredentialId, Provider, ProviderContext } from '@/utils/providers/types';
import { fromExtensionPage } from '@/utils/sender';
import { readProviderSettings } from '@/utils/storage';
import { t } from '@/utils/i18n';

/** Testing a key must not teach the adapter anything (it may be a different key than the saved one). */
const NO_MEMORY = { get: async () => undefined, set: async () => undefined };

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

/** The first adapter that holds the credential and can test it (HitPaw's three share one key). */
function testerOf(credential: CredentialId): Provider | undefined {
  return (Object.values(PROVIDERS) as Provider[]).find((p) => p.credential === credential && p.testKey);
}

/**
 * Options' "Test key", answered here so that the extension's pages never load a provider adapter: the
 * sender must be one of our pages and the payload is parsed before the key goes anywhere; the answer is
 * what was found, or the adapter's readable message (which never repeats the key).
 */
export function registerKeyTest() {
  appMessaging.onMessage('keyTest', async ({ data, sender }): Promise<KeyTestReply> => {
    if (!fromExtensionPage(sender)) return { ok: false, message: t('not_allowed') };
    const parsed = keyTestRequest.safeParse(data);
    const provider = parsed.success ? testerOf(parsed.data.credential) : undefined;
    if (!parsed.success || !provider) return { ok: false, message: t('key_cannot_test') };
    const { credential, key } = parsed.data;
    try {
      const settings = await readProviderSettings();
      return { ok: true, found: await checkKey(credential, provider, { key, memory: NO_MEMORY, settings }) };
    } catch (error) {
      return { ok: false, message: error instanceof Error ? error.message : String(error) };
    }
  });
}
