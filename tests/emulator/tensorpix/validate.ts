import type { FieldErrors } from './drf';
import { findModel, type MLModel } from './models';

/**
 * The from-url serializer: DRF field validation with DRF's stock messages, every field checked and
 * all errors reported together. The writable fields are the documented Job object's; the URL field's
 * name is configurable (config.ts DEFAULT_URL_FIELD). Unknown fields are ignored, as DRF does.
 */
export type Codec = 'libx264' | 'libx265' | 'prores_ks';
export const CODECS: readonly Codec[] = ['libx264', 'libx265', 'prores_ks'];
export const OUTPUT_RESOLUTIONS = [-1, 640, 720, 854, 1280, 1920, 2048, 2560, 3840] as const;

/** The Job's writable options after defaults. */
export interface JobOptions {
  preview: boolean;
  description: string;
  grain: number;
  codec: Codec;
  output_resolution: number;
  comparison: boolean;
  stabilization_smoothing: number;
  fps_interpolation_factor: number;
  playback_speed: number;
  sharpen_strength: number;
  start_frame: number | null;
  end_frame: number | null;
}

export interface FromUrlRequest {
  url: string;
  models: MLModel[];
  options: JobOptions;
}

/**
 * Defaults for fields the request leaves out. Only `grain` 0 and `output_resolution` -1 ("No
 * Resize") are documented; the rest are ASSUMPTIONS: interpolation 2× and half speed, so that
 * adding the FPS or Slow Motion model alone does something visible.
 */
export const DEFAULT_OPTIONS: JobOptions = {
  preview: false,
  description: '',
  grain: 0,
  codec: 'libx264',
  output_resolution: -1,
  comparison: false,
  stabilization_smoothing: 0.5,
  fps_interpolation_factor: 2,
  playback_speed: 0.5,
  sharpen_strength: 0.5,
  start_frame: null,
  end_frame: null,
};

/** Ranges of the float options. Only `grain` [0, 1] is documented; the others are ASSUMPTIONS. */
const FLOAT_RANGES: Record<string, [number, number]> = {
  grain: [0, 1],
  stabilization_smoothing: [0, 1],
  fps_interpolation_factor: [1, 8],
  playback_speed: [0.1, 1],
  sharpen_strength: [0, 1],
};

type Parsed<T> = { value: T } | { error: string };
const REQUIRED = 'This field is required.';
const NOT_NULL = 'This field may not be null.';
const TRUE = new Set<unknown>([
  true,
  1,
  '1',
  't',
  'T',
  'y',
  'Y',
  'yes',
  'Yes',
  'YES',
  'true',
  'True',
  'TRUE',
  'on',
  'On',
  'ON',
]);
const FALSE = new Set<unknown>([
  false,
  0,
  '0',
  'f',
  'F',
  'n',
  'N',
  'no',
  'No',
  'NO',
  'false',
  'False',
  'FALSE',
  'off',
  'Off',
  'OFF',
]);

function boolean(v: unknown): Parsed<boolean> {
  if (TRUE.has(v)) return { value: true };
  if (FALSE.has(v)) return { value: false };
  return { error: 'Must be a valid boolean.' };
}

function float(v: unknown, [min, max]: [number, number]): Parsed<number> {
  const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
  if (typeof v === 'boolean' || !Number.isFinite(n)) return { error: 'A valid number is required.' };
  if (n < min) return { error: `Ensure this value is greater than or equal to ${min}.` };
  if (n > max) return { error: `Ensure this value is less than or equal to ${max}.` };
  return { value: n };
}

function integer(v: unknown, min: number): Parsed<number> {
  const text = typeof v === 'number' ? String(v) : typeof v === 'string' ? v.trim().replace(/\.0*$/, '') : '';
  if (!/^-?\d+$/.test(text)) return { error: 'A valid integer is required.' };
  const n = Number(text);
  if (n < min) return { error: `Ensure this value is greater than or equal to ${min}.` };
  return { value: n };
}

function choice<T>(v: unknown, choices: readonly T[]): Parsed<T> {
  const found = choices.find((c) => String(c) === String(v));
  return found !== undefined && typeof v !== 'boolean' && typeof v !== 'object'
    ? { value: found }
    : { error: `"${String(v)}" is not a valid choice.` };
}

