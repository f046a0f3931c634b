import { useEffect, useId, useState } from 'react';
import type { CredentialId } from '@/utils/providers/types';
import { formatBalance, type KeyCheck } from '@/utils/key-check';
import { PROVIDER_CATALOGUE } from '@/utils/provider-catalogue';
import { getKey, maskKey, removeKey, setKey } from '@/utils/secrets';
import { appMessaging, type KeyTestReply } from '@/utils/messages';

type TestState =
  { kind: 'idle' } | { kind: 'testing' } | { kind: 'ok'; found: KeyCheck } | { kind: 'bad'; message: string };

/**
 * One provider key: typed into a password field, saved to extension-only storage, shown masked, testable
 * with the provider's cheapest authenticated call (its balance where the provider's API tells it; the
 * background makes it, so this page never loads an adapter), removable. Beside it: where such a key is made and what the provider charges.
 */
export function KeyField({
  credential,
  name,
  focus = false,
  onSaved,
}: {
  credential: CredentialId;
  name: string;
  /** Options was opened for this very key: the field takes the focus and is scrolled into view. */
  focus?: boolean;
  /** Called once a key is stored (not on remove). */
  onSaved?: () => void;
}) {
  const catalogue = PROVIDER_CATALOGUE[credential];
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
    onSaved?.();
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
    if (!key) return;
    setTest({ kind: 'testing' });
    const reply = await appMessaging
      .sendMessage('keyTest', { credential, key })
      .catch((): KeyTestReply => ({ ok: false, message: 'The extension did not answer. Try again.' }));
    setTest(reply.ok ? { kind: 'ok', found: reply.found } : { kind: 'bad', message: reply.message });
  }

  return (
    <form className="key-field" onSubmit={save}>
      <label htmlFor={inputId}>{name} API key</label>
      <div className="row">
        <input
          id={inputId}
          // Only when Options was opened for this key: the person came here to paste it.
          autoFocus={focus}
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
        <button type="button" onClick={testKey} disabled={!draft.trim() && !saved}>
          Test key
        </button>
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
      {test.kind === 'ok' && <TestResult found={test.found} name={name} />}
      <p className="muted key-links">
        {catalogue.keySteps}{' '}
        <a href={catalogue.keyPage} target="_blank" rel="noopener noreferrer">
          Get a {name} key
        </a>
        {' · '}
        <a href={catalogue.pricePage} target="_blank" rel="noopener noreferrer">
          {name} prices
        </a>
      </p>
      {test.kind === 'bad' && <p className="error-text">{test.message}</p>}
    </form>
  );
}

/** "The key works." and what is left: the balance the API told, or where the provider shows it. */
function TestResult({ found, name }: { found: KeyCheck; name: string }) {
  return (
    <p className="ok-text">
      The key works.
      {found.balance && <> Balance: {formatBalance(found.balance)}.</>}
      {found.balancePage && (
        <>
          {' '}
          {name}’s API does not tell the balance;{' '}
          <a href={found.balancePage} target="_blank" rel="noopener noreferrer">
            see it on {new URL(found.balancePage).host}
          </a>
          .
        </>
      )}
    </p>
  );
}
