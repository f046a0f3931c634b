import { expected, type FieldError, type Loc } from './errors';

/**
 * The operations table of EnhanceCraft's API docs as a validator. Unknown params are ignored (Pydantic's
 * default); optional params may be absent or null. Numbers must be JSON numbers and booleans JSON
 * booleans: stricter than Pydantic's lax mode, so a client that passes here passes the real service
 * under either reading.
 */
// prettier-ignore
export const OPERATION_TYPES = [
  'enhance', 'enhance-anime', 'enhance-face', 'denoise', 'deblur', 'restore-old-photo',
  'remove-background', 'replace-background', 'blur-background', 'smart-crop', 'remove-object',
  'remove-text', 'compress-optimize', 'crop-resize', 'convert',
] as const;

export type OperationType = (typeof OPERATION_TYPES)[number];
export type Params = Record<string, unknown>;

export interface Operation {
  type: OperationType;
  params: Params;
}

export const ASPECT_RATIOS = ['1:1', '4:3', '16:9', '9:16', '3:2', '2:3'] as const;
export const BACKGROUND_TYPES = ['color', 'image', 'transparent', 'prompt'] as const;
const HEX_COLOUR = /^#[0-9A-Fa-f]{6}$/;
/** A base64 data URL of an image: `data:image/png;base64,…`. */
export const DATA_URL = /^data:image\/[\w.+-]+;base64,[A-Za-z0-9+/=\s]+$/;

export interface ParsedJob {
  inputKey: string;
  operations: Operation[];
}

type Check = (params: Params, loc: Loc, errors: FieldError[]) => void;

const absent = (v: unknown) => v === undefined || v === null;

interface NumberRule {
  min: number;
  max: number;
  required?: boolean;
  integer?: boolean;
}

/** Checks one numeric value at `at`; `parent` is what a "missing" error reports as its input. */
function checkNumber(value: unknown, at: Loc, rule: NumberRule, parent: unknown, errors: FieldError[]): void {
  if (absent(value)) {
    if (rule.required) errors.push({ type: 'missing', loc: at, msg: 'Field required', input: parent });
    return;
  }
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    const [type, msg] = rule.integer
      ? ['int_type', 'Input should be a valid integer']
      : ['float_type', 'Input should be a valid number'];
    errors.push({ type, loc: at, msg, input: value });
  } else if (rule.integer && !Number.isInteger(value)) {
    const msg = 'Input should be a valid integer, got a number with a fractional part';
    errors.push({ type: 'int_from_float', loc: at, msg, input: value });
  } else if (value < rule.min) {
    const msg = `Input should be greater than or equal to ${rule.min}`;
    errors.push({ type: 'greater_than_equal', loc: at, msg, input: value });
  } else if (value > rule.max) {
    const msg = `Input should be less than or equal to ${rule.max}`;
    errors.push({ type: 'less_than_equal', loc: at, msg, input: value });
  }
}

function number(name: string, min: number, max: number, opts: Partial<NumberRule> = {}): Check {
  return (params, loc, errors) =>
    checkNumber(params[name], [...loc, name], { min, max, ...opts }, params, errors);
}

function literal(name: string, values: readonly (string | number)[], required = false): Check {
  return (params, loc, errors) => {
    const value = params[name];
    const at = [...loc, name];
    if (absent(value)) {
      if (required) errors.push({ type: 'missing', loc: at, msg: 'Field required', input: params });
      return;
    }
    if (!values.includes(value as string | number))
      errors.push({
        type: 'literal_error',
        loc: at,
        msg: `Input should be ${expected(values)}`,
        input: value,
      });
  };
}

function boolean(name: string): Check {
  return (params, loc, errors) => {
    const value = params[name];
    if (!absent(value) && typeof value !== 'boolean')
      errors.push({
        type: 'bool_type',
        loc: [...loc, name],
        msg: 'Input should be a valid boolean',
        input: value,
      });
  };
}

