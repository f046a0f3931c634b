import { z } from 'zod';
import { t, type MessageKey } from '../i18n';

/**
 * One EnhanceCraft operation step `{type, params}`, checked against the parameter table of
 * EnhanceCraft's API docs page (`POST /api/v1/jobs/api`). Parameter names and ranges are exact; unknown
 * parameters are refused so a typo never reaches the API unnoticed. Messages are predicate phrases
 * ("must be …") that `pipelineProblems` puts behind "Step 2 (deblur): strength".
 */
const phrases = new Set<string>();
/** A predicate phrase in the browser's language, remembered so `isPhrase` can tell it from zod's own sentences. */
const phrase = (key: MessageKey, substitutions?: string | number | readonly (string | number)[]) => {
  const text = t(key, substitutions);
  phrases.add(text);
  return text;
};
/** Whether a message is one of the predicate phrases below (in any language), not a sentence of zod's. */
export const isPhrase = (message: string): boolean => phrases.has(message);

const between = (min: number, max: number, whole = false) => {
  const error = phrase(whole ? 'pp_whole_range' : 'pp_number_range', [min, max]);
  const number = z.number({ error });
  return (whole ? number.int({ error }) : number).min(min, { error }).max(max, { error });
};
const flag = z.boolean({ error: phrase('pp_boolean') });
const oneOf = <const T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values, { error: phrase('pp_one_of', values.join(', ')) });

const level = between(0, 1).optional();
const pngOrJpg = oneOf(['png', 'jpg']).optional();
/** Steps whose parameters are all optional may leave `params` out. */
const optionalParams = <S extends z.ZodRawShape>(shape: S) => z.strictObject(shape).default({} as never);
const step = <T extends string, P extends z.ZodType>(type: T, params: P) =>
  z.object({ type: z.literal(type), params });

/**
 * `remove-object`, and `remove-text` without auto-detection, take `mask_data_url`: "a base64 data URL".
 * The extension sends the PNG the person drew in the viewer's mask mode (utils/mask/drawn-mask.ts).
 * A saved pipeline cannot carry one: a mask belongs to one image.
 */
export const MASK_MESSAGE = phrase('pp_mask_in_pipeline');

/** Drawn masks are small PNGs (long runs deflate well); 30 MB of base64 is far beyond any of them. */
const MAX_MASK_CHARS = 30 * 1024 * 1024;
const maskDataUrl = z
  .string({ error: phrase('pp_mask_png') })
  .max(MAX_MASK_CHARS, { error: phrase('pp_too_large') })
  .regex(/^data:image\/png;base64,[A-Za-z0-9+/]+=*$/, { error: phrase('pp_mask_png') });

/** In a job: the mask is there (the mask mode filled it in). */
const removeObject = step('remove-object', z.strictObject({ mask_data_url: maskDataUrl }));
const removeText = step(
  'remove-text',
  z
    .strictObject({ auto_detect: flag.optional(), mask_data_url: maskDataUrl.optional() })
    .default({})
    .refine((p) => p.auto_detect !== false || p.mask_data_url !== undefined, {
      error: phrase('pp_mask_needed'),
      path: ['mask_data_url'],
    }),
);

/** In a saved pipeline: remove-object never, remove-text with auto-detection only. */
const pipelineRemoveObject = z.object({ type: z.literal('remove-object') }).transform((input, ctx) => {
  ctx.issues.push({ code: 'custom', message: MASK_MESSAGE, input, path: [] });
  return z.NEVER;
});
const pipelineRemoveText = step(
  'remove-text',
  z
    .strictObject({ auto_detect: flag.optional(), mask_data_url: z.unknown().optional() })
    .default({})
    .transform((params, ctx) => {
      if (params.auto_detect === false || params.mask_data_url !== undefined) {
        const message = phrase('pp_auto_detect_true');
        ctx.issues.push({ code: 'custom', message, input: params, path: ['auto_detect'] });
        return z.NEVER;
      }
      return { auto_detect: true as const };
    }),
);

