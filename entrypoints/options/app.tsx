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

/** Why Options opened by itself: a menu item whose provider has no key yet (nothing was sent). */
const missing = missingKeyOf(location.search);

export function App() {
  const [missingSaved, markMissingSaved] = useKeySaved(missing);
  return (
    <main className="options">
      <h1>Enhance in Place</h1>
      {missing && <MissingKeyPanel missing={missing} keySaved={missingSaved} />}
      <section>
        <h2>Provider keys</h2>
        <p className="muted">
          Keys stay in this browser, in storage that web pages cannot read, and are sent only to their own
          provider.
        </p>
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
        <h2>On device</h2>
        <p className="muted">
          Upscaling that runs in this browser: no key, nothing is sent anywhere. Models ship inside the
          extension.
        </p>
        <BackendField />
      </section>
      <section>
        <h2>Results</h2>
        <BackdropField />
        <PreviewField />
        <StorageBudgetField />
        <NotifyField />
        <HistoryDaysField />
      </section>
      <section>
        <h2>Menus and shortcut</h2>
        <MenuFields />
      </section>
      <section>
        <h2>EnhanceCraft pipelines</h2>
        <p className="muted">
          Chain operations into one job; each pipeline appears under “Enhance image → My pipelines”.
          Operations that need a hand-drawn mask (remove object, remove text without auto-detect) are not
          available.
        </p>
        <PipelineEditor />
      </section>
    </main>
  );
}
