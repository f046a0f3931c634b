/**
 * Model names, scales, limits and prices from HitPaw's docs (its pricing page and
 * https://developer.hitpaw.com/image/API-reference, https://developer.hitpaw.com/video/API-reference)
 * and its own Go client (https://github.com/HitPaw-Official/hitpaw-mcp-server).
 * Where sources disagree the emulator enforces the strictest value, so a client that passes here
 * passes the real service under either reading.
 */

/** The older photo docs' list (unsuffixed 1x names) — still accepted by default. */
// prettier-ignore
export const PHOTO_MODELS_OLD = [
  'face_2x', 'face_4x', 'face_v2_2x', 'face_v2_4x', 'general_2x', 'general_4x', 'high_fidelity_2x',
  'high_fidelity_4x', 'sharpen_denoise', 'detail_denoise', 'generative_portrait', 'generative',
] as const;

/** Current docs and HitPaw's own client: 1x models carry a suffix; generative goes to 8x. */
// prettier-ignore
export const PHOTO_MODELS_CURRENT = [
  'face_2x', 'face_4x', 'face_v2_2x', 'face_v2_4x', 'general_2x', 'general_4x', 'high_fidelity_2x',
  'high_fidelity_4x', 'sharpen_denoise_1x', 'detail_denoise_1x', 'generative_portrait_1x',
  'generative_portrait_2x', 'generative_portrait_4x', 'generative_1x', 'generative_2x', 'generative_4x',
  'generative_6x', 'generative_8x', 'generative_enhance_fast_2x', 'generative_enhance_fast_4x',
] as const;

// prettier-ignore
export const VIDEO_MODELS_OLD = [
  'face_soft', 'portrait_restore_1x', 'portrait_restore_2x', 'general_restore_1x', 'general_restore_2x',
  'general_restore_4x', 'ultrahd_restore', 'generative',
] as const;

// prettier-ignore
export const VIDEO_MODELS_CURRENT = [
  'face_soft_2x', 'portrait_restore_1x', 'portrait_restore_2x', 'general_restore_1x', 'general_restore_2x',
  'general_restore_4x', 'ultrahd_restore_2x', 'generative_1x',
] as const;

/** The output formats HitPaw's client lists; `extension` is the output format. */
export const PHOTO_EXTENSIONS = ['.jpg', '.jpeg', '.png', '.webp', '.bmp', '.tif', '.tiff'] as const;
/** The video output formats the docs and HitPaw's client list. */
export const VIDEO_EXTENSIONS = ['.mp4', '.mov', '.mkv', '.m4v', '.avi', '.gif'] as const;
/** The segmentation docs accept these input formats (as sharp names them). */
export const SEGMENTATION_INPUT_FORMATS = ['jpeg', 'png', 'webp'] as const;
/** Photo input formats of the docs that sharp can decode (bmp and tga it cannot; our sites serve neither). */
export const PHOTO_INPUT_FORMATS = ['jpeg', 'png', 'webp', 'tiff', 'heif'] as const;

const MP = 1_000_000;
export const LIMITS = {
  maxInputPixels: 67 * MP, // 67 MP (older docs, HitPaw's client) vs 70 MP (current docs)
  maxStandardOutputPixels: 432 * MP, // 432 MP (current docs, client) vs 600 MP (older docs)
  maxGenerativeOutputPixels: 33 * MP, // 33 MP (older docs) vs 34 MP (current docs)
  maxVideoPixels: 36 * MP, // target, and input per HitPaw's client
  minVideoSeconds: 0.5,
  maxVideoSeconds: 3600,
} as const;

export type PhotoClass = 'standard' | 'generative-portrait' | 'generative';

export function photoClass(model: string): PhotoClass {
  if (model.startsWith('generative_portrait')) return 'generative-portrait';
  return model.startsWith('generative') ? 'generative' : 'standard';
}

/** The `_Nx` suffix; unsuffixed (old) names are 1x. */
export function modelScale(model: string): number {
  const match = /_(\d+)x$/.exec(model);
  return match ? Number(match[1]) : 1;
}

export function maxOutputPixels(model: string): number {
  return photoClass(model) === 'standard' ? LIMITS.maxStandardOutputPixels : LIMITS.maxGenerativeOutputPixels;
}

// [upper bound in MP (exclusive), credits]. Generative "<8 MP: 80" is taken literally (the table says
// 80 credits but $0.05 there, which do not match).
// prettier-ignore
const PRICES: Record<PhotoClass, [number, number][]> = {
  standard: [[8, 10], [12, 20], [24, 30], [48, 70], [108, 140], [216, 240], [Infinity, 480]],
  'generative-portrait': [[8, 20], [12, 30], [24, 40], [Infinity, 60]],
  generative: [[8, 80], [12, 60], [24, 80], [Infinity, 150]],
};

/** Credits for a photo job by output pixels; 0 pixels (input not fetched yet) is the lowest tier. */
export function photoPrice(model: string, outputPixels: number): number {
  const table = PRICES[photoClass(model)];
  return table.find(([upTo]) => outputPixels < upTo * MP)![1];
}

export const SEGMENTATION_PRICE = 20;

/**
 * Video credits per output second at ≤30 fps (HD 10, FHD 15, 2K 20, 4K 25, 8K 33). Ultra HD and
 * Generative "cost more" with no number given: the emulator doubles them (assumption).
 */
export function videoPrice(model: string, [width, height]: [number, number], seconds: number): number {
  const pixels = width * height;
  const tiers: [number, number][] = [
    [1280 * 720, 10],
    [1920 * 1080, 15],
    [2560 * 1440, 20],
    [3840 * 2160, 25],
  ];
  const rate = tiers.find(([upTo]) => pixels <= upTo)?.[1] ?? 33;
  const premium = model.startsWith('ultrahd') || model.startsWith('generative') ? 2 : 1;
  return rate * premium * Math.max(1, Math.ceil(seconds));
}
