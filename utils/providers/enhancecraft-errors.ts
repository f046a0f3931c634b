import { ProviderError, type ErrorKind } from '../errors';
import { waitFromHeaders } from './enhancecraft-budget';
import { withoutKey, type RawResponse } from './http';
import { t } from '../i18n';

/**
 * EnhanceCraft documents no error body or codes, so errors are mapped by HTTP status: 401/403 the key,
 * 402 credits, 404 not found, 429 rate limit, 5xx (and 408) a server failure, any other 4xx invalid
 * input. The server's own words are shown when there are some: FastAPI's `detail` as a string or as a
 * list of `{loc, msg}`, else `error` or `message`; always quoted, short and inert.
 */
export type CallContext = 'upload' | 'create' | 'status' | 'result';

const KEY_HINT = t('err_key_hint', 'EnhanceCraft');
const RETRYING = t('err_retrying');

const NOT_FOUND: Record<CallContext, string> = {
  upload: t('ec_not_found_upload'),
  create: t('ec_not_found_create'),
  status: t('ec_not_found_status'),
  result: t('ec_not_found_result'),
};

// eslint-disable-next-line no-control-regex -- control characters are exactly what is removed
const CONTROL = /[\u0000-\u001f\u007f]+/g;
const clean = (text: string) => text.replace(CONTROL, ' ').replace(/\s+/g, ' ').trim();

function locationOf(loc: unknown): string {
  if (!Array.isArray(loc)) return '';
  // FastAPI prefixes where the field was found (body/query/path); the field path is what helps.
  const parts = loc.filter((part, i) => !(i === 0 && ['body', 'query', 'path', 'header'].includes(part)));
  return parts.map(String).join('.');
}

function describe(value: unknown): string | undefined {
  if (typeof value === 'string') return clean(value) || undefined;
  if (Array.isArray(value)) {
    const items = value.map(describe).filter((item): item is string => Boolean(item));
    if (items.length === 0) return undefined;
    const more = items.length > 2 ? ` (and ${items.length - 2} more)` : '';
    return items.slice(0, 2).join('; ') + more;
  }
  if (value && typeof value === 'object') {
    const item = value as Record<string, unknown>;
    const text = describe(item.msg ?? item.message ?? item.detail);
    if (!text) return undefined;
    const where = locationOf(item.loc);
    return where ? `${where}: ${text}` : text;
  }
  return undefined;
}

/** The server's explanation, if the body carries one in a shape we know. */
export function serverDetail(json: unknown): string | undefined {
  if (!json || typeof json !== 'object' || Array.isArray(json)) return undefined;
  const body = json as Record<string, unknown>;
  return describe(body.detail) ?? describe(body.error) ?? describe(body.message);
}

/** Server text is data from the network: shown as a short quotation, never interpreted. */
export function quote(serverText: string | undefined, key?: string): string {
  const text = clean(withoutKey(serverText ?? '', key));
  if (!text) return '';
  const short = text.length > 200 ? `${text.slice(0, 199)}…` : text;
  return ` ${t('provider_said', ['EnhanceCraft', short])}`;
}

interface Mapped {
  kind: ErrorKind;
  retryable: boolean;
  message: string;
  maxRetries?: number;
}

function byStatus(status: number, context: CallContext, said: string): Mapped {
  if (status === 401) {
    return {
      kind: 'auth',
      retryable: false,
      message: `${t('ec_key_refused')}${said} ${KEY_HINT}`,
    };
  }
  if (status === 403) {
    const message = `${t('ec_plan')}${said} ${KEY_HINT}`;
    return { kind: 'auth', retryable: false, message };
  }
  if (status === 402) {
    const message = `${t('ec_credits')}${said}`;
    return { kind: 'insufficient_credits', retryable: false, message };
  }
  if (status === 404) {
    // A lost upload is fixed by one fresh submit (it uploads again); a lost job or result is not.
    const retry = context === 'create' ? { retryable: true, maxRetries: 1 } : { retryable: false };
    return { kind: 'not_found', ...retry, message: `${NOT_FOUND[context]}${said}` };
  }
  if (status === 413) {
    const message = `${t('ec_too_large')}${said}`;
    return { kind: 'invalid_input', retryable: false, message };
  }
  if (status === 429) {
    const message = t('ec_rate');
    return { kind: 'rate_limited', retryable: true, message };
  }
  if (status >= 500 || status === 408) {
    const message = `${t('ec_server', status)}${said} ${RETRYING}`;
    return { kind: 'provider_failure', retryable: true, message };
  }
  const rejected =
    context === 'create'
      ? 'ec_rejected_settings'
      : context === 'upload'
        ? 'ec_rejected_image'
        : 'ec_rejected_request';
  return { kind: 'invalid_input', retryable: false, message: t(rejected, said) };
}

/** An HTTP error answer → a ProviderError a person can act on. */
export function enhancecraftError(
  raw: RawResponse,
  context: CallContext,
  now: number,
  key?: string,
): ProviderError {
  const detail =
    serverDetail(raw.json) ?? (raw.json === undefined ? clean(raw.text.slice(0, 300)) : undefined);
  // An HTML error page says nothing a person can use.
  const said = detail && !/^<(!doctype|html)/i.test(detail) ? quote(detail, key) : '';
  const mapped = byStatus(raw.status, context, said);
  return new ProviderError({
    ...mapped,
    code: raw.status,
    httpStatus: raw.status,
    retryAfterMs: raw.status === 429 ? waitFromHeaders(raw.headers, now) : undefined,
  });
}
