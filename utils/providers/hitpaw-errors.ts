import { ProviderError, type ErrorKind } from '../errors';
import { t, type MessageKey } from '../i18n';
import { withoutKey } from './http';

/**
 * HitPaw's documented error codes (https://developer.hitpaw.com/image/API-reference, "Error Codes") →
 * kind, retry policy and a sentence.
 */
interface CodeInfo {
  kind: ErrorKind;
  retryable: boolean;
  /** Read in the browser's language when the error is made (the job record keeps that sentence). */
  message: MessageKey;
  maxRetries?: number;
}

const CODES: Record<number, CodeInfo> = {
  100400000: { kind: 'auth', retryable: false, message: 'hitpaw_error_100400000' },
  100400001: {
    kind: 'invalid_input',
    retryable: false,
    message: 'hitpaw_error_100400001',
  },
  100400002: {
    kind: 'invalid_input',
    retryable: false,
    message: 'hitpaw_error_100400002',
  },
  100401000: { kind: 'auth', retryable: false, message: 'hitpaw_error_100401000' },
  100403000: {
    kind: 'invalid_input',
    retryable: false,
    message: 'hitpaw_error_100403000',
  },
  100403001: { kind: 'auth', retryable: false, message: 'hitpaw_error_100403001' },
  100403002: {
    kind: 'auth',
    retryable: false,
    message: 'hitpaw_error_100403002',
  },
  100429000: {
    kind: 'rate_limited',
    retryable: true,
    message: 'hitpaw_error_100429000',
  },
  100500000: {
    kind: 'provider_failure',
    retryable: true,
    message: 'hitpaw_error_100500000',
  },
  100500001: {
    kind: 'provider_failure',
    retryable: true,
    message: 'hitpaw_error_100500001',
  },
  100500002: { kind: 'provider_failure', retryable: true, message: 'hitpaw_error_100500002' },
  100500003: {
    kind: 'provider_failure',
    retryable: true,
    message: 'hitpaw_error_100500003',
  },
  100500004: {
    kind: 'provider_failure',
    retryable: true,
    maxRetries: 1,
    message: 'hitpaw_error_100500004',
  },
  100500005: {
    kind: 'provider_failure',
    retryable: true,
    maxRetries: 1,
    message: 'hitpaw_error_100500005',
  },
  100500006: {
    kind: 'provider_failure',
    retryable: true,
    message: 'hitpaw_error_100500006',
  },
  100500007: { kind: 'provider_failure', retryable: true, message: 'hitpaw_error_100500007' },
  110400000: { kind: 'auth', retryable: false, message: 'hitpaw_error_110400000' },
  110400002: {
    kind: 'not_found',
    retryable: false,
    message: 'hitpaw_error_110400002',
  },
  110400003: {
    kind: 'provider_failure',
    retryable: false,
    message: 'hitpaw_error_110400003',
  },
  110400005: { kind: 'unsupported_model', retryable: false, message: 'hitpaw_error_110400005' },
  110400007: { kind: 'invalid_input', retryable: false, message: 'hitpaw_error_110400007' },
  110400008: {
    kind: 'invalid_input',
    retryable: false,
    message: 'hitpaw_error_110400008',
  },
  110400009: {
    kind: 'limit_exceeded',
    retryable: false,
    message: 'hitpaw_error_110400009',
  },
  110400010: {
    kind: 'limit_exceeded',
    retryable: false,
    message: 'hitpaw_error_110400010',
  },
  110400011: {
    kind: 'limit_exceeded',
    retryable: false,
    message: 'hitpaw_error_110400011',
  },
  110402000: {
    kind: 'insufficient_credits',
    retryable: false,
    message: 'hitpaw_error_110402000',
  },
  110402004: {
    kind: 'insufficient_credits',
    retryable: false,
    message: 'hitpaw_error_110402004',
  },
};
CODES[110402001] = CODES[110402000]!;

/** Server text is shown inert and short: it is data from the network, not ours. */
function quote(serverMessage: string | undefined, key?: string): string {
  const text = withoutKey(serverMessage ?? '', key)
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 160);
  return text ? ` ${t('hitpaw_said', text)}` : '';
}

/** Fallback by HTTP status when the body carries no code we know. */
function byHttpStatus(status: number): CodeInfo {
  if (status === 401 || status === 403) return CODES[110400000]!;
  if (status === 402) return CODES[110402000]!;
  if (status === 429) return CODES[100429000]!;
  if (status >= 500) return CODES[100500000]!;
  return { kind: 'invalid_input', retryable: false, message: 'hitpaw_error_rejected' };
}

export function hitpawError(
  code: number | undefined,
  httpStatus: number,
  serverMessage?: string,
  key?: string,
) {
  const known = code !== undefined ? CODES[code] : undefined;
  const info = known ?? byHttpStatus(httpStatus);
  const message = known ? t(info.message) : `${t(info.message)}${quote(serverMessage, key)}`;
  return new ProviderError({
    kind: info.kind,
    retryable: info.retryable,
    maxRetries: info.maxRetries,
    message: code !== undefined ? t('error_with_code', [message, code]) : message,
    code,
    httpStatus,
  });
}

export const HITPAW_KNOWN_CODES = Object.keys(CODES).map(Number);
