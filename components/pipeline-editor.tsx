import { useState } from 'react';
import { z } from 'zod';
import { pipelineProblems, pipelineSchema, type Pipeline } from '@/utils/pipeline/enhancecraft-pipeline';
import { enhancecraftPipelines } from '@/utils/storage';
import {
  buildParams,
  initialValues,
  isShown,
  PIPELINE_STEP_TYPES,
  STEP_FIELDS,
  type Field,
  type FieldValues,
} from './step-fields';
import { useSetting } from './use-setting';
import './pipeline-editor.css';
import { t } from '@/utils/i18n';

interface Draft {
  type: string;
  values: FieldValues;
}
const draft = (type: string): Draft => ({ type, values: initialValues(type) });
const listSchema = z.array(pipelineSchema);
const slug = (name: string) =>
  `${
    name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 24) || 'pipeline'
  }-${Date.now().toString(36)}`;

/**
 * A person's own EnhanceCraft pipelines: an ordered list of documented operations, each with a form of
 * its settings (step-fields.ts), validated against the provider's parameter table before saving; each
 * becomes a menu item.
 */
export function PipelineEditor() {
  const [pipelines, setPipelines] = useSetting(enhancecraftPipelines, listSchema);
  const [name, setName] = useState('');
  const [steps, setSteps] = useState<Draft[]>([draft('enhance')]);
  const [problems, setProblems] = useState<string[]>([]);

  const change = (index: number, patch: Partial<Draft>) =>
    setSteps((list) => list.map((s, i) => (i === index ? { ...s, ...patch } : s)));

  function save(event: React.FormEvent) {
    event.preventDefault();
    const operations = steps.map((s) => ({ type: s.type, params: buildParams(s.type, s.values) }));
    const candidate = { id: slug(name), name, operations };
    const found = pipelineProblems(candidate);
    setProblems(found);
    if (found.length) return;
    setPipelines([...pipelines, pipelineSchema.parse(candidate)]);
    setName('');
    setSteps([draft('enhance')]);
  }

  return (
    <div className="pipelines">
      {pipelines.length === 0 ? (
        <p className="muted">{t('pipelines_none')}</p>
      ) : (
        <ul aria-label={t('pipelines_saved')}>
          {pipelines.map((p: Pipeline) => (
            <li key={p.id}>
              <strong>{p.name}</strong>{' '}
              <span className="muted">{p.operations.map((s) => s.type).join(' → ')}</span>{' '}
              <button
                type="button"
                onClick={() => setPipelines(pipelines.filter((other) => other.id !== p.id))}
              >
                {t('pipeline_delete', p.name)}
              </button>
            </li>
          ))}
        </ul>
      )}
      {/* noValidate: the schema's sentences say what is wrong, not the browser's bubbles */}
      <form onSubmit={save} aria-label={t('pipeline_new')} noValidate>
        <label htmlFor="pipeline-name">{t('pipeline_name')}</label>
        <input
          id="pipeline-name"
          value={name}
          onChange={(e) => setName(e.target.value)}
          placeholder={t('pipeline_name_example')}
        />
        <ol>
          {steps.map((s, i) => (
            <li key={i} className="row">
              <select
                aria-label={t('pipeline_step_operation', i + 1)}
                value={s.type}
                onChange={(e) => change(i, draft(e.target.value))}
              >
                {PIPELINE_STEP_TYPES.map((type) => (
                  <option key={type}>{type}</option>
                ))}
              </select>
              <fieldset className="step-fields" aria-label={t('pipeline_step_settings', i + 1)}>
                {(STEP_FIELDS[s.type] ?? [])
                  .filter((field) => isShown(field, s.values))
                  .map((field) => (
                    <StepField
                      key={field.name}
                      field={field}
                      label={t('pipeline_step_field', [i + 1, field.label])}
                      value={s.values[field.name] ?? ''}
                      onChange={(value) => change(i, { values: { ...s.values, [field.name]: value } })}
                    />
                  ))}
                {(STEP_FIELDS[s.type] ?? []).length === 0 && (
                  <span className="muted">{t('pipeline_no_settings')}</span>
                )}
              </fieldset>
              <button
                type="button"
                onClick={() => setSteps((list) => list.filter((_, j) => j !== i))}
                disabled={steps.length === 1}
              >
                {t('pipeline_remove_step', i + 1)}
              </button>
            </li>
          ))}
        </ol>
        <button type="button" onClick={() => setSteps((list) => [...list, draft('denoise')])}>
          {t('pipeline_add_step')}
        </button>{' '}
        <button type="submit" className="primary">
          {t('pipeline_save')}
        </button>
        {problems.length > 0 && (
          <ul className="error-text" role="alert" aria-label={t('pipeline_problems')}>
            {problems.map((problem) => (
              <li key={problem}>{problem}</li>
            ))}
          </ul>
        )}
      </form>
    </div>
  );
}

/** One setting: a list for choices, a checkbox for yes/no, a number box with the schema's range. */
function StepField({
  field,
  label,
  value,
  onChange,
}: {
  field: Field;
  label: string;
  value: string | boolean;
  onChange(value: string | boolean): void;
}) {
  const text = typeof value === 'string' ? value : '';
  let control;
  if (field.kind === 'boolean') {
    control = (
      <input
        type="checkbox"
        aria-label={label}
        checked={value === true}
        onChange={(e) => onChange(e.target.checked)}
      />
    );
  } else if (field.kind === 'choice') {
    control = (
      <select aria-label={label} value={text} onChange={(e) => onChange(e.target.value)}>
        {field.initial === undefined && <option value="">{t('pipeline_default')}</option>}
        {field.choices!.map((choice) => (
          <option key={choice}>{choice}</option>
        ))}
      </select>
    );
  } else {
    const numeric = field.kind === 'number' || field.kind === 'integer';
    control = (
      <input
        aria-label={label}
        type={numeric ? 'number' : 'text'}
        min={field.min}
        max={field.max}
        step={field.kind === 'integer' ? 1 : field.step}
        value={text}
        placeholder={numeric ? t('pipeline_default') : undefined}
        spellCheck={false}
        onChange={(e) => onChange(e.target.value)}
      />
    );
  }
  return (
    <label className="step-field">
      <span>{field.label}</span> {control}
    </label>
  );
}
