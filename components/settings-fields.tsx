import { z } from 'zod';
import { onDeviceBackend } from '@/utils/storage';
import { MENU_SETTINGS, SETTINGS } from '@/utils/settings/declarations';
import { SettingField } from './setting-field';
import { useSetting } from './use-setting';
import { t, type MessageKey } from '@/utils/i18n';

/** Options' fields, each a declared setting (utils/settings/declarations.ts) in the generic field. */
export const BackdropField = () => <SettingField setting={SETTINGS.cutoutBackdrop} />;
export const PreviewField = () => <SettingField setting={SETTINGS.tensorpixPreview} />;
export const NotifyField = () => <SettingField setting={SETTINGS.notifyWhenDone} />;
export const HistoryDaysField = () => <SettingField setting={SETTINGS.historyDays} />;

/** The default action and what the menus show. */
export function MenuFields() {
  return MENU_SETTINGS.map((setting) => <SettingField key={setting.id} setting={setting} />);
}

const BACKEND_NAMES: Record<string, MessageKey> = {
  webgpu: 'backend_webgpu',
  webgl: 'backend_webgl',
  wasm: 'backend_wasm',
  cpu: 'backend_cpu',
};
const backendSchema = z.string().nullable();
const known = (backend: string) => Object.hasOwn(BACKEND_NAMES, backend);

/** Which backend the on-device engine chose (WebGPU, then WebGL, then WebAssembly), once it has run. */
export function BackendField() {
  const [backend] = useSetting(onDeviceBackend, backendSchema);
  return (
    <p className="setting" aria-label={t('backend_field')}>
      {t('backend_label')}{' '}
      <strong>
        {backend ? (known(backend) ? t(BACKEND_NAMES[backend]!) : backend) : t('backend_not_started')}
      </strong>{' '}
      {backend ? t('backend_last_used') : t('backend_starts')}
    </p>
  );
}
