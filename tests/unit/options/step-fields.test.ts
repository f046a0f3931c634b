import { describe, expect, it } from 'vitest';
import {
  buildParams,
  initialValues,
  isShown,
  PIPELINE_STEP_TYPES,
  STEP_FIELDS,
} from '@/components/step-fields';
import { pipelineStepSchema } from '@/utils/pipeline/enhancecraft-steps';

const accepts = (type: string, values: Record<string, string | boolean>) =>
  pipelineStepSchema.safeParse({ type, params: buildParams(type, values) }).success;

describe('pipeline step forms follow the step schema', () => {
  it('offer every documented operation a pipeline may hold (all but the mask-drawn remove-object)', () => {
    expect(PIPELINE_STEP_TYPES.sort()).toEqual(
      [
        'enhance',
        'enhance-anime',
        'enhance-face',
        'denoise',
        'deblur',
        'restore-old-photo',
        'remove-background',
        'replace-background',
        'blur-background',
        'smart-crop',
        'remove-text',
        'compress-optimize',
        'crop-resize',
        'convert',
      ].sort(),
    );
  });

  it.each(PIPELINE_STEP_TYPES)('%s: the form as it starts is a valid step', (type) => {
    expect(pipelineStepSchema.safeParse({ type, params: buildParams(type, initialValues(type)) }).error).toBe(
      undefined,
    );
  });

  it.each(PIPELINE_STEP_TYPES)('%s: each number field’s range is the schema’s, ends included', (type) => {
    for (const field of STEP_FIELDS[type]!.filter((f) => f.kind === 'number' || f.kind === 'integer')) {
      if (field.when) continue; // crop parts: checked below with their mode
      const base = initialValues(type);
      if (field.min !== undefined) {
        expect(accepts(type, { ...base, [field.name]: String(field.min) }), `${type}.${field.name} min`).toBe(
          true,
        );
        expect(
          accepts(type, { ...base, [field.name]: String(field.min - 1) }),
          `${type}.${field.name} < min`,
        ).toBe(false);
      }
      if (field.max !== undefined) {
        expect(accepts(type, { ...base, [field.name]: String(field.max) }), `${type}.${field.name} max`).toBe(
          true,
        );
        expect(
          accepts(type, { ...base, [field.name]: String(field.max + 1) }),
          `${type}.${field.name} > max`,
        ).toBe(false);
      }
    }
  });

  it.each(PIPELINE_STEP_TYPES)('%s: every choice offered is one the schema takes', (type) => {
    for (const field of STEP_FIELDS[type]!.filter((f) => f.kind === 'choice' && !f.when)) {
      for (const choice of field.choices!) {
        const values = { ...initialValues(type), [field.name]: choice };
        if (field.name === 'background_type' && choice === 'image')
          values.background_image_key = 'uploads/u/a.png';
        if (field.name === 'background_type' && choice === 'prompt') values.background_prompt = 'a beach';
        if (field.name === 'crop')
          Object.assign(values, { crop_x: '0', crop_y: '0', crop_width: '50', crop_height: '50' });
        expect(accepts(type, values), `${type}.${field.name} = ${choice}`).toBe(true);
      }
    }
  });

  it('leaves empty fields out, so the API’s own default applies', () => {
    expect(buildParams('compress-optimize', { quality: '' })).toEqual({});
    expect(buildParams('convert', { output_format: 'png', quality: '' })).toEqual({ output_format: 'png' });
    expect(buildParams('enhance', { scale: '4' })).toEqual({ scale: 4 });
  });

  it('sends only the background field of the chosen type', () => {
    const values = { ...initialValues('replace-background'), background_prompt: 'left over' };
    expect(buildParams('replace-background', values)).toEqual({
      background_type: 'color',
      background_color: '#FFFFFF',
    });
    const field = STEP_FIELDS['replace-background']!.find((f) => f.name === 'background_prompt')!;
    expect(isShown(field, values)).toBe(false);
    expect(isShown(field, { ...values, background_type: 'prompt' })).toBe(true);
  });

  it('builds crop-resize’s documented crop and resize objects from the flat fields', () => {
    const values = {
      ...initialValues('crop-resize'),
      crop: 'pixels',
      crop_x: '10',
      crop_y: '20',
      crop_width: '300',
      crop_height: '200',
      width: '',
      height: '150',
    };
    expect(buildParams('crop-resize', values)).toEqual({
      crop: { pixels: [10, 20, 300, 200] },
      resize: { height: 150, maintain_aspect: true },
    });
    expect(accepts('crop-resize', values)).toBe(true);
    // A crop mode without its box is refused by the schema, with the field named.
    expect(accepts('crop-resize', { ...values, crop_width: '' })).toBe(false);
  });

  it('a value that is not a number stays as typed, for the schema to name', () => {
    expect(buildParams('deblur', { strength: 'lots' })).toEqual({ strength: 'lots' });
    expect(accepts('deblur', { strength: 'lots' })).toBe(false);
  });
});
