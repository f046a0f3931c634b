import * as z from 'zod/mini';
import { t } from './i18n';

/**
 * The small error taxonomy that crosses contexts (worker → stored job → popup). Every error ends in a
 * sentence a person can act on; provider codes are kept beside it for support and logs.
 */
export const errorKinds = [
  'auth',
  'insufficient_credits',
  'rate_limited',
  'invalid_input',
  'unsupported_model',
  'limit_exceeded',
  'not_found',
  'content_rejected',
  'provider_failure',
  'network',
  'unknown_outcome',
  'refused_url',
  'storage_full', // the browser's storage for the extension (or the kept-results budget) has no room
] as const;
export type ErrorKind = (typeof errorKinds)[number];

// zod/mini: this schema is part of the stored job, which the popup checks before its first paint, where
// every kilobyte of code counts (classic zod weighs several times more).
export const jobErrorSchema = z.object({
  kind: z.enum(errorKinds),
  code: z.optional(z.union([z.string(), z.number()])),
  message: z.string(),
  retryable: z.boolean(),
});
export type JobError = z.infer<typeof jobErrorSchema>;

/** Thrown by provider adapters and the transport; `retryAfterMs` is a server hint when one exists. */
export class ProviderError extends Error {
  readonly kind: ErrorKind;
  readonly code?: string | number;
  readonly retryable: boolean;
  readonly retryAfterMs?: number;
  readonly httpStatus?: number;
  /** Fewer automatic retries than the engine's default, for errors worth only one more try. */
  readonly maxRetries?: number;

  constructor(init: {
    kind: ErrorKind;
    message: string;
    retryable: boolean;
    code?: string | number;
    retryAfterMs?: number;
    httpStatus?: number;
    maxRetries?: number;
  }) {
    super(init.message);
    this.name = 'ProviderError';
    this.kind = init.kind;
    this.code = init.code;
    this.retryable = init.retryable;
    this.retryAfterMs = init.retryAfterMs;
    this.httpStatus = init.httpStatus;
    this.maxRetries = init.maxRetries;
  }

  toJobError(): JobError {
    return { kind: this.kind, code: this.code, message: this.message, retryable: this.retryable };
  }
}

/** Anything thrown below the provider layer (a bug, a DOMException) becomes a readable job error. */
export function toJobError(error: unknown): JobError {
  if (error instanceof ProviderError) return error.toJobError();
  const detail = error instanceof Error ? error.message : String(error);
  return { kind: 'provider_failure', message: t('error_something_wrong', detail), retryable: true };
}
