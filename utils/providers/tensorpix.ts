import { z } from 'zod';
import { ProviderError } from '../errors';
import { tensorpixRequest, TENSORPIX_NAME } from './tensorpix-api';
import {
  MODELS_PATH,
  pickModel,
  tensorpixModels,
  type ModelList,
  type ModelPick,
  type TensorpixModel,
} from './tensorpix-models';
import { jobCost, jobSchema, mapTensorpixJob, readTensorpixJob } from './tensorpix-status';
import type {
  MediaInfo,
  Operation,
  PollSchedule,
  Provider,
  ProviderContext,
  RemoteStatus,
  SubmitRequest,
  Submitted,
} from './types';
import { t } from '../i18n';

/**
 * TensorPix video enhancer (https://docs.tensorpix.ai/api-reference/jobs/enhance-a-video-from-url).
 * The provider downloads the page's video URL itself (`POST /api/jobs/from-url/`); models are integer
 * ids picked at runtime from `GET /api/ml-models/` (never hard-coded); the result is `output_video.file`,
 * a presigned link that expires, so it is read again just before use (`freshResult`). TensorPix
 * documents no cancel endpoint: there is no `cancel`.
 */

/**
 * DECISION (a gap in TensorPix's docs; also in the README's decisions): the public pages do not show the
 * from-url request body, so the video URL goes in the field `url`. This one constant is the one-line
 * change once `https://backend.tensorpix.ai/api/schema/` confirms the live name.
 */
export const TENSORPIX_URL_FIELD = 'url';

export const FROM_URL_PATH = 'api/jobs/from-url/';

/** Job options that TensorPix silently ignores unless their model is in `ml_models`, as its docs say. */
const OPTION_TASK: Record<string, number> = {
  fps_interpolation_factor: 10,
  playback_speed: 11,
  stabilization_smoothing: 13,
  sharpen_strength: 4,
};

/** `Operation.payload` for TensorPix: the model task (Job docs enum), its upscale factor, job fields. */
export interface TensorpixPayload {
  task: number;
  upscaleFactor?: number;
  options?: Record<string, string | number | boolean>;
}

const payloadSchema = z.object({
  task: z.number().int().positive(),
  upscaleFactor: z.number().positive().optional(),
  options: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
});

const op = (
  id: string,
  label: string,
  group: Operation['group'],
  payload: TensorpixPayload,
  hint: string,
): Operation => ({ id, label, group, media: 'video', scale: payload.upscaleFactor ?? 1, hint, payload });

export const TENSORPIX_OPERATIONS = [
  // `output_resolution: -1` is "No Resize": the video keeps the size the model makes.
  op(
    'upscale-2x',
    'Upscale 2×',
    'Upscale',
    { task: 1, upscaleFactor: 2, options: { output_resolution: -1 } },
    'Sharper video at twice the size',
  ),
  op(
    'upscale-4x',
    'Upscale 4×',
    'Upscale',
    { task: 1, upscaleFactor: 4, options: { output_resolution: -1 } },
    'Small videos (4× models take limited input sizes)',
  ),
  op('denoise', 'Denoise', 'Denoise', { task: 3 }, 'Removes grain and noise'),
  op('face-enhance', 'Face enhance', 'Faces', { task: 12 }, 'Restores faces in the video'),
  op(
    'fps-2x',
    'Frame rate ×2',
    'Motion',
    { task: 10, options: { fps_interpolation_factor: 2 } },
    'Smoother motion with AI-made frames in between',
  ),
  op(
    'slow-motion',
    'Slow motion 0.5×',
    'Motion',
    { task: 11, options: { playback_speed: 0.5 } },
    'Half speed with AI-made frames in between',
  ),
  op('stabilise', 'Stabilise', 'Motion', { task: 13 }, 'Steadies shaky footage (may zoom in a little)'),
  op('deinterlace', 'Deinterlace', 'Restore', { task: 9 }, 'Removes the comb lines of old TV footage'),
  op('low-light', 'Low light', 'Restore', { task: 15 }, 'Brightens dark footage'),
  op('film-restore', 'Film restore', 'Restore', { task: 2 }, 'Repairs scratches and film damage'),
] as const satisfies readonly Operation[];

function readPayload(operation: Operation): TensorpixPayload {
  const parsed = payloadSchema.safeParse(operation.payload);
  if (!parsed.success) {
    throw new ProviderError({
      kind: 'unsupported_model',
      retryable: false,
      message: t('tp_no_operation', operation.label),
    });
  }
  return parsed.data;
}

function pixelsOf(media: MediaInfo): number | null {
  const { width, height } = media;
  return width && height && width > 0 && height > 0 ? width * height : null;
}

/** 921600 → "1280×720" when the pixel count is a 16:9 size, else megapixels. */
export function describePixels(pixels: number): string {
  const width = Math.round(Math.sqrt((pixels * 16) / 9));
  const height = (width * 9) / 16;
  if (Number.isInteger(height) && width * height === pixels) return `${width}×${height}`;
  return `${(pixels / 1e6).toFixed(1)} megapixels`;
}

/** The model list, with "could not reach" reworded: nothing was submitted, so trying again is safe. */
async function models(ctx: ProviderContext, fresh = false): Promise<ModelList> {
  try {
    return await tensorpixModels(ctx, { fresh });
  } catch (error) {
    if (!(error instanceof ProviderError) || error.kind !== 'network') throw error;
    // A `network` error at submit means "outcome unknown" to the job engine; here no job was sent.
    throw new ProviderError({
      kind: 'provider_failure',
      retryable: true,
      message: t('tp_models_failed', error.message),
    });
  }
}

