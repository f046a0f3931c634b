import { z } from 'zod';
import { ProviderError } from '../errors';
import { PROVIDER_HOSTS } from './hosts';
import { createClient, malformed, send, unreadableField, type RawResponse, type RequestLimits } from './http';
import { t } from '../i18n';

/**
 * TensorPix transport (https://docs.tensorpix.ai/essentials/authentication): `Authorization: Token
 * <key>` on every call, Django REST Framework error bodies (`{"detail": "…"}` or field-keyed arrays)
 * turned into readable errors (tensorpixError). The key only ever goes to the TensorPix host and never
 * into a message.
 */
export const TENSORPIX_NAME = 'TensorPix';
export const TENSORPIX_BASE_URL = `https://${PROVIDER_HOSTS.tensorpix}`;

const client = createClient(TENSORPIX_BASE_URL);

export interface TensorpixCall extends RequestLimits {
  key: string;
  now?: () => number;
}

export interface RequestOptions {
  json?: Record<string, unknown>;
  /** The sentence for a 404 (what was not found). */
  notFound?: string;
  /** The error for a 2xx answer that cannot be read (default: a transient `malformed`). */
  unreadable?: (detail: string) => ProviderError;
}

/** Lenient readers for DRF fields that may be null, strings, or missing. */
export const looseNumber = z
  .unknown()
  .optional()
  .transform((value): number | null => {
    const n =
      typeof value === 'number' ? value : typeof value === 'string' && value.trim() ? Number(value) : NaN;
    return Number.isFinite(n) ? n : null;
  });
export const looseString = z
  .unknown()
  .optional()
  .transform((value): string | null => (typeof value === 'string' && value.trim() ? value.trim() : null));

export async function tensorpixRequest<T>(
  method: 'get' | 'post',
  path: string,
  schema: z.ZodType<T>,
  call: TensorpixCall,
  options: RequestOptions = {},
): Promise<T> {
  const headers = { Authorization: `Token ${call.key}` };
  const raw = await send(
    TENSORPIX_NAME,
    (signal) =>
      method === 'post'
        ? client.post(path, { json: options.json ?? {}, headers, signal })
        : client.get(path, { headers, signal }),
    call,
  );
  if (raw.status < 200 || raw.status >= 300) throw tensorpixError(raw, call, options.notFound);
  const unreadable = options.unreadable ?? ((detail: string) => malformed(TENSORPIX_NAME, detail));
  if (raw.json === undefined) throw unreadable(raw.text ? 'not JSON' : 'empty body');
  const result = schema.safeParse(raw.json);
  if (!result.success) throw unreadable(unreadableField(result.error));
  return result.data;
}

const KEY_HINT = t('err_key_hint', 'TensorPix');
const RETRYING = t('err_retrying_shortly');
const CREDITS = /storage|quota|credit/i;
const RESOLUTION = /resolution/i;
const VIDEO = /video|url|link|pars|download|fetch|youtube|vimeo|tiktok|instagram/i;
const MAX_RETRY_AFTER_MS = 60 * 60_000;

interface DrfMessage {
  text: string;
  /** The first field of a field-keyed error, e.g. `ml_models`. */
  field?: string;
}

function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (value && typeof value === 'object') return Object.values(value).flatMap(strings);
  if (typeof value === 'number') return [String(value)];
  return [];
}

/** `{"detail": …}`, `{"message"|"error": …}`, `{"non_field_errors": […]}`, or `{"<field>": ["…"]}`. */
export function drfMessage(json: unknown, text = ''): DrfMessage {
  if (typeof json === 'string' || Array.isArray(json)) return { text: strings(json).join(' ') };
  if (json && typeof json === 'object') {
    const body = json as Record<string, unknown>;
    for (const name of ['detail', 'message', 'error', 'non_field_errors']) {
      const found = strings(body[name]);
      if (found.length > 0) return { text: found.join(' ') };
    }
    const fields = Object.entries(body).filter(([, value]) => strings(value).length > 0);
    if (fields.length > 0) {
      return {
        text: fields.map(([name, value]) => `${name}: ${strings(value).join(' ')}`).join('; '),
        field: fields[0]![0],
      };
    }
    return { text: '' };
  }
  // Not JSON: an HTML error page says nothing a person can use, plain text might.
  return { text: /^\s*</.test(text) ? '' : text };
}