function url(v: unknown): Parsed<string> {
  if (typeof v !== 'string') return { error: 'Not a valid string.' };
  const text = v.trim();
  if (text === '') return { error: 'This field may not be blank.' };
  try {
    const parsed = new URL(text);
    if (['http:', 'https:', 'ftp:', 'ftps:'].includes(parsed.protocol) && parsed.hostname.includes('.'))
      return { value: text };
  } catch {
    // fall through
  }
  return { error: 'Enter a valid URL.' };
}

/** A PrimaryKeyRelatedField(many=True): the first bad item's message, as DRF reports it. */
function modelList(v: unknown): Parsed<MLModel[]> {
  if (!Array.isArray(v)) {
    const type =
      typeof v === 'string'
        ? 'str'
        : typeof v === 'number'
          ? Number.isInteger(v)
            ? 'int'
            : 'float'
          : typeof v === 'boolean'
            ? 'bool'
            : 'dict';
    return { error: `Expected a list of items but got type "${type}".` };
  }
  if (v.length === 0) return { error: 'This list may not be empty.' };
  const models: MLModel[] = [];
  for (const item of v) {
    const pk =
      typeof item === 'number' && Number.isInteger(item)
        ? item
        : typeof item === 'string' && /^\s*\d+\s*$/.test(item)
          ? Number(item)
          : undefined;
    if (pk === undefined) {
      const type =
        typeof item === 'string'
          ? 'str'
          : typeof item === 'number'
            ? 'float'
            : typeof item === 'boolean'
              ? 'bool'
              : item === null
                ? 'NoneType'
                : Array.isArray(item)
                  ? 'list'
                  : 'dict';
      return { error: `Incorrect type. Expected pk value, received ${type}.` };
    }
    const model = findModel(pk);
    if (!model) return { error: `Invalid pk "${String(item).trim()}" - object does not exist.` };
    models.push(model);
  }
  return { value: models };
}

export function validateFromUrl(
  data: Record<string, unknown>,
  urlField: string,
): { ok: true; value: FromUrlRequest } | { ok: false; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const options: JobOptions = { ...DEFAULT_OPTIONS };
  const take = <T>(name: string, parse: (v: unknown) => Parsed<T>, required = false, nullable = false) => {
    if (!(name in data) || data[name] === undefined) {
      if (required) errors[name] = [REQUIRED];
      return undefined;
    }
    if (data[name] === null) {
      if (!nullable) errors[name] = [NOT_NULL];
      return null;
    }
    const parsed = parse(data[name]);
    if ('error' in parsed) {
      errors[name] = [parsed.error];
      return undefined;
    }
    return parsed.value;
  };

  const inputUrl = take(urlField, url, true);
  const models = take('ml_models', modelList, true);
  const set = <K extends keyof JobOptions>(name: K, value: JobOptions[K] | null | undefined) => {
    if (value !== undefined && value !== null) options[name] = value;
  };
  set('preview', take('preview', boolean));
  set('comparison', take('comparison', boolean));
  set(
    'codec',
    take('codec', (v) => choice(v, CODECS)),
  );
  set(
    'output_resolution',
    take('output_resolution', (v) => choice(v, OUTPUT_RESOLUTIONS)),
  );
  for (const [name, range] of Object.entries(FLOAT_RANGES))
    set(
      name as keyof JobOptions,
      take(name, (v) => float(v, range)),
    );
  options.start_frame = take('start_frame', (v) => integer(v, 0), false, true) ?? null;
  options.end_frame = take('end_frame', (v) => integer(v, 0), false, true) ?? null;
  const description = take('description', (v) =>
    typeof v === 'string' ? { value: v } : { error: 'Not a valid string.' },
  );
  set('description', description);

  if (Object.keys(errors).length > 0 || !inputUrl || !models) return { ok: false, errors };
  const { start_frame: start, end_frame: end } = options;
  if (start !== null && end !== null && end <= start)
    return { ok: false, errors: { non_field_errors: ['end_frame must be greater than start_frame.'] } };
  return { ok: true, value: { url: inputUrl, models, options } };
}
