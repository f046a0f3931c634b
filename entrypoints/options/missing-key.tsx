import { useEffect, useState } from 'react';
import { pendingMessaging, type RunPendingReply } from '@/utils/messages/pending';
import { readPendingRun, type PendingRun } from '@/utils/pending-run';
import { CREDENTIAL_NAMES, onDeviceInstead, onDeviceLabel } from '@/utils/provider-catalogue';
import type { CredentialId } from '@/utils/providers/types';
import { getKey } from '@/utils/secrets';
import { t } from '@/utils/i18n';

/** Why Options opened by itself (`?missing=<credential>&operation=<label>`), when it did. */
export interface MissingKey {
  credential: CredentialId;
  name: string;
  /** The operation's label, as the menu showed it. */
  operation: string | null;
}

export function missingKeyOf(search: string): MissingKey | undefined {
  const params = new URLSearchParams(search);
  const missing = params.get('missing');
  if (!missing || !Object.hasOwn(CREDENTIAL_NAMES, missing)) return undefined;
  const credential = missing as CredentialId;
  return { credential, name: CREDENTIAL_NAMES[credential], operation: params.get('operation') };
}

type RunState = { kind: 'idle' } | { kind: 'running' } | { kind: 'done'; reply: RunPendingReply };

/**
 * The top of Options when it was opened for a missing key: what is missing and for what (nothing was
 * sent), and what the person can do next. Before the key is saved: run the same thing on device instead,
 * where On device can. Once it is saved: run what they clicked, on the image they clicked. Both go back
 * to the background, which runs the kept click through the normal menu dispatch.
 */
export function MissingKeyPanel({ missing, keySaved }: { missing: MissingKey; keySaved: boolean }) {
  const [pending, setPending] = useState<PendingRun | undefined>();
  const [run, setRun] = useState<RunState>({ kind: 'idle' });
  const { credential, name, operation } = missing;

  useEffect(() => {
    void readPendingRun(Date.now(), credential).then(setPending);
  }, [credential]);

  const instead = pending && onDeviceInstead(pending.menuItemId);
  const insteadLabel = instead && onDeviceLabel(instead);
  const what = operation ? t('missing_key_quoted', operation) : name;

  async function start(useInstead: boolean) {
    setRun({ kind: 'running' });
    const reply = await pendingMessaging
      .sendMessage('runPending', { credential, instead: useInstead })
      .catch((): RunPendingReply => ({ ok: false, reason: t('try_again_no_answer') }));
    setRun({ kind: 'done', reply });
  }

  if (run.kind === 'done')
    return run.reply.ok ? (
      <div className="banner done" role="status">
        {t('missing_key_started')}
      </div>
    ) : (
      <div className="banner" role="alert">
        {run.reply.reason}
      </div>
    );

  if (!keySaved)
    return (
      <div className="banner" role="alert">
        <p>{t('missing_key_add', [name, what])}</p>
        {instead && insteadLabel && (
          <p>
            {t('missing_key_instead')}{' '}
            <button type="button" disabled={run.kind === 'running'} onClick={() => void start(true)}>
              {t('missing_key_use_on_device')}
            </button>{' '}
            <span className="muted">{t('missing_key_on_device_free', insteadLabel)}</span>
          </p>
        )}
      </div>
    );

  return (
    <div className="banner done" role="status">
      <p>{t('missing_key_saved', name)}</p>
      {pending && operation && (
        <p>
          <button
            type="button"
            className="primary"
            disabled={run.kind === 'running'}
            onClick={() => void start(false)}
          >
            {t('missing_key_run_now', operation)}
          </button>{' '}
          <span className="muted">{t('missing_key_on_clicked')}</span>
        </p>
      )}
    </div>
  );
}

/** Whether the missing key is saved: read once, then set by the key field's save. */
export function useKeySaved(missing: MissingKey | undefined): [boolean, () => void] {
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    if (missing) void getKey(missing.credential).then((key) => setSaved(Boolean(key)));
  }, [missing]);
  return [saved, () => setSaved(true)];
}
