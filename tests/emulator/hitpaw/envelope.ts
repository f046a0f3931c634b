import type { Reply } from '../core/http';

/**
 * HitPaw's error codes with the messages of its docs' "Error Codes" table. The HTTP status is encoded
 * in the code itself (1x0 SSS xxx → SSS), which is how every row of that table reads.
 */
export const ERRORS = {
  100400000: 'No access',
  100400001: 'Invalid URL',
  100400002: 'Bad Request',
  100401000: 'Token is expired',
  100403000: 'Invalid request parameters',
  100403001: 'Access denied',
  100403002: "You don't have permission to access this resource",
  100429000: 'Too many requests, please try again later',
  100500000: 'Internal error',
  100500001: 'Database error',
  100500002: 'Cache error',
  100500003: 'Failed to create file',
  100500004: 'Signature verification failed',
  100500005: 'Configuration error',
  100500006: 'Unknown error',
  100500007: 'Operation timeout',
  110400000: 'api_key is not valid',
  110400002: 'The task does not exist',
  110400003: 'The task failed, please try again',
  110400005: 'The model is not supported, please try again',
  110400007: 'The extension is not valid',
  110400008: 'The video URL is not valid',
  110400009: 'The input resolution is over limit',
  110400010: 'The target resolution is over limit',
  110400011: 'The video duration is over limit',
  110402000: 'The coins are not enough',
  110402001: 'The coins are not enough',
  110402004: 'The Demo try times exceeded',
} as const;

export type ErrorCode = keyof typeof ERRORS;

export type { Reply } from '../core/http';

export interface EnvelopeStyle {
  messageKey: 'message' | 'msg';
  errorsAsHttp200: boolean;
}

export function httpStatusOf(code: number): number {
  return Math.floor(code / 1000) % 1000;
}

/** Success: HTTP 200 `{"code":200,"message":"OK","data":{…}}` (or `msg`, as HitPaw's Go client reads). */
export function ok(style: EnvelopeStyle, data: unknown): Reply {
  return { status: 200, body: { code: 200, [style.messageKey]: 'OK', data } };
}

/**
 * Error: the documented `{"error_code":N,"message":"…"}` with the table's HTTP status, or, in the
 * errorsAsHttp200 mode, HTTP 200 with `{"code":N,"message":"…","data":null}` — the shape HitPaw's own
 * client also treats as an error.
 */
export function fail(style: EnvelopeStyle, code: ErrorCode): Reply {
  const message = ERRORS[code];
  if (style.errorsAsHttp200) return { status: 200, body: { code, [style.messageKey]: message, data: null } };
  return { status: httpStatusOf(code), body: { error_code: code, [style.messageKey]: message } };
}

const DEFAULT_CODE_FOR_STATUS: Record<number, ErrorCode> = {
  400: 100400002,
  401: 100401000,
  402: 110402000,
  403: 100403001,
  429: 100429000,
  500: 100500000,
};

/** The body an injected fault sends when the test gave none. Gateways answer 502–504 in HTML. */
export function defaultFaultBody(style: EnvelopeStyle, status: number): unknown {
  if (status >= 502 && status <= 504) return `<html><body><h1>${status} Gateway Error</h1></body></html>`;
  if (status < 400) return { code: 200, [style.messageKey]: 'OK', data: {} };
  const code = DEFAULT_CODE_FOR_STATUS[status] ?? 100500006;
  return { error_code: code, [style.messageKey]: ERRORS[code] };
}