function chosen(pick: ModelPick, request: SubmitRequest, payload: TensorpixPayload): TensorpixModel {
  if (pick.ok) return pick.model;
  const what = payload.upscaleFactor ? `${payload.upscaleFactor}×` : request.operation.label;
  if (pick.reason === 'too_large') {
    const { width, height } = request.media;
    throw new ProviderError({
      kind: 'limit_exceeded',
      retryable: false,
      message: t('tp_too_large', [width ?? '?', height ?? '?', what, describePixels(pick.maxResolution)]),
    });
  }
  throw new ProviderError({
    kind: 'unsupported_model',
    retryable: false,
    message: t('tp_no_model', request.operation.label),
  });
}

async function pick(request: SubmitRequest, payload: TensorpixPayload, ctx: ProviderContext, fresh = false) {
  let list = await models(ctx, fresh);
  let found = pickModel(list.models, payload, pixelsOf(request.media));
  // A day-old list may miss a model TensorPix added since: ask once more before giving up.
  if (!found.ok && found.reason === 'none' && list.cached) {
    list = await models(ctx, true);
    found = pickModel(list.models, payload, pixelsOf(request.media));
  }
  return { model: chosen(found, request, payload), cached: list.cached };
}

export function jobBody(
  request: SubmitRequest,
  payload: TensorpixPayload,
  model: TensorpixModel,
  ctx: ProviderContext,
): Record<string, unknown> {
  const options = Object.entries(payload.options ?? {}).filter(
    ([name]) => OPTION_TASK[name] === undefined || OPTION_TASK[name] === model.task,
  );
  return {
    ...Object.fromEntries(options),
    [TENSORPIX_URL_FIELD]: request.media.url,
    ml_models: [model.id],
    preview: ctx.settings.tensorpixPreview,
  };
}

async function postJob(
  request: SubmitRequest,
  payload: TensorpixPayload,
  model: TensorpixModel,
  ctx: ProviderContext,
): Promise<Submitted> {
  const job = await tensorpixRequest('post', FROM_URL_PATH, jobSchema, ctx, {
    json: jobBody(request, payload, model, ctx),
    // A 2xx we cannot read most likely created a job: sending it again could charge twice.
    unreadable: (detail) =>
      new ProviderError({
        kind: 'unknown_outcome',
        retryable: false,
        message: t('tp_unreadable', detail),
      }),
  });
  const cost = jobCost(job);
  return {
    providerJobId: job.id,
    model: model.name,
    // The 201 body is the Job object: its status is the first poll (output_video is still null).
    status: mapTensorpixJob(job, null),
    ...(cost ? { cost } : {}),
  };
}

/**
 * Picks the model, refuses a video larger than the model's `max_resolution` before any job request,
 * then posts the job. The resolution check needs the model list, which is why it is here and not in
 * `precheck`.
 */
async function submit(request: SubmitRequest, ctx: ProviderContext): Promise<Submitted> {
  const payload = readPayload(request.operation);
  const first = await pick(request, payload, ctx);
  try {
    return await postJob(request, payload, first.model, ctx);
  } catch (error) {
    // A model id TensorPix no longer knows (400 on `ml_models`) created no job, so one more POST with a
    // freshly fetched list cannot charge twice.
    const staleModel =
      first.cached &&
      error instanceof ProviderError &&
      error.httpStatus === 400 &&
      error.code === 'ml_models';
    if (!staleModel) throw error;
    const again = await pick(request, payload, ctx, true);
    return postJob(request, payload, again.model, ctx);
  }
}

// Videos take long. Jobs can sit "In Queue" for minutes while GPUs spin up (the docs say so) and a long
// 4× job runs for an hour or more, so the budget is 3 hours and 400 polls (at most every 30 s), not the
// 15 minutes that suit images.
const POLL_SCHEDULE: PollSchedule = {
  firstMs: 5_000,
  factor: 1.5,
  maxMs: 30_000,
  maxPolls: 400,
  maxAgeMs: 3 * 60 * 60_000,
};

/**
 * 5 s while queued, then a quarter of the ETA (which swings a lot), kept between 5 and 30 s; the curve
 * when no ETA.
 */
export function tensorpixNextPollMs(status: RemoteStatus, polls: number): number {
  const { firstMs, factor, maxMs } = POLL_SCHEDULE;
  if (status.state === 'queued') return firstMs;
  if (status.etaSeconds !== null && Number.isFinite(status.etaSeconds)) {
    return Math.round(Math.min(maxMs, Math.max(firstMs, (status.etaSeconds * 1000) / 4)));
  }
  return Math.min(firstMs * factor ** Math.max(0, polls), maxMs);
}

export const tensorpix = {
  id: 'tensorpix',
  name: TENSORPIX_NAME,
  credential: 'tensorpix',
  operations: TENSORPIX_OPERATIONS,
  input: 'url',
  resultAccess: 'public',
  measuredProgress: true,
  pollSchedule: POLL_SCHEDULE,
  nextPollMs: tensorpixNextPollMs,
  // Nothing to check without the model list: the max_resolution check runs in submit, before the POST.
  precheck: (_request: SubmitRequest): string | null => null,
  submit,
  status: async (jobId, ctx) => (await readTensorpixJob(jobId, ctx)).status,
  // Presigned links expire: a new GET for every use, never a stored link.
  freshResult: async (jobId, ctx) => (await readTensorpixJob(jobId, ctx)).status.resultUrl,
  async testKey(ctx) {
    await tensorpixRequest('get', `${MODELS_PATH}?limit=1`, z.unknown(), ctx);
  },
} satisfies Provider;
