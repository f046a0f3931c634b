import { ProviderError, type ErrorKind } from '../errors';
import { withoutKey } from './http';

/**
 * HitPaw's documented error codes (https://developer.hitpaw.com/image/API-reference, "Error Codes") →
 * kind, retry policy and a sentence.
 */
interface CodeInfo {
  kind: ErrorKind;
  retryable: boolean;
  message: string;
  maxRetries?: number;
}

const KEY_HINT = 'Check your HitPaw API key in Options.';
const RETRYING = 'The extension will try again shortly.';

const CODES: Record<number, CodeInfo> = {
  100400000: { kind: 'auth', retryable: false, message: `HitPaw says this key has no access. ${KEY_HINT}` },
  100400001: {
    kind: 'invalid_input',
    retryable: false,
    message:
      "HitPaw could not use this image's address: it must be a public link HitPaw's servers can download.",
  },
  100400002: {
    kind: 'invalid_input',
    retryable: false,
    message: 'HitPaw rejected the request as malformed.',
  },
  100401000: { kind: 'auth', retryable: false, message: `Your HitPaw API key has expired. ${KEY_HINT}` },
  100403000: {
    kind: 'invalid_input',
    retryable: false,
    message: "HitPaw rejected the request's parameters.",
  },
  100403001: { kind: 'auth', retryable: false, message: `HitPaw denied access. ${KEY_HINT}` },
  100403002: {
    kind: 'auth',
    retryable: false,
    message: `Your HitPaw key has no permission for this feature. ${KEY_HINT}`,
  },
  100429000: {
    kind: 'rate_limited',
    retryable: true,
    message: `HitPaw is busy (too many requests). ${RETRYING}`,
  },
  100500000: {
    kind: 'provider_failure',
    retryable: true,
    message: `HitPaw had an internal error. ${RETRYING}`,
  },
  100500001: {
    kind: 'provider_failure',
    retryable: true,
    message: `HitPaw had a database error. ${RETRYING}`,
  },
  100500002: { kind: 'provider_failure', retryable: true, message: `HitPaw had a cache error. ${RETRYING}` },
  100500003: {
    kind: 'provider_failure',
    retryable: true,
    message: 'HitPaw failed to create the output file.',
  },
  100500004: {
    kind: 'provider_failure',
    retryable: true,
    maxRetries: 1,
    message: 'HitPaw could not verify the request signature.',
  },
  100500005: {
    kind: 'provider_failure',
    retryable: true,
    maxRetries: 1,
    message: 'HitPaw reported a configuration error on its side.',
  },
  100500006: {
    kind: 'provider_failure',
    retryable: true,
    message: `HitPaw had an unknown error. ${RETRYING}`,
  },
  100500007: { kind: 'provider_failure', retryable: true, message: `HitPaw timed out. ${RETRYING}` },
  110400000: { kind: 'auth', retryable: false, message: `HitPaw did not accept your API key. ${KEY_HINT}` },
  110400002: {
    kind: 'not_found',
    retryable: false,
    message: 'HitPaw no longer knows this job (jobs are kept for 8 days).',
  },
  110400003: {
    kind: 'provider_failure',
    retryable: false,
    message: 'HitPaw could not process this file. Retry submits it again, which costs coins again.',
  },
  110400005: { kind: 'unsupported_model', retryable: false, message: 'HitPaw does not support this model.' },
  110400007: { kind: 'invalid_input', retryable: false, message: 'HitPaw rejected the output format.' },
  110400008: {
    kind: 'invalid_input',
    retryable: false,
    message: "HitPaw could not use this video's address: it must be a public, direct link.",
  },
  110400009: {
    kind: 'limit_exceeded',
    retryable: false,
    message: 'This file is too large for HitPaw (input limit 67 megapixels).',
  },
  110400010: {
    kind: 'limit_exceeded',
    retryable: false,
    message: 'The result would be larger than HitPaw allows. Pick a smaller scale.',
  },
  110400011: {
    kind: 'limit_exceeded',
    retryable: false,
    message: 'This video is too long or too short for HitPaw (0.5 s to 1 hour).',
  },
  110402000: {
    kind: 'insufficient_credits',
    retryable: false,
    message:
      'Your HitPaw account is out of coins. Top up, then retry (new coins can take 1–3 minutes to appear).',
  },
  110402004: {
    kind: 'insufficient_credits',
    retryable: false,
    message: "HitPaw's demo tries are used up. Add a paid HitPaw key in Options.",
  },
};
CODES[110402001] = CODES[110402000]!;

/** Server text is shown inert and short: it is data from the network, not ours. */
function quote(serverMessage: string | undefined, key?: string): string {
  const text = withoutKey(serverMessage ?? '', key)
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 160);
  return text ? ` HitPaw said: “${text}”` : '';
}

/** Fallback by HTTP status when the body carries no code we know. */
function byHttpStatus(status: number): CodeInfo {
  if (status === 401 || status === 403) return CODES[110400000]!;
  if (status === 402) return CODES[110402000]!;
  if (status === 429) return CODES[100429000]!;
  if (status >= 500) return CODES[100500000]!;
  return { kind: 'invalid_input', retryable: false, message: 'HitPaw rejected the request.' };
}

export function hitpawError(
  code: number | undefined,
  httpStatus: number,
  serverMessage?: string,
  key?: string,
) {
  const known = code !== undefined ? CODES[code] : undefined;
  const info = known ?? byHttpStatus(httpStatus);
  const message = known ? info.message : `${info.message}${quote(serverMessage, key)}`;
  return new ProviderError({
    kind: info.kind,
    retryable: info.retryable,
    maxRetries: info.maxRetries,
    message: code !== undefined ? `${message} (code ${code})` : message,
    code,
    httpStatus,
  });
}

export const HITPAW_KNOWN_CODES = Object.keys(CODES).map(Number);