/** Server text is shown inert and short: it is data from the network, not ours; the key is blanked. */
function quoted(text: string, key: string): string {
  let clean = text.replace(/\s+/g, ' ').trim();
  // Real keys are long; blanking a very short one would mangle ordinary words.
  if (key.length >= 8) clean = clean.split(key).join('…');
  clean = clean.slice(0, 200);
  return clean ? `“${clean}”` : '';
}

/** `Retry-After` in seconds or as an HTTP date; DRF's "Expected available in N seconds." otherwise. */
export function retryAfterMs(raw: RawResponse, text: string, now: () => number): number | undefined {
  const header = raw.headers.get('retry-after')?.trim();
  let ms: number | undefined;
  if (header && /^\d+(\.\d+)?$/.test(header)) ms = Number(header) * 1000;
  else if (header && !Number.isNaN(Date.parse(header))) ms = Math.max(0, Date.parse(header) - now());
  else {
    const match = /available in (\d+(?:\.\d+)?) seconds?/i.exec(text);
    if (match) ms = Number(match[1]) * 1000;
  }
  return ms === undefined ? undefined : Math.min(Math.ceil(ms), MAX_RETRY_AFTER_MS);
}

/**
 * HTTP status → error kind: 401/403 the key; 429 rate limit; 5xx server; 404 not found; a 402, or a
 * 400 about storage or credits → credits (TensorPix documents quota refusals as plain 400s with a
 * message); a 400 about the video's size → limit; any other → invalid input.
 */
export function tensorpixError(raw: RawResponse, call: TensorpixCall, notFound?: string): ProviderError {
  const status = raw.status;
  const { text, field } = drfMessage(raw.json, raw.text);
  const said = quoted(text, call.key);
  const saidSuffix = said ? ` ${t('tp_said', said)}` : '';
  const base = { httpStatus: status, code: field };
  if (status === 401) {
    return new ProviderError({
      ...base,
      kind: 'auth',
      retryable: false,
      message: `${t('tp_key_refused')} ${KEY_HINT}${saidSuffix}`,
    });
  }
  if (status === 403) {
    return new ProviderError({
      ...base,
      kind: 'auth',
      retryable: false,
      message: `${t('tp_denied')} ${KEY_HINT}${saidSuffix}`,
    });
  }
  if (status === 429) {
    return new ProviderError({
      ...base,
      kind: 'rate_limited',
      retryable: true,
      retryAfterMs: retryAfterMs(raw, text, call.now ?? Date.now),
      message: `${t('tp_busy')} ${RETRYING}`,
    });
  }
  if (status >= 500) {
    return new ProviderError({
      ...base,
      kind: 'provider_failure',
      retryable: true,
      message: `${t('tp_server', status)} ${RETRYING}`,
    });
  }
  if (status === 404) {
    return new ProviderError({
      ...base,
      kind: 'not_found',
      retryable: false,
      message: notFound ?? t('tp_not_found', saidSuffix),
    });
  }
  if (status === 402 || CREDITS.test(text)) {
    return new ProviderError({
      ...base,
      kind: 'insufficient_credits',
      retryable: false,
      message: `${t('tp_credits')}${saidSuffix}`,
    });
  }
  // A whole-request refusal about size (not a field such as `output_resolution`) is a limit.
  if (!field && RESOLUTION.test(text)) {
    return new ProviderError({
      ...base,
      kind: 'limit_exceeded',
      retryable: false,
      message: t('tp_model_limit', saidSuffix),
    });
  }
  const video = VIDEO.test(text) && field !== 'ml_models';
  const readable = video
    ? said
      ? t('tp_video_unreadable_said', said)
      : t('tp_video_unreadable')
    : said
      ? t('tp_rejected_said', said)
      : t('tp_rejected', status);
  return new ProviderError({ ...base, kind: 'invalid_input', retryable: false, message: readable });
}
