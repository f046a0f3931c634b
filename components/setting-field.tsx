import type { CheckboxSetting, NumberSetting, SelectSetting, Setting } from '@/utils/settings/declarations';
import { groupChoices, useOperationChoices } from './operation-choices';
import { useSetting } from './use-setting';
import { t } from '@/utils/i18n';

/**
 * One control for any declared setting (utils/settings/declarations.ts), the same in the popup and
 * Options: its label, its help text (the control's description), and the stored value, zod-checked on
 * read and written at once on change.
 */
export function SettingField({ setting }: { setting: Setting }) {
  switch (setting.kind) {
    case 'checkbox':
      return <CheckboxField setting={setting} />;
    case 'number':
      return <NumberField setting={setting} />;
    case 'select':
      return <SelectField setting={setting} />;
  }
}

const helpId = (setting: Setting) => `${setting.id}-help`;

function Help({ setting }: { setting: Setting }) {
  return (
    <p className="muted" id={helpId(setting)}>
      {setting.help}
    </p>
  );
}

function CheckboxField({ setting }: { setting: CheckboxSetting }) {
  const [checked, setChecked] = useSetting(setting.item, setting.schema);
  return (
    <div className="setting">
      <label>
        <input
          id={setting.id}
          type="checkbox"
          checked={checked}
          aria-describedby={helpId(setting)}
          onChange={(event) => setChecked(event.target.checked)}
        />{' '}
        {setting.label}
      </label>
      <Help setting={setting} />
    </div>
  );
}

/** A value outside the declared range (or not a whole number where one is asked) is not saved. */
function NumberField({ setting }: { setting: NumberSetting }) {
  const [value, setValue] = useSetting(setting.item, setting.schema);
  return (
    <div className="setting">
      <label htmlFor={setting.id}>{setting.label}</label>
      <input
        id={setting.id}
        type="number"
        min={setting.min}
        max={setting.max}
        step={1}
        value={value}
        aria-describedby={helpId(setting)}
        onChange={(event) => {
          const next = setting.schema.safeParse(event.target.valueAsNumber);
          if (next.success && next.data >= setting.min && next.data <= setting.max) setValue(next.data);
        }}
      />
      <Help setting={setting} />
    </div>
  );
}

const COLOUR = '\u0000colour'; // the select's value for "a colour…": no stored value can be it

function SelectField({ setting }: { setting: SelectSetting }) {
  const [value, setValue] = useSetting(setting.item, setting.schema);
  const choices = useOperationChoices(Boolean(setting.operations));
  const known = setting.options.some((o) => o.value === value) || choices.some((c) => c.id === value);
  const custom = setting.colour !== undefined && !setting.options.some((o) => o.value === value);
  // A fixed operation since gone (a deleted pipeline) stays visible as what is stored, not silently swapped.
  const stale = !known && !custom && (!setting.operations || choices.length > 0);
  return (
    <div className="setting">
      <label htmlFor={setting.id}>{setting.label}</label>
      <select
        id={setting.id}
        value={custom ? COLOUR : value}
        aria-describedby={helpId(setting)}
        onChange={(event) => {
          const next = event.target.value;
          if (next === COLOUR && setting.colour) setValue(setting.colour.initial);
          else if (setting.schema.safeParse(next).success) setValue(next);
        }}
      >
        {setting.options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
        {groupChoices(choices).map(([group, operations]) => (
          <optgroup key={group} label={group}>
            {operations.map((choice) => (
              <option key={choice.id} value={choice.id}>
                {choice.label}
              </option>
            ))}
          </optgroup>
        ))}
        {stale && <option value={value}>{t('setting_no_longer_offered', value)}</option>}
        {setting.colour && <option value={COLOUR}>{setting.colour.label}</option>}
      </select>
      {custom && setting.colour && (
        <input
          type="color"
          aria-label={setting.colour.inputLabel}
          value={value}
          onChange={(event) => setValue(event.target.value)}
        />
      )}
      <Help setting={setting} />
    </div>
  );
}
