import ky, { type KyInstance } from 'ky';
import { ProviderError } from '../errors';
import { readCapped } from '../read-capped';
import { t } from '../i18n';

/**
 * Transport shared by the provider clients. ky gives prefix URLs and JSON bodies; we turn its retries
 * OFF (a job submit must never be repeated blindly — the job engine decides, with persisted backoff)
 * and its timeout too: ky's covers the headers only, so each request gets one deadline of ours that
 * also bounds reading the body. Every body is read here, so a 4xx with an error envelope is data.
 */
export const REQUEST_TIMEOUT_MS = 20_000; // under the 25 s that keeps a fetch inside MV3's 30 s budget

/** What bounds one request: the caller's signal (a job step's budget) and the deadline (ms). */
export interface RequestLimits {
  signal?: AbortSignal;
  timeoutMs?: number;
}

export interface Deadline {
  /** Aborts when the caller gives up or the deadline passes; give it to fetch and to the body read. */
  signal: AbortSignal;
  /** The caller aborted: not a provider problem, so its error passes through unchanged. */
  callerAborted(): boolean;
}

export function deadline(limits: RequestLimits = {}): Deadline {
  const timer = AbortSignal.timeout(limits.timeoutMs ?? REQUEST_TIMEOUT_MS);
  const caller = limits.signal;
  return {
    signal: caller ? AbortSignal.any([caller, timer]) : timer,
    callerAborted: () => caller?.aborted === true,
  };
}

/** A failed fetch or body read: a stall or a cut-off answer is transient (`network`), the caller's abort is not ours. */
export function transportError(providerName: string, error: unknown, limit: Deadline): unknown {
  if (limit.callerAborted() || error instanceof ProviderError) return error;
  const timedOut = limit.signal.aborted;
  return new ProviderError({
    kind: 'network',
    retryable: true,
    message: timedOut ? t('http_timeout', providerName) : t('http_unreachable', providerName),
  });
}

/**
 * Calls that carry a key never follow a redirect: fetch would repeat the request, custom key headers
 * (`Apikey`) included, at whatever address the redirect names. `redirect: 'error'` would refuse too,
 * but as a bare TypeError indistinguishable from a dropped connection; with `'manual'` the redirect
 * comes back as an answer (opaque in the browser, a 3xx elsewhere) that `send` turns into a sentence.
 */
export function createClient(baseUrl: string): KyInstance {
  return ky.create({
    prefixUrl: baseUrl,
    timeout: false,
    retry: 0,
    throwHttpErrors: false,
    redirect: 'manual',
  });
}

export function isRedirect(response: Response): boolean {
  return response.type === 'opaqueredirect' || [301, 302, 303, 307, 308].includes(response.status);
}

export function redirectRefused(providerName: string): ProviderError {
  return new ProviderError({
    kind: 'provider_failure',
    retryable: true,
    maxRetries: 1,
    code: 'redirect',
    message: t('http_redirect_refused', providerName),
  });
}

export interface RawResponse {
  status: number;
  headers: Headers;
  /** Parsed JSON, or undefined when the body was empty, not JSON, or too large. */
  json: unknown;
  text: string;
}

const MAX_BODY_BYTES = 1024 * 1024; // a larger answer is a broken one, not something to read

/** Runs a request and reads its body under one deadline; network failures and stalls become `network` errors. */
export async function send(
  providerName: string,
  request: (signal: AbortSignal) => Promise<Response>,
  limits: RequestLimits = {},
): Promise<RawResponse> {
  const limit = deadline(limits);
  try {
    const response = await request(limit.signal);
    if (isRedirect(response)) throw redirectRefused(providerName);
    const body = await readCapped(response, MAX_BODY_BYTES, limit.signal);
    const { status, headers } = response;
    if (!body) {
      // An error status still says what happened; a success we cannot read is a transient failure.
      if (status >= 200 && status < 300) throw malformed(providerName, t('http_detail_over_1mb'));
      return { status, headers, json: undefined, text: '' };
    }
    const text = await body.text();
    let json: unknown;
    try {
      json = text.length > 0 ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    return { status, headers, json, text };
  } catch (error) {
    throw transportError(providerName, error, limit);
  }
}

/** A 2xx answer we could not understand: counted as a transient failure by the engine. */
export function malformed(providerName: string, detail: string): ProviderError {
  return new ProviderError({
    kind: 'provider_failure',
    retryable: true,
    message: t('http_unreadable', [providerName, detail]),
  });
}

/** Which field was unreadable, in words: zod's own messages read "expected string, received undefined". */
export function unreadableField(error: { issues: readonly { path: readonly PropertyKey[] }[] }): string {
  const field = error.issues[0]?.path.map(String).join('.');
  return field ? t('http_detail_field', field) : t('http_detail_shape');
}

/** Server text with the key blanked: some APIs echo a rejected key back in their error message. */
export function withoutKey(text: string, key: string | undefined): string {
  // Real keys are long; blanking a very short one would mangle ordinary words.
  return key && key.length >= 8 ? text.split(key).join('…') : text;
}