const backgroundType = phrase('pp_one_of', 'color, image, transparent, prompt');
const replaceBackground = step(
  'replace-background',
  z.discriminatedUnion(
    'background_type',
    [
      z.strictObject({
        background_type: z.literal('color'),
        background_color: z
          .string({ error: phrase('pp_colour') })
          .regex(/^#[0-9a-fA-F]{6}$/, { error: phrase('pp_colour') }),
      }),
      z.strictObject({
        background_type: z.literal('image'),
        background_image_key: z
          .string({ error: phrase('pp_storage_key') })
          .min(1, { error: phrase('pp_empty') }),
      }),
      z.strictObject({ background_type: z.literal('transparent') }),
      z.strictObject({
        background_type: z.literal('prompt'),
        // The docs give no length limit; 1,000 characters is the extension's own cap.
        background_prompt: z
          .string({ error: phrase('pp_text') })
          .trim()
          .min(1, { error: phrase('pp_empty') })
          .max(1000),
      }),
    ],
    { error: backgroundType },
  ),
);

// crop-resize: the docs name the shapes but no ranges; these are the sane ones (assumption).
const pixel = (min: number) => {
  const error = phrase('pp_pixels_min', min);
  return z.number({ error }).int({ error }).min(min, { error });
};
const percent = between(0, 100);
const share = percent.positive({ error: phrase('pp_share') });
const pixels = z.tuple([pixel(0), pixel(0), pixel(1), pixel(1)], { error: phrase('pp_rect') });
const percentage = z
  .tuple([percent, percent, share, share], { error: phrase('pp_rect') })
  .refine(([x, y, w, h]) => x + w <= 100 && y + h <= 100, { error: phrase('pp_inside') });
const crop = z
  .strictObject({ pixels: pixels.optional(), percentage: percentage.optional() })
  .refine((c) => (c.pixels === undefined) !== (c.percentage === undefined), {
    error: phrase('pp_crop_shape'),
  });
const side = pixel(1);
const resize = z
  .strictObject({ width: side.optional(), height: side.optional(), maintain_aspect: flag.optional() })
  .refine((r) => r.width !== undefined || r.height !== undefined, { error: phrase('pp_width_or_height') });

const commonSteps = [
  step(
    'enhance',
    z.strictObject(
      { scale: z.literal([2, 4, 8], { error: phrase('pp_scale_values') }) },
      { error: phrase('pp_needs_scale') },
    ),
  ),
  step('enhance-anime', optionalParams({})),
  step('enhance-face', optionalParams({ enhancement_level: level })),
  step('denoise', optionalParams({ enhancement_level: level })),
  step('deblur', optionalParams({ strength: between(0.5, 1.5).optional() })),
  step(
    'restore-old-photo',
    optionalParams({
      face_enhancement_level: level,
      auto_repair_damage: flag.optional(),
      color_boost: between(1, 2).optional(),
      enable_colorization: flag.optional(),
      colorization_strength: level,
    }),
  ),
  step('remove-background', optionalParams({ output_format: pngOrJpg })),
  replaceBackground,
  step(
    'blur-background',
    optionalParams({ blur_radius: between(1, 100, true).optional(), output_format: pngOrJpg }),
  ),
  step(
    'smart-crop',
    optionalParams({
      aspect_ratio: oneOf(['1:1', '4:3', '16:9', '9:16', '3:2', '2:3']).optional(),
      padding_percent: between(0, 30).optional(),
    }),
  ),
  step('compress-optimize', optionalParams({ quality: between(1, 100, true).optional() })),
  step(
    'crop-resize',
    z
      .strictObject(
        { crop: crop.optional(), resize: resize.optional() },
        { error: phrase('pp_crop_or_resize') },
      )
      .refine((p) => p.crop !== undefined || p.resize !== undefined, { error: phrase('pp_crop_or_resize') }),
  ),
  step(
    'convert',
    z.strictObject(
      { output_format: oneOf(['png', 'jpg', 'jpeg', 'webp']), quality: between(1, 100, true).optional() },
      { error: phrase('pp_needs_format') },
    ),
  ),
] as const;

const notOffered = { error: phrase('pp_not_offered') };

/** One step of a job as sent: masks included. */
export const stepSchema = z.discriminatedUnion(
  'type',
  [...commonSteps, removeObject, removeText],
  notOffered,
);

/** One step of a saved pipeline: the same, without the steps that need a drawn mask. */
export const pipelineStepSchema = z.discriminatedUnion(
  'type',
  [...commonSteps, pipelineRemoveObject, pipelineRemoveText],
  notOffered,
);

export type EnhanceCraftStep = z.output<typeof stepSchema>;
export type StepType = EnhanceCraftStep['type'];

const listOf = <S extends z.ZodType>(schema: S) =>
  z
    .array(schema, { error: phrase('pp_list') })
    .min(1, { error: phrase('pp_at_least_one') })
    .max(10, { error: phrase('pp_at_most_ten') });

export const stepsSchema = listOf(stepSchema);
export const pipelineStepsSchema = listOf(pipelineStepSchema);

/** The only operations whose price the docs state: "free, no credits". */
export const FREE_STEP_TYPES: ReadonlySet<string> = new Set(['compress-optimize', 'crop-resize', 'convert']);

export const allFree = (steps: readonly { type: string }[]) =>
  steps.every((s) => FREE_STEP_TYPES.has(s.type));

/** Output size ÷ input size: the product of the upscaling steps (`enhance-anime` is always 4×). */
export function stepsScale(steps: readonly EnhanceCraftStep[]): number {
  return steps.reduce((scale, s) => {
    if (s.type === 'enhance') return scale * s.params.scale;
    return s.type === 'enhance-anime' ? scale * 4 : scale;
  }, 1);
}