function text(name: string, opts: { required?: boolean; pattern?: RegExp } = {}): Check {
  return (params, loc, errors) => {
    const value = params[name];
    const at = [...loc, name];
    if (absent(value) || value === '') {
      if (opts.required) errors.push({ type: 'missing', loc: at, msg: 'Field required', input: params });
      return;
    }
    if (typeof value !== 'string') {
      errors.push({ type: 'string_type', loc: at, msg: 'Input should be a valid string', input: value });
    } else if (opts.pattern && !opts.pattern.test(value)) {
      const msg = `String should match pattern '${opts.pattern.source}'`;
      errors.push({ type: 'string_pattern_mismatch', loc: at, msg, input: value });
    }
  };
}

function dataUrl(name: string, required: boolean): Check {
  return (params, loc, errors) => {
    text(name, { required })(params, loc, errors);
    const value = params[name];
    if (typeof value === 'string' && value !== '' && !DATA_URL.test(value)) {
      const msg = `Value error, ${name} must be a base64 data URL (data:image/…;base64,…)`;
      errors.push({ type: 'value_error', loc: [...loc, name], msg, input: value.slice(0, 64) });
    }
  };
}

const valueError = (loc: Loc, message: string, input: unknown): FieldError => ({
  type: 'value_error',
  loc,
  msg: `Value error, ${message}`,
  input,
});

const replaceBackground: Check = (params, loc, errors) => {
  literal('background_type', BACKGROUND_TYPES, true)(params, loc, errors);
  const field = {
    color: text('background_color', { required: true, pattern: HEX_COLOUR }),
    image: text('background_image_key', { required: true }),
    prompt: text('background_prompt', { required: true }),
    transparent: undefined,
  }[params.background_type as (typeof BACKGROUND_TYPES)[number]];
  field?.(params, loc, errors);
};

const removeText: Check = (params, loc, errors) => {
  boolean('auto_detect')(params, loc, errors);
  const manual = params.auto_detect === false;
  dataUrl('mask_data_url', false)(params, loc, errors);
  if (manual && absent(params.mask_data_url))
    errors.push(
      valueError([...loc, 'mask_data_url'], 'mask_data_url is required when auto_detect is false', null),
    );
};

/** `[x, y, w, h]`: pixels are integers ≥ 0 with w, h ≥ 1; percentages lie in 0–100 and stay inside the image. */
function box(value: unknown, loc: Loc, kind: 'pixels' | 'percentage', errors: FieldError[]): void {
  if (!Array.isArray(value)) {
    errors.push({ type: 'list_type', loc, msg: 'Input should be a valid list', input: value });
    return;
  }
  if (value.length !== 4) {
    const [type, msg] =
      value.length < 4
        ? ['too_short', `List should have at least 4 items after validation, not ${value.length}`]
        : ['too_long', `List should have at most 4 items after validation, not ${value.length}`];
    errors.push({ type, loc, msg, input: value });
    return;
  }
  const before = errors.length;
  const rule: NumberRule =
    kind === 'pixels'
      ? { min: 0, max: Number.MAX_SAFE_INTEGER, integer: true, required: true }
      : { min: 0, max: 100, required: true };
  value.forEach((v: unknown, i) => checkNumber(v, [...loc, i], rule, value, errors));
  if (errors.length > before) return;
  const [x, y, w, h] = value as number[];
  if (w! <= 0 || h! <= 0) errors.push(valueError(loc, 'width and height must be greater than 0', value));
  else if (kind === 'percentage' && (x! + w! > 100 || y! + h! > 100))
    errors.push(valueError(loc, 'the crop box must lie inside the image (x + w ≤ 100, y + h ≤ 100)', value));
}

