import { ProviderError } from '../errors';
import { downloadResult, ENHANCECRAFT, enhancecraftCall, uploadImage } from './enhancecraft-api';
import { POLL_RESERVE, takeBudget } from './enhancecraft-budget';
import { ENHANCECRAFT_OPERATIONS, withDrawnMask } from './enhancecraft-operations';
import { getBlob } from '../jobs/blobs';
import { pngDataUrl, readPngDataUrl } from '../mask/drawn-mask';
import { pipelineProblems } from '../pipeline/enhancecraft-pipeline';
import { mapJob, readJob, type JobView } from './enhancecraft-status';
import { malformed } from './http';
import { allFree, stepsSchema, type EnhanceCraftStep } from '../pipeline/enhancecraft-steps';
import type {
  Cost,
  MediaInfo,
  Operation,
  Provider,
  ProviderContext,
  RemoteStatus,
  SubmitRequest,
  Submitted,
} from './types';

/**
 * EnhanceCraft (it takes no image URL, only uploaded bytes): the extension uploads the image's bytes,
 * then creates a job from the returned storage key with the operation's step list, then polls it.
 * Results are storage keys fetched with the key (see resolveOutputUrl, the output_url decision).
 */
export { ENHANCECRAFT_OPERATIONS } from './enhancecraft-operations';
export {
  pipelineOperation,
  pipelineProblems,
  pipelineSchema,
  type Pipeline,
} from '../pipeline/enhancecraft-pipeline';
import { t } from '../i18n';
export { resolveOutputUrl } from './enhancecraft-status';

/** A job id that cannot exist: asking for it is authenticated and costs no credits. */
export const PROBE_JOB_ID = '00000000-0000-4000-8000-000000000000';

const invalid = (message: string) => new ProviderError({ kind: 'invalid_input', retryable: false, message });

/**
 * The mask the person drew for this job (kept beside its input), as the data URL the steps take. Its
 * size must be the image's: the mask marks pixels of the very image that is uploaded.
 */
async function drawnMaskOf(jobId: string | undefined, media: MediaInfo): Promise<string> {
  const blob = jobId ? await getBlob(jobId, 'drawn-mask') : undefined;
  if (!blob) throw invalid(t('ec_mask_gone'));
  const url = pngDataUrl(new Uint8Array(await blob.arrayBuffer()));
  const mask = readPngDataUrl(url);
  if (!mask) throw invalid(t('ec_mask_not_png'));
  const { width, height } = media;
  if (width && height && (mask.width !== width || mask.height !== height)) {
    throw invalid(t('ec_mask_size', [`${mask.width}×${mask.height}`, `${width}×${height}`]));
  }
  return url;
}

/** The operation's steps, checked again here: a pipeline comes from storage, not from this file. */
function stepsOf(operation: Operation, maskDataUrl?: string): EnhanceCraftStep[] {
  const payload = maskDataUrl ? withDrawnMask(operation.payload, maskDataUrl) : operation.payload;
  const parsed = stepsSchema.safeParse(payload);
  if (parsed.success) return parsed.data;
  const problems = pipelineProblems({
    id: 'check',
    name: operation.label || 'check',
    operations: operation.payload,
  });
  throw invalid(t('ec_cannot_send', problems.slice(0, 2).join(' ')));
}

function costOf(steps: readonly EnhanceCraftStep[], job: JobView): Cost | undefined {
  if (job.creditsUsed !== undefined) return { unit: 'credits', amount: job.creditsUsed };
  return allFree(steps) ? { unit: 'credits', amount: 0 } : undefined; // the docs: "free, no credits"
}

function firstStatus(job: JobView, key: string): RemoteStatus | undefined {
  if (!job.status) return undefined;
  try {
    return mapJob(job, key);
  } catch {
    return undefined; // the job exists: an odd first status must not turn the submit into an error
  }
}

async function submit({ operation, media, jobId }: SubmitRequest, ctx: ProviderContext): Promise<Submitted> {
  const steps = stepsOf(operation, operation.drawnMask ? await drawnMaskOf(jobId, media) : undefined);
  if (!(media.bytes instanceof Blob)) {
    throw invalid(t('ec_no_bytes'));
  }
  if (media.bytes.size === 0) throw invalid(t('ec_empty_image'));
  // The upload and its job call are taken from the budget together: an upload whose job call would be
  // held back would be wasted (and uploaded again on the retry).
  const ticket = await takeBudget(ctx, 2);
  let raw;
  try {
    const inputKey = await uploadImage(media.bytes, ctx, ticket);
    raw = await enhancecraftCall(ctx, {
      method: 'post',
      path: 'api/v1/jobs/api',
      context: 'create',
      reserve: 0,
      json: { input_key: inputKey, operations: steps },
      ticket,
    });
  } finally {
    await ticket.release();
  }
  const job = readJob(raw.json);
  if (!job.id) {
    // The job may exist and be charged: never let this be retried automatically.
    throw new ProviderError({
      kind: 'unknown_outcome',
      retryable: false,
      message: t('ec_no_job_id'),
    });
  }
  return { providerJobId: job.id, cost: costOf(steps, job), status: firstStatus(job, ctx.key) };
}

async function status(jobId: string, ctx: ProviderContext): Promise<RemoteStatus> {
  const raw = await enhancecraftCall(ctx, {
    method: 'get',
    path: `api/v1/jobs/api/${encodeURIComponent(jobId)}`,
    context: 'status',
    reserve: POLL_RESERVE,
  });
  const job = readJob(raw.json);
  if (!job.status) throw malformed(ENHANCECRAFT, raw.json === undefined ? 'not JSON' : 'no job status');
  return mapJob(job, ctx.key);
}

export const enhancecraft = {
  id: 'enhancecraft',
  name: ENHANCECRAFT,
  credential: 'enhancecraft',
  operations: ENHANCECRAFT_OPERATIONS,
  input: 'bytes',
  resultAccess: 'bearer',
  // 2 s (the docs' example waits 2 s) growing ×1.5 to 10 s; stop after 120 polls or 15 minutes.
  pollSchedule: { firstMs: 2_000, factor: 1.5, maxMs: 10_000, maxPolls: 120, maxAgeMs: 15 * 60_000 },
  // Upload size and format limits are not documented: the server's 400/413 says so.
  precheck: (_request: SubmitRequest): string | null => null,
  submit,
  status,
  download: downloadResult,
  async testKey(ctx) {
    try {
      await enhancecraftCall(ctx, {
        method: 'get',
        path: `api/v1/jobs/api/${PROBE_JOB_ID}`,
        context: 'status',
        reserve: 0,
      });
    } catch (error) {
      if (error instanceof ProviderError && error.kind === 'not_found') return;
      throw error;
    }
  },
} satisfies Provider;
