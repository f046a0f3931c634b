import { createStore, del, get, set, type UseStore } from 'idb-keyval';
import type { CredentialId } from './providers/types';

/**
 * API keys live in the extension origin's IndexedDB: the worker and the extension's own pages can read
 * it; content scripts run in the page's origin and cannot (storage.local would be readable by them).
 * Keys never go into messages to tabs, logs, URLs or error texts.
 */
let store: UseStore | undefined;
const keys = () => (store ??= createStore('enhance-in-place-secrets', 'keys'));

export async function getKey(credential: CredentialId | string): Promise<string | undefined> {
  const value = await get<unknown>(credential, keys());
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

/** The key a provider needs: undefined when it needs one and none is saved, '' when it needs none. */
export async function keyFor(credential: CredentialId | null): Promise<string | undefined> {
  return credential === null ? '' : getKey(credential);
}

/** The credentials that have a key saved (the menus put those providers first). */
export async function keyedCredentials(all: readonly CredentialId[]): Promise<Set<CredentialId>> {
  const saved = await Promise.all(
    all.map(async (credential) => ((await getKey(credential)) ? credential : null)),
  );
  return new Set(saved.filter((credential): credential is CredentialId => credential !== null));
}

export async function setKey(credential: CredentialId, key: string): Promise<void> {
  const trimmed = key.trim();
  if (!trimmed) throw new Error('The key is empty.');
  await set(credential, trimmed, keys());
}

export async function removeKey(credential: CredentialId): Promise<void> {
  await del(credential, keys());
}

/** What the Options page shows of a saved key: enough to recognise it, not to use it. */
export function maskKey(key: string): string {
  const tail = key.length > 8 ? key.slice(-4) : '';
  return `${'•'.repeat(8)}${tail}`;
}
