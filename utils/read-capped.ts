import { ProviderError } from './errors';
import { sniffImageType } from './image-type';
import { t } from './i18n';

/**
 * Reading a response body as bytes without trusting the other side: a size cap enforced before (the
 * declared Content-Length) and while the bytes arrive, and a signal (the request's deadline) that
 * also ends a body which stalls half-way. `response.blob()` would do neither: it reads everything
 * into memory first and waits as long as the server likes.
 */

/** The body as a Blob, or undefined when it is (or announces itself) larger than `maxBytes`. */
export async function readCapped(
  response: Response,
  maxBytes: number,
  signal: AbortSignal,
): Promise<Blob | undefined> {
  const body = response.body;
  const declared = Number(response.headers.get('content-length') ?? NaN);
  if (Number.isFinite(declared) && declared > maxBytes) {
    await body?.cancel().catch(() => undefined);
    return undefined;
  }
  if (!body) return new Blob([]);
  const reader = body.getReader();
  // A read raced against the signal: the deadline holds even where aborting a fetch does not end its body.
  let onAbort = () => {};
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => reject(signal.reason);
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
  });
  aborted.catch(() => undefined);
  const chunks: Uint8Array<ArrayBuffer>[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await Promise.race([reader.read(), aborted]);
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) {
        await reader.cancel().catch(() => undefined);
        return undefined;
      }
      chunks.push(value as Uint8Array<ArrayBuffer>);
    }
  } catch (error) {
    void reader.cancel().catch(() => undefined);
    throw error;
  } finally {
    signal.removeEventListener('abort', onAbort);
  }
  return new Blob(chunks);
}

/** The bytes as an image Blob typed by what they are, or undefined: a Content-Type proves nothing. */
export async function asImage(blob: Blob): Promise<Blob | undefined> {
  const type = sniffImageType(new Uint8Array(await blob.slice(0, 16).arrayBuffer()));
  return type ? new Blob([blob], { type }) : undefined;
}

/**
 * A result body read under the deadline and checked: too large and not-an-image are final (the same
 * link gives the same bytes); a body cut off or stalled throws as it came, for the transport to map.
 */
export async function readImageResult(
  response: Response,
  options: { maxBytes: number; signal: AbortSignal; from: string; what: 'result' | 'mask' },
): Promise<Blob> {
  const { maxBytes, signal, from, what } = options;
  const blob = await readCapped(response, maxBytes, signal);
  if (!blob) {
    const mb = Math.round(maxBytes / 1024 / 1024);
    const message = t(what === 'mask' ? 'read_mask_too_large' : 'read_result_too_large', [from, mb]);
    throw new ProviderError({ kind: 'limit_exceeded', retryable: false, message });
  }
  const image = await asImage(blob);
  if (!image) {
    const message = t(what === 'mask' ? 'read_mask_not_image' : 'read_result_not_image', from);
    throw new ProviderError({ kind: 'provider_failure', retryable: false, code: 'not_image', message });
  }
  return image;
}
