import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  pipelineOperation,
  pipelineProblems,
  pipelineSchema,
  type Pipeline,
} from '@/utils/pipeline/enhancecraft-pipeline';
import { pipelineStepSchema, stepSchema } from '@/utils/pipeline/enhancecraft-steps';

const pipeline = (operations: unknown[], extra: object = {}) => ({
  id: 'p1',
  name: 'Mine',
  operations,
  ...extra,
});
/** What a saved pipeline may hold (every documented step except those that need a drawn mask). */
const accepts = (s: unknown) => pipelineStepSchema.safeParse(s).success;

/** One valid example per operation type EnhanceCraft's API docs list, with every parameter it has. */
const VALID: Record<string, unknown[]> = {
  enhance: [2, 4, 8].map((scale) => ({ type: 'enhance', params: { scale } })),
  'enhance-anime': [{ type: 'enhance-anime' }, { type: 'enhance-anime', params: {} }],
  'enhance-face': [{ type: 'enhance-face', params: { enhancement_level: 0 } }, { type: 'enhance-face' }],
  denoise: [{ type: 'denoise', params: { enhancement_level: 1 } }],
  deblur: [
    { type: 'deblur', params: { strength: 0.5 } },
    { type: 'deblur', params: { strength: 1.5 } },
  ],
  'restore-old-photo': [
    {
      type: 'restore-old-photo',
      params: {
        face_enhancement_level: 0.5,
        auto_repair_damage: true,
        color_boost: 2,
        enable_colorization: true,
        colorization_strength: 0.3,
      },
    },
  ],
  'remove-background': [{ type: 'remove-background', params: { output_format: 'jpg' } }],
  'replace-background': [
    { type: 'replace-background', params: { background_type: 'color', background_color: '#1a2B3c' } },
    {
      type: 'replace-background',
      params: { background_type: 'image', background_image_key: 'uploads/u/bg.jpg' },
    },
    { type: 'replace-background', params: { background_type: 'transparent' } },
    {
      type: 'replace-background',
      params: { background_type: 'prompt', background_prompt: 'a beach at dusk' },
    },
  ],
  'blur-background': [{ type: 'blur-background', params: { blur_radius: 100, output_format: 'png' } }],
  'smart-crop': ['1:1', '4:3', '16:9', '9:16', '3:2', '2:3'].map((aspect_ratio) => ({
    type: 'smart-crop',
    params: { aspect_ratio, padding_percent: 30 },
  })),
  'remove-text': [{ type: 'remove-text' }, { type: 'remove-text', params: { auto_detect: true } }],
  'compress-optimize': [{ type: 'compress-optimize', params: { quality: 1 } }],
  'crop-resize': [
    { type: 'crop-resize', params: { crop: { pixels: [0, 0, 100, 50] } } },
    { type: 'crop-resize', params: { crop: { percentage: [10, 10, 80, 90] } } },
    { type: 'crop-resize', params: { resize: { width: 640, maintain_aspect: true } } },
    { type: 'crop-resize', params: { crop: { pixels: [1, 2, 3, 4] }, resize: { width: 2, height: 3 } } },
  ],
  convert: ['png', 'jpg', 'jpeg', 'webp'].map((output_format) => ({
    type: 'convert',
    params: { output_format, quality: 100 },
  })),
};

