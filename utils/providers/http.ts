import ky, { TimeoutError, type KyInstance } from 'ky';
import { ProviderError } from '../errors';

/**
 * Transport shared by the provider clients. ky gives timeouts, prefix URLs and typed errors; we turn its
 * retries OFF (a job submit must never be repeated blindly — the job engine decides, with persisted
 * backoff) and read every body ourselves, so a 4xx with an error envelope is data, not an exception.
 */
export const REQUEST_TIMEOUT_MS = 20_000; // under the 25 s that keeps a fetch inside MV3's 30 s budget

export function createClient(baseUrl: string): KyInstance {
  return ky.create({ prefixUrl: baseUrl, timeout: REQUEST_TIMEOUT_MS, retry: 0, throwHttpErrors: false });
}

export interface RawResponse {
  status: number;
  headers: Headers;
  /** Parsed JSON, or undefined when the body was empty or not JSON. */
  json: unknown;
  text: string;
}

const MAX_BODY_CHARS = 1_000_000; // a huge body is a broken answer, not something to parse

/** Runs a request and reads its body; network failures and timeouts become `network` errors. */
export async function send(providerName: string, request: () => Promise<Response>): Promise<RawResponse> {
  let response: Response;
  try {
    response = await request();
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    const timedOut = error instanceof TimeoutError;
    throw new ProviderError({
      kind: 'network',
      retryable: true,
      message: timedOut
        ? `${providerName} did not answer in time. The extension will try again.`
        : `Could not reach ${providerName}. Check your connection; the extension will try again.`,
    });
  }
  const text = await response.text().catch(() => '');
  let json: unknown;
  if (text.length > 0 && text.length <= MAX_BODY_CHARS) {
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
  }
  return { status: response.status, headers: response.headers, json, text };
}

/** A 2xx answer we could not understand: counted as a transient failure by the engine. */
export function malformed(providerName: string, detail: string): ProviderError {
  return new ProviderError({
    kind: 'provider_failure',
    retryable: true,
    message: `${providerName} sent an answer the extension could not read (${detail}).`,
  });
}

/** Which field was unreadable, in words: zod's own messages read "expected string, received undefined". */
export function unreadableField(error: { issues: readonly { path: readonly PropertyKey[] }[] }): string {
  const field = error.issues[0]?.path.map(String).join('.');
  return field ? `${field} is missing or of an unexpected type` : 'unexpected shape';
}

/** Server text with the key blanked: some APIs echo a rejected key back in their error message. */
export function withoutKey(text: string, key: string | undefined): string {
  // Real keys are long; blanking a very short one would mangle ordinary words.
  return key && key.length >= 8 ? text.split(key).join('…') : text;
}
