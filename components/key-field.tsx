import { useEffect, useId, useState } from 'react';
import type { Provider, CredentialId } from '@/utils/providers/types';
import { getKey, maskKey, removeKey, setKey } from '@/utils/secrets';
import { appMessaging } from '@/utils/messages';
import { readProviderSettings } from '@/utils/storage';

/** Testing a key must not teach the adapter anything (it may be a different key than the saved one). */
const NO_MEMORY = { get: async () => undefined, set: async () => undefined };

type TestState = { kind: 'idle' } | { kind: 'testing' } | { kind: 'ok' } | { kind: 'bad'; message: string };

/**
 * One provider key: typed into a password field, saved to extension-only storage, shown masked, testable
 * with the provider's cheapest authenticated call, removable.
 */
export function KeyField({
  credential,
  name,
  provider,
}: {
  credential: CredentialId;
  name: string;
  provider: Provider;
}) {
  const inputId = useId();
  const [saved, setSaved] = useState<string | undefined>();
  const [draft, setDraft] = useState('');
  const [status, setStatus] = useState<string>('');
  const [test, setTest] = useState<TestState>({ kind: 'idle' });

  useEffect(() => {
    void getKey(credential).then(setSaved);
  }, [credential]);

  async function save(event: React.FormEvent) {
    event.preventDefault();
    if (!draft.trim()) return setStatus('Paste a key first.');
    await setKey(credential, draft);
    setSaved(draft.trim());
    setDraft('');
    setTest({ kind: 'idle' });
    setStatus('Saved.');
    void appMessaging.sendMessage('keysChanged').catch(() => undefined);
  }

  async function remove() {
    await removeKey(credential);
    setSaved(undefined);
    setTest({ kind: 'idle' });
    setStatus('Removed.');
    void appMessaging.sendMessage('keysChanged').catch(() => undefined);
  }

  async function testKey() {
    const key = draft.trim() || saved;
    if (!key || !provider.testKey) return;
    setTest({ kind: 'testing' });
    try {
      await provider.testKey({ key, memory: NO_MEMORY, settings: await readProviderSettings() });
      setTest({ kind: 'ok' });
    } catch (error) {
      setTest({ kind: 'bad', message: error instanceof Error ? error.message : String(error) });
    }
  }

  return (
    <form className="key-field" onSubmit={save}>
      <label htmlFor={inputId}>{name} API key</label>
      <div className="row">
        <input
          id={inputId}
          type="password"
          autoComplete="off"
          spellCheck={false}
          placeholder={saved ? 'Paste a new key to replace the saved one' : 'Paste your key'}
          value={draft}
          onChange={(event) => setDraft(event.target.value)}
        />
        <button type="submit" className="primary">
          Save
        </button>
        {provider.testKey && (
          <button type="button" onClick={testKey} disabled={!draft.trim() && !saved}>
            Test key
          </button>
        )}
      </div>
      <p className="muted" aria-live="polite">
        {saved ? (
          <>
            Saved key: <code data-testid={`saved-${credential}`}>{maskKey(saved)}</code>{' '}
            <button type="button" onClick={remove}>
              Remove
            </button>
          </>
        ) : (
          'No key saved.'
        )}{' '}
        {status}
      </p>
      {test.kind === 'testing' && <p className="muted">Testing…</p>}
      {test.kind === 'ok' && <p className="ok-text">The key works.</p>}
      {test.kind === 'bad' && <p className="error-text">{test.message}</p>}
    </form>
  );
}
