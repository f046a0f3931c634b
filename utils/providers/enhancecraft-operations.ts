import type { EnhanceCraftStep } from '../pipeline/enhancecraft-steps';
import type { Operation } from './types';

/**
 * The EnhanceCraft menu: the operation types of its API docs page (`POST /api/v1/jobs/api`). Each
 * operation's `payload` is the `operations` list its job sends. Prices: the docs state only that
 * compress/convert/crop-resize are free; every other cost is unknown, so no cost hint is guessed.
 *
 * `remove-object`, and `remove-text` without auto-detection, need a mask drawn by hand
 * (`mask_data_url`): their menu items open the viewer's mask mode, and the mask is filled into the step
 * when the job is sent (see `withDrawnMask`).
 * `replace-background` needs a colour, image or prompt a person picks: it is offered in pipelines.
 */
/** A step as the menu keeps it: a mask step lacks its `mask_data_url` until the person draws one. */
type StepTemplate = EnhanceCraftStep | { type: 'remove-object' | 'remove-text'; params: object };

const op = (
  id: string,
  label: string,
  group: Operation['group'],
  steps: StepTemplate[],
  {
    scale = 1,
    hint,
    costHint,
    drawnMask,
  }: { scale?: number; hint?: string; costHint?: string; drawnMask?: boolean } = {},
): Operation => ({
  id,
  label,
  group,
  media: 'image',
  scale,
  hint,
  costHint,
  payload: steps,
  ...(drawnMask ? { drawnMask } : {}),
});

/** The steps of a mask operation with the drawn mask filled in where the API takes one. */
export function withDrawnMask(payload: unknown, maskDataUrl: string): unknown {
  if (!Array.isArray(payload)) return payload;
  return payload.map((s: unknown) => {
    const { type, params } = (s ?? {}) as { type?: unknown; params?: Record<string, unknown> };
    const takesMask = type === 'remove-object' || (type === 'remove-text' && params?.auto_detect === false);
    return takesMask ? { type, params: { ...params, mask_data_url: maskDataUrl } } : s;
  });
}

const enhance = (scale: 2 | 4 | 8) =>
  op(`enhance-${scale}x`, `Upscale ${scale}×`, 'Upscale', [{ type: 'enhance', params: { scale } }], {
    scale,
    hint: 'Photos',
  });

const RATIOS = ['1:1', '4:3', '16:9', '9:16', '3:2', '2:3'] as const;
const smartCrop = (ratio: (typeof RATIOS)[number]) =>
  op(
    `smart-crop-${ratio.replace(':', 'x')}`,
    `Smart crop ${ratio}`,
    'Crop & convert',
    [{ type: 'smart-crop', params: { aspect_ratio: ratio } }],
    { hint: 'Keeps the subject in frame' },
  );

const convert = (format: 'png' | 'jpg' | 'webp', label: string) =>
  op(
    `convert-${format}`,
    `Convert to ${label}`,
    'Crop & convert',
    [{ type: 'convert', params: { output_format: format } }],
    { costHint: 'free' },
  );

export const ENHANCECRAFT_OPERATIONS: readonly Operation[] = [
  enhance(2),
  enhance(4),
  enhance(8),
  op('enhance-anime', 'Anime 4×', 'Upscale', [{ type: 'enhance-anime', params: {} }], {
    scale: 4,
    hint: 'Anime, manga and illustrations',
  }),
  op('enhance-face', 'Face', 'Faces', [{ type: 'enhance-face', params: {} }], {
    hint: 'Restores and sharpens faces in portraits and group photos',
  }),
  op('denoise', 'Denoise', 'Denoise', [{ type: 'denoise', params: {} }], {
    hint: 'Noise and JPEG artifacts',
  }),
  op('deblur', 'Deblur', 'Denoise', [{ type: 'deblur', params: {} }], { hint: 'Motion or focus blur' }),
  op(
    'restore-old-photo',
    'Restore old photo',
    'Restore',
    [
      {
        type: 'restore-old-photo',
        // Repair and faces, no colourisation: it would recolour photos that already have colour.
        params: {
          auto_repair_damage: true,
          face_enhancement_level: 0.7,
          color_boost: 1.2,
          enable_colorization: false,
        },
      },
    ],
    { hint: 'Repairs damage and faces; keeps the colours' },
  ),
  op('remove-text', 'Remove text', 'Restore', [{ type: 'remove-text', params: { auto_detect: true } }], {
    hint: 'Text and watermarks, found automatically',
  }),
  op(
    'remove-text-masked',
    'Remove text…',
    'Restore',
    [{ type: 'remove-text', params: { auto_detect: false } }],
    { hint: 'Paint over the text or watermark to remove', drawnMask: true },
  ),
  op('remove-object', 'Remove object…', 'Restore', [{ type: 'remove-object', params: {} }], {
    hint: 'Paint over what should go; EnhanceCraft fills it in',
    drawnMask: true,
  }),
  op(
    'remove-background',
    'Remove background',
    'Background',
    [{ type: 'remove-background', params: { output_format: 'png' } }],
    { hint: 'Transparent PNG' },
  ),
  op('blur-background', 'Blur background', 'Background', [{ type: 'blur-background', params: {} }], {
    hint: 'Keeps the subject sharp',
  }),
  ...RATIOS.map(smartCrop),
  op('compress-optimize', 'Compress', 'Crop & convert', [{ type: 'compress-optimize', params: {} }], {
    hint: 'Smaller JPEG file',
    costHint: 'free',
  }),
  convert('png', 'PNG'),
  convert('jpg', 'JPG'),
  convert('webp', 'WebP'),
];
