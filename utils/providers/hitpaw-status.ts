import { z } from 'zod';
import { ProviderError } from '../errors';
import type { RemoteStatus } from './types';
import { hitpawPost } from './hitpaw-api';
import type { RequestLimits } from './http';
import { t } from '../i18n';

/**
 * POST /api/task-status, shared by every HitPaw job type. The docs list CONVERTING, COMPLETED and ERROR;
 * HitPaw's own Go client handles the full internal set, which is mapped below.
 */
const taskStatusSchema = z.object({
  status: z.string(),
  res_url: z.string().nullish(),
  mask_url: z.string().nullish(),
});

const QUEUED = new Set(['WAITING', 'PENDING']);
/** HitPaw gives no progress: these synthetic steps keep the bar honest about the phase. */
const PROGRESS: Record<string, number> = {
  WAITING: 0.05,
  PENDING: 0.05,
  INPUT_PREPARING: 0.15,
  CONVERTING: 0.5,
  CONVERT_COMPLETED: 0.9,
  OUTPUT_SAVING: 0.9,
  OUTPUT_SAVED: 0.9,
};
const RETRYABLE_FAILURES = new Set(['ERROR', 'ERROR_INTERRUPTION', 'TIMEOUT']);
const REJECTED = new Set(['REJECT', 'NSFW']);

export function mapHitpawStatus(data: z.infer<typeof taskStatusSchema>): RemoteStatus {
  const raw = data.status.trim().toUpperCase();
  const base = { rawStatus: data.status, etaSeconds: null } as const;
  if (raw === 'COMPLETED') {
    const resultUrl = data.res_url?.trim();
    if (!resultUrl) return { ...base, state: 'processing', progress: 0.95, incomplete: true };
    return {
      ...base,
      state: 'completed',
      progress: 1,
      resultUrl,
      maskUrl: data.mask_url?.trim() || undefined,
    };
  }
  if (RETRYABLE_FAILURES.has(raw)) {
    const error = new ProviderError({
      kind: 'provider_failure',
      retryable: true,
      code: raw,
      message: t('hp_not_finished', raw),
    });
    return { ...base, state: 'failed', progress: null, error };
  }
  if (REJECTED.has(raw)) {
    const error = new ProviderError({
      kind: 'content_rejected',
      retryable: false,
      code: raw,
      message: t('hp_content'),
    });
    return { ...base, state: 'failed', progress: null, error };
  }
  if (raw === 'CANCEL') return { ...base, state: 'canceled', progress: null };
  // Unknown values are "still working" until the job's age limit: a new status must not fail a job.
  return { ...base, state: QUEUED.has(raw) ? 'queued' : 'processing', progress: PROGRESS[raw] ?? null };
}

export async function hitpawTaskStatus(jobId: string, key: string, limits?: RequestLimits) {
  const data = await hitpawPost('api/task-status', { job_id: jobId }, taskStatusSchema, key, limits);
  return mapHitpawStatus(data);
}

/** A status query for a job that cannot exist: 110400002 proves the key works and costs nothing. */
export const PROBE_JOB_ID = '00000000-0000-4000-8000-000000000000';