const INVALID: [string, unknown, RegExp][] = [
  ['scale 3', { type: 'enhance', params: { scale: 3 } }, /scale must be 2, 4 or 8/],
  ['no scale', { type: 'enhance', params: {} }, /scale must be 2, 4 or 8/],
  ['no params for enhance', { type: 'enhance' }, /needs a scale/],
  ['anime with a scale', { type: 'enhance-anime', params: { scale: 4 } }, /no setting called “scale”/],
  ['level 1.1', { type: 'enhance-face', params: { enhancement_level: 1.1 } }, /from 0 to 1/],
  ['level as text', { type: 'denoise', params: { enhancement_level: '0.5' } }, /from 0 to 1/],
  ['strength 0.4', { type: 'deblur', params: { strength: 0.4 } }, /from 0\.5 to 1\.5/],
  ['color_boost 0.9', { type: 'restore-old-photo', params: { color_boost: 0.9 } }, /from 1 to 2/],
  [
    'colorization as text',
    { type: 'restore-old-photo', params: { enable_colorization: 'yes' } },
    /true or false/,
  ],
  ['bg format webp', { type: 'remove-background', params: { output_format: 'webp' } }, /png, jpg/],
  [
    'colour name',
    { type: 'replace-background', params: { background_type: 'color', background_color: 'red' } },
    /#1A2B3C/,
  ],
  ['colour missing', { type: 'replace-background', params: { background_type: 'color' } }, /#1A2B3C/],
  ['prompt missing', { type: 'replace-background', params: { background_type: 'prompt' } }, /prompt/],
  [
    'image key with colour',
    { type: 'replace-background', params: { background_type: 'image', background_color: '#000000' } },
    /background/,
  ],
  [
    'unknown background',
    { type: 'replace-background', params: { background_type: 'sky' } },
    /color, image, transparent, prompt/,
  ],
  ['blur 0', { type: 'blur-background', params: { blur_radius: 0 } }, /whole number from 1 to 100/],
  ['blur 2.5', { type: 'blur-background', params: { blur_radius: 2.5 } }, /whole number from 1 to 100/],
  ['ratio 5:4', { type: 'smart-crop', params: { aspect_ratio: '5:4' } }, /1:1, 4:3/],
  ['padding 31', { type: 'smart-crop', params: { padding_percent: 31 } }, /from 0 to 30/],
  ['quality 0', { type: 'compress-optimize', params: { quality: 0 } }, /from 1 to 100/],
  ['quality 101', { type: 'convert', params: { output_format: 'png', quality: 101 } }, /from 1 to 100/],
  ['convert without format', { type: 'convert', params: {} }, /output_format/],
  ['convert to gif', { type: 'convert', params: { output_format: 'gif' } }, /png, jpg, jpeg, webp/],
  ['crop-resize empty', { type: 'crop-resize', params: {} }, /crop, resize or both/],
  [
    'crop both forms',
    { type: 'crop-resize', params: { crop: { pixels: [0, 0, 1, 1], percentage: [0, 0, 1, 1] } } },
    /crop/,
  ],
  ['crop three numbers', { type: 'crop-resize', params: { crop: { pixels: [0, 0, 1] } } }, /crop/],
  [
    'crop outside',
    { type: 'crop-resize', params: { crop: { percentage: [50, 0, 60, 10] } } },
    /inside the image/,
  ],
  [
    'resize nothing',
    { type: 'crop-resize', params: { resize: { maintain_aspect: true } } },
    /width or a height/,
  ],
  ['unknown op', { type: 'sharpen' }, /not an operation EnhanceCraft offers/],
  [
    'remove-object',
    { type: 'remove-object', params: { mask_data_url: 'data:image/png;base64,AA' } },
    /needs a mask/,
  ],
  [
    'remove-text without auto-detection',
    { type: 'remove-text', params: { auto_detect: false } },
    /needs a mask/,
  ],
  ['remove-text with a mask', { type: 'remove-text', params: { mask_data_url: 'data:,' } }, /needs a mask/],
  ['a typo', { type: 'deblur', params: { strenght: 1 } }, /no setting called “strenght”/],
];

describe('EnhanceCraft steps (the operations table of its API docs)', () => {
  it.each(Object.entries(VALID))('accepts every documented form of %s', (_, steps) => {
    for (const s of steps) expect(stepSchema.safeParse(s).error?.issues).toBeUndefined();
  });

  it('a job’s remove-object and manual remove-text carry a PNG mask as a base64 data URL, and need one', () => {
    const mask = 'data:image/png;base64,iVBORw0KGgo=';
    expect(stepSchema.safeParse({ type: 'remove-object', params: { mask_data_url: mask } }).success).toBe(
      true,
    );
    const text = { type: 'remove-text', params: { auto_detect: false, mask_data_url: mask } };
    expect(stepSchema.safeParse(text).success).toBe(true);
    for (const bad of [
      { type: 'remove-object', params: {} },
      { type: 'remove-object', params: { mask_data_url: 'https://example.com/m.png' } },
      { type: 'remove-object', params: { mask_data_url: 'data:image/jpeg;base64,AAAA' } },
      { type: 'remove-text', params: { auto_detect: false } },
    ])
      expect(stepSchema.safeParse(bad).success).toBe(false);
  });

  it('covers every documented type except the mask-only one', () => {
    const documented = [
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
    ];
    expect(Object.keys(VALID).sort()).toEqual(documented.sort());
  });

  it.each(INVALID)('rejects %s with a readable reason', (_, s, reason) => {
    expect(accepts(s)).toBe(false);
    const problems = pipelineProblems(pipeline([s]));
    expect(problems.join(' ')).toMatch(reason);
    expect(problems.every((p) => p.startsWith('Step 1'))).toBe(true);
  });

  const ranged: [string, string, number, number, boolean][] = [
    ['enhance-face', 'enhancement_level', 0, 1, false],
    ['denoise', 'enhancement_level', 0, 1, false],
    ['deblur', 'strength', 0.5, 1.5, false],
    ['restore-old-photo', 'face_enhancement_level', 0, 1, false],
    ['restore-old-photo', 'color_boost', 1, 2, false],
    ['restore-old-photo', 'colorization_strength', 0, 1, false],
    ['blur-background', 'blur_radius', 1, 100, true],
    ['smart-crop', 'padding_percent', 0, 30, false],
    ['compress-optimize', 'quality', 1, 100, true],
  ];

  it.each(ranged)('property: %s %s is accepted exactly inside [%d, %d]', (type, field, min, max, whole) => {
    fc.assert(
      fc.property(fc.double({ min: min - 50, max: max + 50, noNaN: true }), fc.boolean(), (raw, round) => {
        const value = round || whole ? Math.round(raw) : raw;
        const inside = value >= min && value <= max && (!whole || Number.isInteger(value));
        expect(accepts({ type, params: { [field]: value } })).toBe(inside);
      }),
      { numRuns: 200 },
    );
  });

  it('property: only 2, 4 and 8 are scales', () => {
    fc.assert(
      fc.property(fc.oneof(fc.integer({ min: -20, max: 20 }), fc.double({ noNaN: true })), (scale) => {
        expect(accepts({ type: 'enhance', params: { scale } })).toBe([2, 4, 8].includes(scale));
      }),
    );
  });

  it('property: only #RRGGBB colours are accepted', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 9 }), (colour) => {
        const s = {
          type: 'replace-background',
          params: { background_type: 'color', background_color: colour },
        };
        expect(accepts(s)).toBe(/^#[0-9a-fA-F]{6}$/.test(colour));
      }),
    );
  });
});

