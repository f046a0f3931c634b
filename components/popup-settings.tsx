import { useRef, useState } from 'react';
import { POPUP_SETTINGS } from '@/utils/settings/declarations';
import { SettingField } from './setting-field';
import './popup-settings.css';
import { t } from '@/utils/i18n';

const PANEL_ID = 'popup-settings';

/**
 * The popup header's "Settings" disclosure: the settings that change what the next click does, in the
 * same fields as Options. The fields mount only while it is open, so a popup opened to look at jobs
 * asks nothing more of storage or the background. Esc closes it and puts focus back on the button.
 */
export function PopupSettings() {
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  return (
    <div className="popup-settings">
      <button
        ref={button}
        type="button"
        aria-expanded={open}
        aria-controls={PANEL_ID}
        onClick={() => setOpen((was) => !was)}
      >
        {t('popup_settings')}
      </button>
      <section
        id={PANEL_ID}
        className="popup-settings-panel"
        aria-label={t('popup_settings')}
        hidden={!open}
        onKeyDown={(event) => {
          if (event.key !== 'Escape') return;
          event.stopPropagation();
          setOpen(false);
          button.current?.focus();
        }}
      >
        {open && POPUP_SETTINGS.map((setting) => <SettingField key={setting.id} setting={setting} />)}
      </section>
    </div>
  );
}
