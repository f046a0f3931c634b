import { z } from 'zod';

/**
 * One EnhanceCraft operation step `{type, params}`, checked against the parameter table of
 * EnhanceCraft's API docs page (`POST /api/v1/jobs/api`). Parameter names and ranges are exact; unknown
 * parameters are refused so a typo never reaches the API unnoticed. Messages are predicate phrases
 * ("must be …") that `pipelineProblems` puts behind "Step 2 (deblur): strength".
 */
const between = (min: number, max: number, whole = false) => {
  const error = `must be ${whole ? 'a whole number' : 'a number'} from ${min} to ${max}`;
  const number = z.number({ error });
  return (whole ? number.int({ error }) : number).min(min, { error }).max(max, { error });
};
const flag = z.boolean({ error: 'must be true or false' });
const oneOf = <const T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values, { error: `must be one of ${values.join(', ')}` });

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
export const MASK_MESSAGE =
  'needs a mask drawn on the image, which a saved pipeline cannot hold: use “Remove object…” or “Remove text…” in the image’s menu';

/** Drawn masks are small PNGs (long runs deflate well); 30 MB of base64 is far beyond any of them. */
const MAX_MASK_CHARS = 30 * 1024 * 1024;
const maskDataUrl = z
  .string({ error: 'must be a mask drawn on the image (a PNG data URL)' })
  .max(MAX_MASK_CHARS, { error: 'is too large' })
  .regex(/^data:image\/png;base64,[A-Za-z0-9+/]+=*$/, {
    error: 'must be a mask drawn on the image (a PNG data URL)',
  });

/** In a job: the mask is there (the mask mode filled it in). */
const removeObject = step('remove-object', z.strictObject({ mask_data_url: maskDataUrl }));
const removeText = step(
  'remove-text',
  z
    .strictObject({ auto_detect: flag.optional(), mask_data_url: maskDataUrl.optional() })
    .default({})
    .refine((p) => p.auto_detect !== false || p.mask_data_url !== undefined, {
      error: 'needs a mask_data_url when auto_detect is false',
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
        const message = `must stay true: without auto-detection remove-text ${MASK_MESSAGE}`;
        ctx.issues.push({ code: 'custom', message, input: params, path: ['auto_detect'] });
        return z.NEVER;
      }
      return { auto_detect: true as const };
    }),
);

const backgroundType = 'must be one of color, image, transparent, prompt';
const replaceBackground = step(
  'replace-background',
  z.discriminatedUnion(
    'background_type',
    [
      z.strictObject({
        background_type: z.literal('color'),
        background_color: z.string({ error: 'must be a colour like #1A2B3C' }).regex(/^#[0-9a-fA-F]{6}$/, {
          error: 'must be a colour like #1A2B3C',
        }),
      }),
      z.strictObject({
        background_type: z.literal('image'),
        background_image_key: z.string({ error: 'must be a storage key' }).min(1, { error: 'is empty' }),
      }),
      z.strictObject({ background_type: z.literal('transparent') }),
      z.strictObject({
        background_type: z.literal('prompt'),
        // The docs give no length limit; 1,000 characters is the extension's own cap.
        background_prompt: z.string({ error: 'must be text' }).trim().min(1, { error: 'is empty' }).max(1000),
      }),
    ],
    { error: backgroundType },
  ),
);

// crop-resize: the docs name the shapes but no ranges; these are the sane ones (assumption).
const pixel = (min: number) => {
  const error = `must be a whole number of pixels, at least ${min}`;
  return z.number({ error }).int({ error }).min(min, { error });
};
const percent = between(0, 100);
const share = percent.positive({ error: 'must be more than 0 and at most 100' });
const pixels = z.tuple([pixel(0), pixel(0), pixel(1), pixel(1)], { error: 'must be [x, y, width, height]' });
const percentage = z
  .tuple([percent, percent, share, share], {
    error: 'must be [x, y, width, height]',
  })
  .refine(([x, y, w, h]) => x + w <= 100 && y + h <= 100, { error: 'must stay inside the image (≤ 100 %)' });
const crop = z
  .strictObject({ pixels: pixels.optional(), percentage: percentage.optional() })
  .refine((c) => (c.pixels === undefined) !== (c.percentage === undefined), {
    error: 'must be {pixels: [x, y, w, h]} or {percentage: [x, y, w, h]}',
  });
const side = pixel(1);
const resize = z
  .strictObject({ width: side.optional(), height: side.optional(), maintain_aspect: flag.optional() })
  .refine((r) => r.width !== undefined || r.height !== undefined, { error: 'needs a width or a height' });

const commonSteps = [
  step(
    'enhance',
    z.strictObject(
      { scale: z.literal([2, 4, 8], { error: 'must be 2, 4 or 8' }) },
      { error: 'needs a scale of 2, 4 or 8' },
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
        { error: 'needs crop, resize or both' },
      )
      .refine((p) => p.crop !== undefined || p.resize !== undefined, {
        error: 'needs crop, resize or both',
      }),
  ),
  step(
    'convert',
    z.strictObject(
      { output_format: oneOf(['png', 'jpg', 'jpeg', 'webp']), quality: between(1, 100, true).optional() },
      { error: 'needs an output_format (png, jpg, jpeg or webp)' },
    ),
  ),
] as const;

const notOffered = { error: 'is not an operation EnhanceCraft offers' };

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
    .array(schema, { error: 'must be a list of operations' })
    .min(1, { error: 'needs at least one operation' })
    .max(10, { error: 'can have at most 10 operations' });

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
