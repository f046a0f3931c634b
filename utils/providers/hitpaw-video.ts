import { hitpawPost, submitAnswerSchema } from './hitpaw-api';
import { coins, submitWithAlias } from './hitpaw-alias';
import { hitpawTaskStatus } from './hitpaw-status';
import { hitpawPhoto } from './hitpaw-photo';
import type { Operation, Provider, ProviderContext, SubmitRequest } from './types';
import { t } from '../i18n';

/**
 * HitPaw video enhancer (https://developer.hitpaw.com/video/API-reference). Operation ids are the
 * current model names; the older spelling of a renamed model is tried once on 110400005 and remembered.
 */
const op = (
  id: string,
  label: string,
  group: Operation['group'],
  scale: number,
  hint: string,
): Operation => ({
  id,
  label,
  group,
  media: 'video',
  scale,
  hint,
  // Billed per output second, from 10 coins/s for HD at ≤30 fps (HitPaw's pricing page); Ultra HD and
  // Generative are only said to "cost more".
  costHint: id.startsWith('ultrahd') || id.startsWith('generative') ? 'over 10 coins/s' : 'from 10 coins/s',
});

export const HITPAW_VIDEO_OPERATIONS = [
  op(
    'general_restore_1x',
    'General restore 1×',
    'Denoise',
    1,
    'Cleans noise and compression at the same size',
  ),
  op('general_restore_2x', 'General restore 2×', 'Upscale', 2, 'Everyday footage'),
  op('general_restore_4x', 'General restore 4×', 'Upscale', 4, 'Everyday footage (output up to 36 MP)'),
  op('ultrahd_restore_2x', 'Ultra HD 2×', 'Upscale', 2, 'Highest detail'),
  op('portrait_restore_1x', 'Portrait restore 1×', 'Faces', 1, 'Faces at the same size'),
  op('portrait_restore_2x', 'Portrait restore 2×', 'Faces', 2, 'Faces, upscaled'),
  op('face_soft_2x', 'Face soft 2×', 'Faces', 2, 'Soft, clean faces'),
  op('generative_1x', 'Generative 1×', 'Generative', 1, 'Very poor footage (diffusion)'),
] as const satisfies readonly Operation[];

/** Current name ↔ the spelling older copies of HitPaw's video docs use. */
const ALIASES: Record<string, string> = {
  face_soft_2x: 'face_soft',
  ultrahd_restore_2x: 'ultrahd_restore',
  generative_1x: 'generative',
};

const MAX_OUTPUT_PIXELS = 36_000_000; // HitPaw's video output limit (36 MP)
const DURATION = { min: 0.5, max: 3600 };

/** HitPaw wants the target size; odd sizes are not safe for video encoders, so round down to even. */
export function targetResolution(width: number, height: number, scale: number): [number, number] {
  const even = (n: number) => Math.max(2, Math.floor(n / 2) * 2);
  return [even(width * scale), even(height * scale)];
}

function precheck({ operation, media }: SubmitRequest): string | null {
  if (!media.width || !media.height) {
    return t('hp_video_size_unknown');
  }
  const [w, h] = targetResolution(media.width, media.height, operation.scale);
  if (w * h > MAX_OUTPUT_PIXELS) {
    return t('hp_video_too_large', [`${w}×${h}`, ((w * h) / 1e6).toFixed(1)]);
  }
  const duration = media.duration;
  if (duration != null && (duration < DURATION.min || duration > DURATION.max)) {
    return t('hp_video_duration', Math.round(duration));
  }
  return null;
}

async function submitModel(model: string, { operation, media }: SubmitRequest, ctx: ProviderContext) {
  const original: [number, number] = [media.width ?? 0, media.height ?? 0];
  const body = {
    video_url: media.url,
    model_name: model,
    resolution: targetResolution(original[0], original[1], operation.scale),
    original_resolution: original, // always sent: the legacy API required it with model_name
    extension: '.mp4',
  };
  return hitpawPost('api/video-enhancer', body, submitAnswerSchema, ctx.key, ctx);
}

export const hitpawVideo = {
  id: 'hitpaw-video',
  name: 'HitPaw',
  credential: 'hitpaw',
  operations: HITPAW_VIDEO_OPERATIONS,
  // URL only, though HitPaw's upload storage takes mp4/mov/webm too: its video limits (up to an hour,
  // 36 MP frames) mean files of hundreds of MB, more than a worker should hold in memory and PUT inside
  // one request deadline; and a page's blob: video is usually a MediaSource stream with no file to read.
  input: 'url',
  resultAccess: 'public',
  // 8 s growing to 30 s; about an hour, and never give up while HitPaw still converts (its FAQ says a
  // slow job is not a failed one: only an explicit error is).
  pollSchedule: { firstMs: 8_000, factor: 1.5, maxMs: 30_000, maxPolls: 200, maxAgeMs: 65 * 60_000 },
  precheck,
  async submit(request, ctx) {
    const id = request.operation.id;
    const run = (model: string) => submitModel(model, request, ctx);
    const { data, model } = await submitWithAlias(id, ALIASES[id], ctx, run);
    return { providerJobId: data.job_id, cost: coins(data.consume_coins), model };
  },
  status: (jobId, ctx) => hitpawTaskStatus(jobId, ctx.key, ctx),
  testKey: hitpawPhoto.testKey,
} satisfies Provider;
