/**
 * The settings form of each EnhanceCraft pipeline step: one field per parameter of the operations table
 * of EnhanceCraft's API docs page, with the same names, ranges and choices as the step schema
 * (utils/pipeline/enhancecraft-steps.ts; a unit test holds the two together). Pure: values in, the
 * step's `params` out; the schema still checks what is built before anything is saved.
 */
import { t } from '@/utils/i18n';

export type FieldKind = 'number' | 'integer' | 'boolean' | 'choice' | 'text';

export interface Field {
  /** The parameter's name in the API (crop-resize's nested ones are flattened, see buildParams). */
  name: string;
  label: string;
  kind: FieldKind;
  min?: number;
  max?: number;
  step?: number;
  choices?: readonly string[];
  /** Shown to start with; empty means "not sent" (the API's own default applies). */
  initial?: string | boolean;
  /** Shown (and sent) only while another field has this value. */
  when?: { field: string; is: string };
}

export type FieldValues = Record<string, string | boolean>;

const level = (name: string, label: string, initial?: string): Field => ({
  name,
  label,
  kind: 'number',
  min: 0,
  max: 1,
  step: 0.05,
  initial,
});
const pngOrJpg: Field = {
  name: 'output_format',
  label: t('step_field_output_format'),
  kind: 'choice',
  choices: ['png', 'jpg'],
};
const quality = (initial?: string): Field => ({
  name: 'quality',
  label: t('step_field_quality'),
  kind: 'integer',
  min: 1,
  max: 100,
  initial,
});
const cropPart = (name: string, label: string): Field => ({
  name,
  label,
  kind: 'number',
  min: 0,
  step: 1,
  when: { field: 'crop', is: 'any' },
});

export const STEP_FIELDS: Record<string, readonly Field[]> = {
  enhance: [
    { name: 'scale', label: t('step_field_scale'), kind: 'choice', choices: ['2', '4', '8'], initial: '2' },
  ],
  'enhance-anime': [],
  'enhance-face': [level('enhancement_level', t('step_field_strength'), '0.7')],
  denoise: [level('enhancement_level', t('step_field_strength'), '0.5')],
  deblur: [
    {
      name: 'strength',
      label: t('step_field_strength'),
      kind: 'number',
      min: 0.5,
      max: 1.5,
      step: 0.05,
      initial: '1',
    },
  ],
  'restore-old-photo': [
    level('face_enhancement_level', t('step_field_face_repair')),
    { name: 'auto_repair_damage', label: t('step_field_repair_damage'), kind: 'boolean', initial: true },
    { name: 'color_boost', label: t('step_field_colour_boost'), kind: 'number', min: 1, max: 2, step: 0.05 },
    { name: 'enable_colorization', label: t('step_field_colourise'), kind: 'boolean', initial: false },
    level('colorization_strength', t('step_field_colourisation_strength')),
  ],
  'remove-background': [{ ...pngOrJpg, initial: 'png' }],
  'replace-background': [
    {
      name: 'background_type',
      label: t('step_field_background'),
      kind: 'choice',
      choices: ['color', 'image', 'transparent', 'prompt'],
      initial: 'color',
    },
    {
      name: 'background_color',
      label: t('step_field_colour_hex'),
      kind: 'text',
      initial: '#FFFFFF',
      when: { field: 'background_type', is: 'color' },
    },
    {
      name: 'background_image_key',
      label: t('step_field_image_storage_key'),
      kind: 'text',
      when: { field: 'background_type', is: 'image' },
    },
    {
      name: 'background_prompt',
      label: t('step_field_prompt'),
      kind: 'text',
      when: { field: 'background_type', is: 'prompt' },
    },
  ],
  'blur-background': [
    {
      name: 'blur_radius',
      label: t('step_field_blur_radius'),
      kind: 'integer',
      min: 1,
      max: 100,
      initial: '20',
    },
    pngOrJpg,
  ],
  'smart-crop': [
    {
      name: 'aspect_ratio',
      label: t('step_field_aspect_ratio'),
      kind: 'choice',
      choices: ['1:1', '4:3', '16:9', '9:16', '3:2', '2:3'],
      initial: '1:1',
    },
    { name: 'padding_percent', label: t('step_field_padding'), kind: 'number', min: 0, max: 30, step: 1 },
  ],
  'remove-text': [],
  'compress-optimize': [quality('85')],
  'crop-resize': [
    { name: 'crop', label: t('step_field_crop_by'), kind: 'choice', choices: ['pixels', 'percentage'] },
    cropPart('crop_x', t('step_field_crop_x')),
    cropPart('crop_y', t('step_field_crop_y')),
    cropPart('crop_width', t('step_field_crop_width')),
    cropPart('crop_height', t('step_field_crop_height')),
    { name: 'width', label: t('step_field_resize_width'), kind: 'integer', min: 1, initial: '1200' },
    { name: 'height', label: t('step_field_resize_height'), kind: 'integer', min: 1 },
    { name: 'maintain_aspect', label: t('step_field_keep_aspect'), kind: 'boolean', initial: true },
  ],
  convert: [
    {
      name: 'output_format',
      label: t('step_field_output_format'),
      kind: 'choice',
      choices: ['png', 'jpg', 'jpeg', 'webp'],
      initial: 'webp',
    },
    quality('90'),
  ],
};

/** The operations a pipeline may use (remove-object needs a mask drawn on one image: not here). */
export const PIPELINE_STEP_TYPES = Object.keys(STEP_FIELDS);

/** The values a new step of this type starts with. */
export function initialValues(type: string): FieldValues {
  const values: FieldValues = {};
  for (const field of STEP_FIELDS[type] ?? [])
    values[field.name] = field.initial ?? (field.kind === 'boolean' ? false : '');
  return values;
}

/** Whether a field shows now (a dependent one only while its condition holds). */
export function isShown(field: Field, values: FieldValues): boolean {
  if (!field.when) return true;
  const other = values[field.when.field];
  return field.when.is === 'any' ? other !== '' && other !== undefined : other === field.when.is;
}

/** A typed value: numbers as numbers (a non-number stays text, so the schema names the field). */
function typed(field: Field, value: string | boolean): unknown {
  if (field.kind === 'boolean') return value === true;
  if (field.kind === 'number' || field.kind === 'integer' || field.name === 'scale') {
    const number = Number(value);
    return String(value).trim() !== '' && Number.isFinite(number) ? number : value;
  }
  return value;
}

/**
 * The step's `params` from the form: empty fields are left out (the API's default applies), hidden
 * ones too; crop-resize's flat fields become its documented `crop` and `resize` objects.
 */
export function buildParams(type: string, values: FieldValues): Record<string, unknown> {
  const params: Record<string, unknown> = {};
  for (const field of STEP_FIELDS[type] ?? []) {
    const value = values[field.name];
    if (value === undefined || value === '' || !isShown(field, values)) continue;
    params[field.name] = typed(field, value);
  }
  if (type !== 'crop-resize') return params;
  const { crop, crop_x, crop_y, crop_width, crop_height, width, height, maintain_aspect } = params;
  const out: Record<string, unknown> = {};
  if (typeof crop === 'string') out.crop = { [crop]: [crop_x, crop_y, crop_width, crop_height] };
  if (width !== undefined || height !== undefined) {
    out.resize = {
      ...(width !== undefined ? { width } : {}),
      ...(height !== undefined ? { height } : {}),
      maintain_aspect: maintain_aspect === true,
    };
  }
  return out;
}
