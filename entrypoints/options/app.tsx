import { KeyField } from '@/components/key-field';
import { PipelineEditor } from '@/components/pipeline-editor';
import {
  BackdropField,
  BackendField,
  HistoryDaysField,
  MenuFields,
  NotifyField,
  PreviewField,
} from '@/components/settings-fields';
import { StorageBudgetField } from '@/components/storage-budget-field';
import { CREDENTIAL_NAMES, CREDENTIALS } from '@/utils/provider-catalogue';
import { MissingKeyPanel, missingKeyOf, useKeySaved } from './missing-key';
import './options.css';
import { t } from '@/utils/i18n';

/** Why Options opened by itself: a menu item whose provider has no key yet (nothing was sent). */
const missing = missingKeyOf(location.search);

export function App() {
  const [missingSaved, markMissingSaved] = useKeySaved(missing);
  return (
    <main className="options">
      <h1>{t('ext_name')}</h1>
      {missing && <MissingKeyPanel missing={missing} keySaved={missingSaved} />}
      <section>
        <h2>{t('options_provider_keys')}</h2>
        <p className="muted">{t('options_keys_note')}</p>
        {CREDENTIALS.map((credential) => (
          <KeyField
            key={credential}
            credential={credential}
            name={CREDENTIAL_NAMES[credential]}
            focus={credential === missing?.credential}
            onSaved={credential === missing?.credential ? markMissingSaved : undefined}
          />
        ))}
      </section>
      <section>
        <h2>{t('options_on_device')}</h2>
        <p className="muted">{t('options_on_device_note')}</p>
        <BackendField />
      </section>
      <section>
        <h2>{t('options_results')}</h2>
        <BackdropField />
        <PreviewField />
        <StorageBudgetField />
        <NotifyField />
        <HistoryDaysField />
      </section>
      <section>
        <h2>{t('options_menus')}</h2>
        <MenuFields />
      </section>
      <section>
        <h2>{t('options_pipelines')}</h2>
        <p className="muted">
          {t('options_pipelines_note', `${t('menu_enhance_image')} → ${t('group_my_pipelines')}`)}
        </p>
        <PipelineEditor />
      </section>
    </main>
  );
}
