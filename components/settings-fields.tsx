import { z } from 'zod';
import { onDeviceBackend } from '@/utils/storage';
import { MENU_SETTINGS, SETTINGS } from '@/utils/settings/declarations';
import { SettingField } from './setting-field';
import { useSetting } from './use-setting';

/** Options' fields, each a declared setting (utils/settings/declarations.ts) in the generic field. */
export const BackdropField = () => <SettingField setting={SETTINGS.cutoutBackdrop} />;
export const PreviewField = () => <SettingField setting={SETTINGS.tensorpixPreview} />;
export const NotifyField = () => <SettingField setting={SETTINGS.notifyWhenDone} />;
export const HistoryDaysField = () => <SettingField setting={SETTINGS.historyDays} />;

/** The default action and what the menus show. */
export function MenuFields() {
  return MENU_SETTINGS.map((setting) => <SettingField key={setting.id} setting={setting} />);
}

const BACKEND_NAMES: Record<string, string> = {
  webgpu: 'WebGPU (graphics card)',
  webgl: 'WebGL (graphics card)',
  wasm: 'WebAssembly (processor)',
  cpu: 'plain JavaScript (processor, slowest)',
};
const backendSchema = z.string().nullable();

/** Which backend the on-device engine chose (WebGPU, then WebGL, then WebAssembly), once it has run. */
export function BackendField() {
  const [backend] = useSetting(onDeviceBackend, backendSchema);
  return (
    <p className="setting" aria-label="On-device engine backend">
      Engine backend: <strong>{backend ? (BACKEND_NAMES[backend] ?? backend) : 'not started yet'}</strong>
      {backend ? ' (last used)' : ' — it starts the first time you choose an “On device” action.'}
    </p>
  );
}