describe('EnhanceCraft pipelines', () => {
  it('accepts 1–10 operations and a 1–60 character name; trims the name', () => {
    const ten = Array.from({ length: 10 }, () => ({ type: 'denoise' }));
    expect(pipelineSchema.parse(pipeline(ten, { name: '  Night shots  ' })).name).toBe('Night shots');
    expect(pipelineProblems(pipeline([...ten, { type: 'deblur' }]))).toEqual([
      'The pipeline can have at most 10 operations.',
    ]);
    expect(pipelineProblems(pipeline([]))).toEqual(['The pipeline needs at least one operation.']);
    expect(pipelineProblems(pipeline([{ type: 'denoise' }], { name: '   ' }))).toEqual(['Name is empty.']);
    expect(pipelineProblems(pipeline([{ type: 'denoise' }], { name: 'x'.repeat(61) }))).toEqual([
      'Name must be at most 60 characters.',
    ]);
    expect(pipelineSchema.safeParse(pipeline([{ type: 'denoise' }], { name: 'x'.repeat(60) })).success).toBe(
      true,
    );
  });

  it('refuses ids that would break the menu id `enhancecraft:pipeline-<id>`', () => {
    for (const id of ['a:b', '', 'x'.repeat(41), 'a b', 42]) {
      expect(pipelineProblems(pipeline([{ type: 'denoise' }], { id }))).toEqual([
        expect.stringMatching(/^Id /),
      ]);
    }
  });

  it('explains every problem, step by step, in sentences', () => {
    const problems = pipelineProblems(
      pipeline([
        { type: 'enhance', params: { scale: 2 } },
        { type: 'deblur', params: { strength: 2 } },
        { type: 'remove-object', params: { mask_data_url: 'data:,' } },
      ]),
    );
    expect(problems).toEqual([
      'Step 2 (deblur): strength must be a number from 0.5 to 1.5.',
      'Step 3 (remove-object) needs a mask drawn on the image, which a saved pipeline cannot hold: use “Remove object…” or “Remove text…” in the image’s menu.',
    ]);
    expect(pipelineProblems('nonsense')).not.toHaveLength(0);
    expect(pipelineProblems(pipeline([{ type: 'convert', params: { output_format: 'png' } }]))).toEqual([]);
  });

  it('becomes a menu operation: scale is the product of the upscales, the payload its steps', () => {
    const mine: Pipeline = pipelineSchema.parse(
      pipeline([
        { type: 'enhance', params: { scale: 2 } },
        { type: 'denoise' },
        { type: 'enhance-anime' },
        { type: 'convert', params: { output_format: 'webp' } },
      ]),
    );
    const operation = pipelineOperation(mine);
    expect(operation).toMatchObject({
      id: 'pipeline-p1',
      label: 'Mine',
      group: 'My pipelines',
      media: 'image',
      scale: 8,
      hint: 'enhance → denoise → enhance-anime → convert',
      costHint: undefined,
    });
    expect(operation.payload).toEqual([
      { type: 'enhance', params: { scale: 2 } },
      { type: 'denoise', params: {} },
      { type: 'enhance-anime', params: {} },
      { type: 'convert', params: { output_format: 'webp' } },
    ]);
  });

  it('an all-free pipeline says so', () => {
    const free = pipelineSchema.parse(
      pipeline([
        { type: 'crop-resize', params: { resize: { width: 800 } } },
        { type: 'compress-optimize', params: { quality: 70 } },
      ]),
    );
    expect(pipelineOperation(free)).toMatchObject({ costHint: 'free', scale: 1 });
  });
});
