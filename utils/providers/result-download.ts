import { ProviderError } from '../errors';
import { inspectProviderUrl } from '../provider-url';
import { readImageResult } from '../read-capped';
import { deadline, transportError, type Deadline, type RequestLimits } from './http';
import { t } from '../i18n';

/**
 * Downloading a result (or mask) a provider named: the URL checked before the request, one deadline
 * for the headers and the body, the size capped as the bytes arrive, and the bytes sniffed.
 */

function refused(from: string, what: 'result' | 'mask', reason: string): ProviderError {
  const message = t(what === 'mask' ? 'link_refused_mask' : 'link_refused_result', [from, reason]);
  return new ProviderError({ kind: 'refused_url', retryable: false, message });
}

/**
 * Opens a provider's URL. With `headers` (a key) a redirect is never followed (the caller sees it);
 * without, redirects are followed and the FINAL address is checked before any body is read. Why not
 * check each hop: in an extension service worker `redirect: 'manual'` returns an opaque answer
 * without its Location, so the hops cannot be seen; following, then refusing the body of a final
 * address on this machine or its network, at least keeps anything from there out of the extension
 * (no credentials are sent to it: `credentials: 'omit'`).
 */
export async function openProviderUrl(
  url: string,
  options: { from: string; what: 'result' | 'mask'; signal: AbortSignal; headers?: Record<string, string> },
): Promise<Response> {
  const { from, what, signal, headers } = options;
  const checked = inspectProviderUrl(url);
  if (!checked.ok) throw refused(from, what, checked.reason);
  const response = await fetch(checked.url, {
    headers,
    credentials: 'omit',
    redirect: headers ? 'manual' : 'follow',
    signal,
  });
  if (!headers) {
    const final = inspectProviderUrl(response.url || checked.url);
    if (!final.ok) {
      await response.body?.cancel().catch(() => undefined);
      throw refused(from, what, final.redirected);
    }
  }
  return response;
}

/** An answer other than 2xx from a link that needs no key. */
export function linkError(from: string, status: number): ProviderError {
  if (status === 429 || status >= 500) {
    const kind = status === 429 ? 'rate_limited' : 'provider_failure';
    const message = t('dl_server_busy', [from, status]);
    return new ProviderError({ kind, retryable: true, message, httpStatus: status });
  }
  const message = t('dl_link_expired', [from, status]);
  return new ProviderError({ kind: 'not_found', retryable: false, message, httpStatus: status });
}

export interface ImageDownload {
  /** The provider's name, for messages. */
  from: string;
  what: 'result' | 'mask';
  maxBytes: number;
  limits?: RequestLimits;
}

/** A public result or mask as an image Blob typed by its bytes; errors say whether trying again can help. */
export async function downloadImage(url: string, options: ImageDownload): Promise<Blob> {
  const { from, what, maxBytes } = options;
  const limit: Deadline = deadline(options.limits);
  try {
    const response = await openProviderUrl(url, { from, what, signal: limit.signal });
    if (!response.ok) {
      await response.body?.cancel().catch(() => undefined);
      throw linkError(from, response.status);
    }
    return await readImageResult(response, { maxBytes, signal: limit.signal, from, what });
  } catch (error) {
    throw transportError(from, error, limit);
  }
}
