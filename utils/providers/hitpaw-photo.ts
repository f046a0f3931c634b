import { ProviderError } from '../errors';
import { hitpawPost, submitAnswerSchema } from './hitpaw-api';
import { coins, submitWithAlias } from './hitpaw-alias';
import { hitpawTaskStatus, PROBE_JOB_ID } from './hitpaw-status';
import { uploadToHitPaw, wantsBytes } from './hitpaw-upload';
import type { MediaInfo, Operation, Provider, ProviderContext, SubmitRequest } from './types';
import { t } from '../i18n';

/**
 * HitPaw photo enhancer (https://developer.hitpaw.com/image/API-reference). Operation ids are the
 * current model names; the older spelling of a renamed model is tried once on 110400005 and remembered.
 */
// The cheapest tier of HitPaw's price table by output size: an honest "from" estimate before anything
// is spent; the popup then shows what the job really consumed.
const FROM_COINS: Record<string, number> = { generative_portrait_1x: 20, generative_1x: 80 };

const op = (
  id: string,
  label: string,
  group: Operation['group'],
  scale: number,
  hint?: string,
): Operation => ({
  id,
  label,
  group,
  media: 'image',
  scale,
  hint,
  costHint: `from ${FROM_COINS[id] ?? 10} coins`,
});

export const HITPAW_PHOTO_OPERATIONS = [
  op('general_2x', 'General 2×', 'Upscale', 2, 'Everyday photos and graphics'),
  op('general_4x', 'General 4×', 'Upscale', 4, 'Everyday photos and graphics'),
  op('high_fidelity_2x', 'High fidelity 2×', 'Upscale', 2, 'Already-good images; keeps detail faithful'),
  op('high_fidelity_4x', 'High fidelity 4×', 'Upscale', 4, 'Already-good images; keeps detail faithful'),
  op('face_2x', 'Face clear 2×', 'Faces', 2, 'Soft, clean faces'),
  op('face_4x', 'Face clear 4×', 'Faces', 4, 'Soft, clean faces'),
  op('face_v2_2x', 'Face natural 2×', 'Faces', 2, 'Keeps skin texture'),
  op('face_v2_4x', 'Face natural 4×', 'Faces', 4, 'Keeps skin texture'),
  op('sharpen_denoise_1x', 'Sharp denoise 1×', 'Denoise', 1, 'Removes noise and sharpens'),
  op('detail_denoise_1x', 'Detail denoise 1×', 'Denoise', 1, 'Removes noise, keeps fine detail'),
  op('generative_portrait_1x', 'Generative portrait 1×', 'Generative', 1, 'Very poor portraits'),
  op('generative_1x', 'Generative 1×', 'Generative', 1, 'Very poor images (diffusion)'),
] as const satisfies readonly Operation[];

/** Current name ↔ the spelling older copies of HitPaw's photo docs use. */
const ALIASES: Record<string, string> = {
  sharpen_denoise_1x: 'sharpen_denoise',
  detail_denoise_1x: 'detail_denoise',
  generative_portrait_1x: 'generative_portrait',
  generative_1x: 'generative',
};

// The strictest of HitPaw's published limits, which disagree between its pages: input 67 or 70 MP,
// output 432 or 600 MP, generative output 33 or 34 MP.
const MAX_INPUT_PIXELS = 67_000_000;
const MAX_OUTPUT_PIXELS = { standard: 432_000_000, generative: 33_000_000 };

const MAY_HAVE_ALPHA = new Set(['image/png', 'image/webp', 'image/gif']);

/**
 * PNG keeps transparency, so PNG/WebP sources and anything with alpha get `.png`; the rest `.jpg`.
 * An uploaded image's type is known from its bytes and decides over the URL's suffix.
 */
export function outputExtension(media: MediaInfo, type?: string): '.png' | '.jpg' {
  if (media.hasAlpha) return '.png';
  if (type) return MAY_HAVE_ALPHA.has(type) ? '.png' : '.jpg';
  let path = media.url;
  try {
    path = new URL(media.url).pathname;
  } catch {
    // keep the raw string; a relative or odd URL still has a usable suffix
  }
  return /\.(png|webp|gif|avif|svg)$/i.test(path) ? '.png' : '.jpg';
}

function precheck({ operation, media }: SubmitRequest): string | null {
  if (media.width === null || media.height === null) return null;
  const input = media.width * media.height;
  if (input > MAX_INPUT_PIXELS) {
    return t('hp_photo_input', (input / 1e6).toFixed(0));
  }
  const output = input * operation.scale * operation.scale;
  const cap = operation.group === 'Generative' ? MAX_OUTPUT_PIXELS.generative : MAX_OUTPUT_PIXELS.standard;
  if (output > cap) {
    return t('hp_photo_output', [(output / 1e6).toFixed(0), cap / 1e6]);
  }
  return null;
}

/**
 * With the job's bytes, the image goes through HitPaw's upload storage and its access URL is sent;
 * without, the page's URL is, and an "Invalid URL" answer asks for the bytes (see `wantsBytes`).
 */
async function submit({ operation, media }: SubmitRequest, ctx: ProviderContext) {
  const uploaded = media.bytes ? await uploadToHitPaw(media.bytes, ctx) : undefined;
  const body = {
    img_url: uploaded?.accessUrl ?? media.url,
    extension: outputExtension(media, uploaded?.type),
  };
  const run = (model: string) =>
    hitpawPost('api/photo-enhancer', { model_name: model, ...body }, submitAnswerSchema, ctx.key, ctx);
  try {
    const { data, model } = await submitWithAlias(operation.id, ALIASES[operation.id], ctx, run);
    return { providerJobId: data.job_id, cost: coins(data.consume_coins), model };
  } catch (error) {
    throw wantsBytes(error, uploaded !== undefined);
  }
}

export const hitpawPhoto = {
  id: 'hitpaw-photo',
  name: 'HitPaw',
  credential: 'hitpaw',
  operations: HITPAW_PHOTO_OPERATIONS,
  input: 'url-or-bytes',
  resultAccess: 'public',
  // HitPaw asks for image polls every 2–5 s, capped at 60–120 attempts: 3 s growing ×1.5 to 10 s;
  // stop after 120 polls or 15 minutes.
  pollSchedule: { firstMs: 3_000, factor: 1.5, maxMs: 10_000, maxPolls: 120, maxAgeMs: 15 * 60_000 },
  precheck,
  submit,
  status: (jobId, ctx) => hitpawTaskStatus(jobId, ctx.key, ctx),
  async testKey(ctx) {
    try {
      await hitpawTaskStatus(PROBE_JOB_ID, ctx.key, ctx);
    } catch (error) {
      if (error instanceof ProviderError && error.kind === 'not_found') return;
      throw error;
    }
  },
} satisfies Provider;
