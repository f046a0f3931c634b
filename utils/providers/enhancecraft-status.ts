import { z } from 'zod';
import { ProviderError } from '../errors';
import { ENHANCECRAFT, ENHANCECRAFT_BASE_URL } from './enhancecraft-api';
import { quote } from './enhancecraft-errors';
import { malformed } from './http';
import type { RemoteStatus } from './types';
import { t } from '../i18n';

/**
 * DECISION (a gap in EnhanceCraft's docs; also in the README's decisions). The docs
 * show `output_url` as a storage key ("outputs/…") and document no download route. Until the live
 * schema is confirmed: an absolute http(s) URL is used as it is; anything else is a storage key,
 * resolved against the API base URL (`new URL(key, base)`) and downloaded with the same Bearer header
 * (`download` → downloadResult). This function is the one place to change once the route is known.
 */
export function resolveOutputUrl(value: string): string {
  const output = value.trim();
  const absolute = /^https?:\/\//i.test(output);
  let resolved: URL;
  try {
    resolved = absolute ? new URL(output) : new URL(output, ENHANCECRAFT_BASE_URL);
  } catch {
    // e.g. "http://[": a TypeError must not escape the adapter
    throw malformed(ENHANCECRAFT, 'output_url is not a valid address');
  }
  if (absolute) return resolved.href;
  // A "key" such as `//elsewhere.example/x` or `data:…` would leave the API host: not a storage key.
  if (resolved.origin !== new URL(ENHANCECRAFT_BASE_URL).origin) {
    throw malformed(ENHANCECRAFT, 'output_url is neither a storage key nor an http(s) address');
  }
  return resolved.href;
}

const id = z.union([z.string().trim().min(1), z.number()]).transform(String);
const fields = {
  id: id.optional().catch(undefined),
  job_id: id.optional().catch(undefined),
  status: z.string().optional().catch(undefined),
  output_url: z.string().nullish().catch(undefined),
  error_message: z.string().nullish().catch(undefined),
  credits_used: z.number().nonnegative().optional().catch(undefined),
};
const jobSchema = z.looseObject({ ...fields, data: z.looseObject(fields).optional().catch(undefined) });

/**
 * A job object read tolerantly: top-level fields first, then `data.*`. Only the create-job answer's `id`
 * is documented, so `id` and `job_id` are accepted, at the top level or under `data`.
 */
export interface JobView {
  id?: string;
  status?: string;
  outputUrl?: string;
  errorMessage?: string;
  /** Not documented; read only if an answer ever carries it. */
  creditsUsed?: number;
}

export function readJob(json: unknown): JobView {
  const parsed = jobSchema.safeParse(json);
  if (!parsed.success) return {};
  const top = parsed.data;
  const data = top.data ?? {};
  return {
    id: top.id ?? top.job_id ?? data.id ?? data.job_id,
    status: top.status ?? data.status,
    outputUrl: (top.output_url ?? data.output_url)?.trim() || undefined,
    errorMessage: (top.error_message ?? data.error_message)?.trim() || undefined,
    creditsUsed: top.credits_used ?? data.credits_used,
  };
}

/**
 * queued / processing / completed (`output_url` set) / failed (`error_message`); an unknown status is
 * "still working" until the job's age limit.
 */
export function mapJob(job: JobView, key?: string): RemoteStatus {
  const rawStatus = job.status ?? '';
  const base = { rawStatus, etaSeconds: null, progress: null } as const;
  switch (rawStatus.trim().toLowerCase()) {
    case 'queued':
      return { ...base, state: 'queued' };
    case 'completed':
      // Done but no result yet: the engine gives it a few more polls.
      if (!job.outputUrl) return { ...base, state: 'processing', incomplete: true };
      return { ...base, state: 'completed', progress: 1, resultUrl: resolveOutputUrl(job.outputUrl) };
    case 'failed': {
      const said = quote(job.errorMessage, key);
      const error = new ProviderError({
        kind: 'provider_failure',
        retryable: true,
        code: 'failed',
        message: t('ec_not_finished', said),
      });
      return { ...base, state: 'failed', error };
    }
    // Not documented, but a canceled job will never finish: stop polling it.
    case 'canceled':
    case 'cancelled':
      return { ...base, state: 'canceled' };
    default:
      return { ...base, state: 'processing' };
  }
}
