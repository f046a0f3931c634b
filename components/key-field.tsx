import { useEffect, useId, useState } from 'react';
import type { CredentialId } from '@/utils/providers/types';
import { formatBalance, type KeyCheck } from '@/utils/key-check';
import { PROVIDER_CATALOGUE } from '@/utils/provider-catalogue';
import { getKey, maskKey, removeKey, setKey } from '@/utils/secrets';
import { appMessaging, type KeyTestReply } from '@/utils/messages';
import { t } from '@/utils/i18n';
import { richMessage } from './rich-message';

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
    if (!draft.trim()) return setStatus(t('key_paste_first'));
    await setKey(credential, draft);
    setSaved(draft.trim());
    setDraft('');
    setTest({ kind: 'idle' });
    setStatus(t('key_saved_status'));
    void appMessaging.sendMessage('keysChanged').catch(() => undefined);
    onSaved?.();
  }

  async function remove() {
    await removeKey(credential);
    setSaved(undefined);
    setTest({ kind: 'idle' });
    setStatus(t('key_removed_status'));
    void appMessaging.sendMessage('keysChanged').catch(() => undefined);
  }

  async function testKey() {
    const key = draft.trim() || saved;
    if (!key) return;
    setTest({ kind: 'testing' });
    const reply = await appMessaging
      .sendMessage('keyTest', { credential, key })
      .catch((): KeyTestReply => ({ ok: false, message: t('try_again_no_answer') }));
    setTest(reply.ok ? { kind: 'ok', found: reply.found } : { kind: 'bad', message: reply.message });
  }

  return (
    <form className="key-field" onSubmit={save}>
      <label htmlFor={inputId}>{t('key_label', name)}</label>
      <div className="row">
        <input
          id={inputId}
          // Only when Options was opened for this key: the person came here to paste it.
          autoFocus={focus}
          type="password"
          autoComplete="off"
          spellCheck={false}
          placeholder={saved ? t('key_placeholder_replace') : t('key_placeholder')}
          value={draft}
          onChange={(event) => setDraft(event.target.value)}
        />
        <button type="submit" className="primary">
          {t('key_save')}
        </button>
        <button type="button" onClick={testKey} disabled={!draft.trim() && !saved}>
          {t('key_test')}
        </button>
      </div>
      <p className="muted" aria-live="polite">
        {saved ? (
          <>
            {t('key_saved_label')} <code data-testid={`saved-${credential}`}>{maskKey(saved)}</code>{' '}
            <button type="button" onClick={remove}>
              {t('key_remove')}
            </button>
          </>
        ) : (
          t('key_none')
        )}{' '}
        {status}
      </p>
      {test.kind === 'testing' && <p className="muted">{t('key_testing')}</p>}
      {test.kind === 'ok' && <TestResult found={test.found} name={name} />}
      <p className="muted key-links">
        {catalogue.keySteps}{' '}
        <a href={catalogue.keyPage} target="_blank" rel="noopener noreferrer">
          {t('key_get', name)}
        </a>
        {' · '}
        <a href={catalogue.pricePage} target="_blank" rel="noopener noreferrer">
          {t('key_prices', name)}
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
      {t('key_works')}
      {found.balance && <> {t('key_balance', formatBalance(found.balance))}</>}
      {found.balancePage && (
        <>
          {' '}
          {richMessage('key_balance_elsewhere', [
            name,
            <a href={found.balancePage} target="_blank" rel="noopener noreferrer">
              {t('key_balance_link', new URL(found.balancePage).host)}
            </a>,
          ])}
        </>
      )}
    </p>
  );
}
