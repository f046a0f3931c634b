import type { Reply } from '../core/http';

/**
 * EnhanceCraft documents no error bodies. The docs link a Swagger UI, so the service is read as a
 * FastAPI app: plain errors are `{"detail":"…"}`, validation errors are 422
 * `{"detail":[{type, loc, msg, input}]}` in Pydantic v2's wording. Both are assumptions.
 */
export type Loc = (string | number)[];

export interface FieldError {
  type: string;
  loc: Loc;
  msg: string;
  input: unknown;
}

export const detail = (status: number, message: string): Reply => ({ status, body: { detail: message } });

export const unprocessable = (errors: FieldError[]): Reply => ({ status: 422, body: { detail: errors } });

/** Starlette's reason phrases, for the default body of an injected fault. */
const REASONS: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  402: 'Payment Required',
  403: 'Forbidden',
  404: 'Not Found',
  408: 'Request Timeout',
  409: 'Conflict',
  413: 'Request Entity Too Large',
  422: 'Unprocessable Entity',
  429: 'Rate limit exceeded',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/** True for statuses a proxy in front of the app sends (no app headers, an HTML page). */
export const isGatewayStatus = (status: number) => status >= 502 && status <= 504;

/** The body an injected fault sends when the test gave none. */
export function defaultFaultBody(status: number): unknown {
  if (isGatewayStatus(status)) return `<html><body><h1>${status} Gateway Error</h1></body></html>`;
  if (status < 400) return {};
  return { detail: REASONS[status] ?? 'Internal Server Error' };
}

/** Pydantic's list wording: "'a', 'b' or 'c'", "2, 4 or 8". */
export function expected(values: readonly (string | number)[]): string {
  const shown = values.map((v) => (typeof v === 'string' ? `'${v}'` : String(v)));
  return shown.length === 1 ? shown[0]! : `${shown.slice(0, -1).join(', ')} or ${shown.at(-1)!}`;
}
