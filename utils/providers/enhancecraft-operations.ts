import type { EnhanceCraftStep } from './enhancecraft-steps';
import type { Operation } from './types';

/**
 * The EnhanceCraft menu: the operation types of its API docs page (`POST /api/v1/jobs/api`). Each
 * operation's `payload` is the `operations` list its job sends. Prices: the docs state only that
 * compress/convert/crop-resize are free; every other cost is unknown, so no cost hint is guessed.
 *
 * Left out on purpose: `remove-object`, and `remove-text` without auto-detection, need a mask drawn by
 * hand (`mask_data_url`) and the extension has no mask editor.
 * `replace-background` needs a colour, image or prompt a person picks: it is offered in pipelines.
 */
const op = (
  id: string,
  label: string,
  group: Operation['group'],
  steps: EnhanceCraftStep[],
  { scale = 1, hint, costHint }: { scale?: number; hint?: string; costHint?: string } = {},
): Operation => ({ id, label, group, media: 'image', scale, hint, costHint, payload: steps });

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
