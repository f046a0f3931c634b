import { z } from 'zod';
import { hitpawError } from './hitpaw-errors';
import { PROVIDER_HOSTS } from './hosts';
import { createClient, malformed, send, unreadableField, type RequestLimits } from './http';

/**
 * HitPaw transport: the Apikey header and a tolerant envelope reader, since HitPaw's docs, their
 * examples and its own Go client (github.com/HitPaw-Official/hitpaw-mcp-server) disagree:
 * `data.*` with a top-level fallback, `message` or `msg`, errors signalled by HTTP ≥ 400, by
 * `error_code`, or by an HTTP 200 whose `code` is not 200.
 */
const client = createClient(`https://${PROVIDER_HOSTS.hitpaw}`);

const envelopeSchema = z.looseObject({
  code: z.coerce.number().optional().catch(undefined),
  error_code: z.coerce.number().optional().catch(undefined),
  message: z.string().optional().catch(undefined),
  msg: z.string().optional().catch(undefined),
  data: z.unknown().optional(),
});

/**
 * The job endpoints answer success as `code` 200; the OSS endpoints as `code` 0
 * (https://developer.hitpaw.com/common/oss-presign-put-api).
 */
export async function hitpawPost<T>(
  path: string,
  body: Record<string, unknown>,
  schema: z.ZodType<T>,
  key: string,
  limits?: RequestLimits,
  successCode = 200,
): Promise<T> {
  const raw = await send(
    'HitPaw',
    (signal) => client.post(path, { json: body, headers: { Apikey: key }, signal }),
    limits,
  );
  const parsed = envelopeSchema.safeParse(raw.json);
  const envelope = parsed.success ? parsed.data : undefined;
  const code = envelope?.error_code ?? envelope?.code;
  const failed =
    raw.status >= 400 || envelope?.error_code !== undefined || (code !== undefined && code !== successCode);
  if (failed)
    throw hitpawError(
      code === successCode ? undefined : code,
      raw.status,
      envelope?.message ?? envelope?.msg,
      key,
    );
  if (!envelope) throw malformed('HitPaw', raw.text ? 'not JSON' : 'empty body');

  const payload = envelope.data && typeof envelope.data === 'object' ? envelope.data : envelope;
  const result = schema.safeParse(payload);
  if (!result.success) throw malformed('HitPaw', unreadableField(result.error));
  return result.data;
}

/** The answer of every HitPaw submit endpoint (photo, video, segmentation): `data.job_id`, `data.consume_coins`. */
export const submitAnswerSchema = z.object({
  job_id: z.union([z.string().min(1), z.number()]).transform(String),
  consume_coins: z.coerce.number().optional().catch(undefined),
});