const cropResize: Check = (params, loc, errors) => {
  const { crop, resize } = params;
  if (absent(crop) && absent(resize)) {
    errors.push(valueError(loc, 'at least one of crop or resize is required', params));
    return;
  }
  if (!absent(crop)) {
    const at = [...loc, 'crop'];
    if (typeof crop !== 'object' || Array.isArray(crop)) {
      errors.push({ type: 'dict_type', loc: at, msg: 'Input should be a valid dictionary', input: crop });
    } else {
      const { pixels, percentage } = crop as Params;
      if (absent(pixels) === absent(percentage))
        errors.push(valueError(at, 'give exactly one of pixels or percentage', crop));
      else if (!absent(pixels)) box(pixels, [...at, 'pixels'], 'pixels', errors);
      else box(percentage, [...at, 'percentage'], 'percentage', errors);
    }
  }
  if (!absent(resize)) {
    const at = [...loc, 'resize'];
    if (typeof resize !== 'object' || Array.isArray(resize)) {
      errors.push({ type: 'dict_type', loc: at, msg: 'Input should be a valid dictionary', input: resize });
    } else {
      const r = resize as Params;
      number('width', 1, 16384, { integer: true })(r, at, errors);
      number('height', 1, 16384, { integer: true })(r, at, errors);
      boolean('maintain_aspect')(r, at, errors);
      if (absent(r.width) && absent(r.height))
        errors.push(valueError(at, 'at least one of width or height is required', resize));
    }
  }
};

const level = number('enhancement_level', 0, 1);
const QUALITY = number('quality', 1, 100, { integer: true });

/** The docs' parameter column, one line per operation. */
const RULES: Record<OperationType, Check[]> = {
  enhance: [literal('scale', [2, 4, 8], true)],
  'enhance-anime': [],
  'enhance-face': [level],
  denoise: [level],
  deblur: [number('strength', 0.5, 1.5)],
  'restore-old-photo': [
    number('face_enhancement_level', 0, 1),
    boolean('auto_repair_damage'),
    number('color_boost', 1, 2),
    boolean('enable_colorization'),
    number('colorization_strength', 0, 1),
  ],
  'remove-background': [literal('output_format', ['png', 'jpg'])],
  'replace-background': [replaceBackground],
  'blur-background': [number('blur_radius', 1, 100), literal('output_format', ['png', 'jpg'])],
  'smart-crop': [literal('aspect_ratio', ASPECT_RATIOS), number('padding_percent', 0, 30)],
  'remove-object': [dataUrl('mask_data_url', true)],
  'remove-text': [removeText],
  'compress-optimize': [QUALITY],
  'crop-resize': [cropResize],
  convert: [literal('output_format', ['png', 'jpg', 'jpeg', 'webp'], true), QUALITY],
};

const isObject = (v: unknown): v is Params => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Validates a create-job body; every violation is reported, as Pydantic does. */
export function parseJobBody(
  body: unknown,
): { ok: true; value: ParsedJob } | { ok: false; errors: FieldError[] } {
  const errors: FieldError[] = [];
  if (!isObject(body)) {
    const msg = 'Input should be a valid dictionary or object to extract fields from';
    return { ok: false, errors: [{ type: 'model_attributes_type', loc: ['body'], msg, input: body }] };
  }
  const { input_key: inputKey, operations } = body;
  text('input_key', { required: true })(body, ['body'], errors);
  const parsed: Operation[] = [];
  if (absent(operations)) {
    errors.push({ type: 'missing', loc: ['body', 'operations'], msg: 'Field required', input: body });
  } else if (!Array.isArray(operations)) {
    errors.push({
      type: 'list_type',
      loc: ['body', 'operations'],
      msg: 'Input should be a valid list',
      input: operations,
    });
  } else if (operations.length === 0) {
    const msg = 'List should have at least 1 item after validation, not 0';
    errors.push({ type: 'too_short', loc: ['body', 'operations'], msg, input: operations });
  } else {
    operations.forEach((op: unknown, i) => {
      const loc: Loc = ['body', 'operations', i];
      if (!isObject(op)) {
        errors.push({ type: 'dict_type', loc, msg: 'Input should be a valid dictionary', input: op });
        return;
      }
      const before = errors.length;
      literal('type', OPERATION_TYPES, true)(op, loc, errors);
      if (errors.length > before) return;
      const type = op.type as OperationType;
      const params = absent(op.params) ? {} : op.params;
      if (!isObject(params)) {
        errors.push({
          type: 'dict_type',
          loc: [...loc, 'params'],
          msg: 'Input should be a valid dictionary',
          input: params,
        });
        return;
      }
      for (const check of RULES[type]) check(params, [...loc, 'params'], errors);
      parsed.push({ type, params });
    });
  }
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, value: { inputKey: inputKey as string, operations: parsed } };
}
