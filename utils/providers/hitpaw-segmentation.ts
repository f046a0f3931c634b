import { hitpawPost, submitAnswerSchema } from './hitpaw-api';
import { coins } from './hitpaw-alias';
import { hitpawTaskStatus } from './hitpaw-status';
import { hitpawPhoto } from './hitpaw-photo';
import { uploadToHitPaw, wantsBytes } from './hitpaw-upload';
import type { Operation, Provider, SubmitRequest } from './types';
import { t } from '../i18n';

/**
 * HitPaw image segmentation (https://developer.hitpaw.com/ai-tools/image-segmentation): background
 * removal ("matting"). The result (`res_url`) is a transparent cut-out, `mask_url` the subject mask;
 * both are fetched and kept by the engine at once, since HitPaw's own client says segmentation outputs
 * may live only 24 hours (the docs say 8 days).
 */
export const HITPAW_SEGMENTATION_OPERATIONS = [
  {
    id: 'matting',
    label: 'Remove background',
    group: 'Background',
    media: 'image',
    scale: 1,
    hint: 'Transparent cut-out of the main subject, with its mask',
    costHint: '20 coins', // flat price per image (HitPaw's pricing page)
    cutout: true,
  },
] as const satisfies readonly Operation[];

const FORMATS = /\.(jpe?g|png|webp)$/i; // the formats the segmentation docs accept
const UPLOAD_TYPES = ['image/jpeg', 'image/png', 'image/webp']; // the same, for bytes we upload

const REFUSED = ['gif', 'bmp', 'tif', 'tiff', 'svg', 'avif', 'heic'];

function precheck({ media }: SubmitRequest): string | null {
  let path: string;
  try {
    path = new URL(media.url).pathname;
  } catch {
    return null;
  }
  // Only a clear, different extension is refused: many image URLs carry no extension at all.
  const ext = /\.([a-z0-9]{2,5})$/i.exec(path)?.[1]?.toLowerCase();
  if (ext && !FORMATS.test(path) && REFUSED.includes(ext)) {
    return t('hp_background_extension', ext);
  }
  return null;
}

export const hitpawSegmentation = {
  id: 'hitpaw-segmentation',
  name: 'HitPaw',
  credential: 'hitpaw',
  operations: HITPAW_SEGMENTATION_OPERATIONS,
  input: 'url-or-bytes',
  resultAccess: 'public',
  // The segmentation docs say to poll every 2–5 s; the photo enhancer's schedule fits.
  pollSchedule: hitpawPhoto.pollSchedule,
  precheck,
  async submit({ media }, ctx) {
    const uploaded = media.bytes
      ? await uploadToHitPaw(media.bytes, ctx, UPLOAD_TYPES, t('hp_background_removal'))
      : undefined;
    // `return_type` exists only in HitPaw's own client; the docs omit it, so it is not sent.
    const body = { file_url: uploaded?.accessUrl ?? media.url };
    const data = await hitpawPost('api/image-segmentation', body, submitAnswerSchema, ctx.key, ctx).catch(
      (error: unknown) => {
        throw wantsBytes(error, uploaded !== undefined);
      },
    );
    return { providerJobId: data.job_id, cost: coins(data.consume_coins) };
  },
  status: (jobId, ctx) => hitpawTaskStatus(jobId, ctx.key, ctx),
  testKey: hitpawPhoto.testKey,
} satisfies Provider;
