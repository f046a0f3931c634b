import { z } from 'zod';
import { ProviderError } from '../errors';
import { looseNumber, looseString, tensorpixRequest, type TensorpixCall } from './tensorpix-api';
import type { Cost, RemoteState, RemoteStatus } from './types';
import { t } from '../i18n';

/**
 * The TensorPix Job object (https://docs.tensorpix.ai/api-reference/jobs/get-job-details) read
 * tolerantly: extra fields are kept, nulls and odd types become null, `status` may be an int (job
 * detail) or a string (job history), and `output_video` may be an object (the docs) or a bare id (a
 * third-party client reads it so).
 */
export const jobSchema = z.looseObject({
  id: z.union([z.number().int(), z.string().trim().min(1)]).transform(String),
  status: z.unknown().optional(),
  processing_progress: looseNumber,
  eta_s: looseNumber,
  cost_usd: looseNumber,
  output_video: z.unknown().optional(),
  /** The name one third-party client reads instead of `output_video`. */
  restored_video: z.unknown().optional(),
});
export type TensorpixJob = z.infer<typeof jobSchema>;

const previewSchema = z
  .looseObject({ before_video: looseString, after_video: looseString })
  .nullish()
  .catch(null);
export const videoSchema = z.looseObject({ file: looseString, preview_videos: previewSchema });
export type TensorpixVideo = z.infer<typeof videoSchema>;

type Phase = 'queued' | 'processing' | 'finished' | 'failed' | 'canceled';

/** Ints from `/api/jobs/{id}/`, strings from `/api/jobs/history/{id}/` and the docs' prose. */
const PHASES: Record<string, Phase> = {
  '0': 'queued',
  IN_QUEUE: 'queued',
  QUEUED: 'queued',
  '1': 'processing',
  PROCESSING: 'processing',
  '2': 'finished',
  FINISHED: 'finished',
  '-1': 'failed',
  FAILED: 'failed',
  '-2': 'canceled',
  CANCELED: 'canceled',
  CANCELLED: 'canceled',
};

function phaseOf(status: unknown): Phase | undefined {
  // "In Queue" → IN_QUEUE; a leading minus ("-1") is kept: only the gaps between words change.
  const key =
    typeof status === 'number'
      ? String(status)
      : typeof status === 'string'
        ? status
            .trim()
            .toUpperCase()
            .replace(/(?<=\w)[\s-]+(?=\w)/g, '_')
        : '';
  return PHASES[key];
}

const clamp = (value: number, min: number, max: number) => Math.min(max, Math.max(min, value));

/** `cost_usd` is documented as "cost in Credits", despite its name: shown as an opaque decimal. */
export function jobCost(job: TensorpixJob): Cost | undefined {
  return job.cost_usd !== null && job.cost_usd >= 0 ? { unit: 'credits', amount: job.cost_usd } : undefined;
}

type Output = { video: TensorpixVideo } | { ref: number } | null;

/** `output_video` (or `restored_video`): an object, a bare id to resolve, or nothing yet. */
export function outputOf(job: TensorpixJob): Output {
  for (const value of [job.output_video, job.restored_video]) {
    if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return { ref: value };
    if (typeof value === 'string' && /^\d{1,15}$/.test(value.trim())) return { ref: Number(value) };
    if (value && typeof value === 'object') {
      const video = videoSchema.safeParse(value);
      if (video.success) return { video: video.data };
    }
  }
  return null;
}

/** A bare `output_video` id is read through `GET /api/restored-videos/{id}/` (a third-party client's way). */
export async function resolveOutput(job: TensorpixJob, call: TensorpixCall): Promise<TensorpixVideo | null> {
  const output = outputOf(job);
  if (!output) return null;
  if ('video' in output) return output.video;
  try {
    return await tensorpixRequest('get', `api/restored-videos/${output.ref}/`, videoSchema, call, {
      notFound: t('tp_video_gone'),
    });
  } catch (error) {
    // Finished but the video record is not there yet: "done without a result", a few more polls.
    if (error instanceof ProviderError && error.kind === 'not_found') return null;
    throw error;
  }
}

export function mapTensorpixJob(job: TensorpixJob, video: TensorpixVideo | null): RemoteStatus {
  const phase = phaseOf(job.status);
  const rawStatus = typeof job.status === 'string' ? job.status : String(job.status ?? 'unknown');
  const progress = job.processing_progress === null ? null : clamp(job.processing_progress, 0, 1);
  const etaSeconds = job.eta_s === null || job.eta_s < 0 ? null : job.eta_s;
  const cost = jobCost(job);
  const base = { rawStatus, progress, etaSeconds, ...(cost ? { cost } : {}) };
  const before = video?.preview_videos?.before_video;
  const after = video?.preview_videos?.after_video;
  const previewUrls =
    before || after ? { previewUrls: { ...(before ? { before } : {}), ...(after ? { after } : {}) } } : {};

  if (phase === 'finished') {
    const resultUrl = video?.file ?? undefined;
    if (!resultUrl) {
      return { ...base, state: 'processing', progress: 0.99, etaSeconds: null, incomplete: true };
    }
    return { ...base, state: 'completed', progress: 1, etaSeconds: null, resultUrl, ...previewUrls };
  }
  if (phase === 'failed') {
    const error = new ProviderError({
      kind: 'provider_failure',
      retryable: true,
      code: rawStatus,
      message: t('tp_failed'),
    });
    return { ...base, state: 'failed', etaSeconds: null, error };
  }
  if (phase === 'canceled') return { ...base, state: 'canceled', etaSeconds: null };
  // Unknown values are "still working" until the job's age limit: a new status must not fail a job.
  const state: RemoteState = phase === 'queued' ? 'queued' : 'processing';
  return { ...base, state };
}

/** `GET /api/jobs/{id}/`, the output video resolved when the job is finished. */
export async function readTensorpixJob(jobId: string, call: TensorpixCall) {
  if (!/^[\w-]{1,64}$/.test(jobId)) {
    throw new ProviderError({
      kind: 'not_found',
      retryable: false,
      message: t('tp_bad_job_id'),
    });
  }
  const job = await tensorpixRequest('get', `api/jobs/${jobId}/`, jobSchema, call, {
    notFound: t('tp_job_gone'),
  });
  // `output_video` stays null until the job is finished; only then is a bare id worth a request.
  const video = phaseOf(job.status) === 'finished' ? await resolveOutput(job, call) : null;
  return { job, video, status: mapTensorpixJob(job, video) };
}
