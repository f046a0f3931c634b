import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ProviderError } from '@/utils/errors';
import { asImage, readCapped, readImageResult } from '@/utils/read-capped';

const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** A body served in chunks as they are asked for; `pulled` counts what left the "server". */
function served(chunks: Uint8Array[], options: { stallAfter?: number; headers?: HeadersInit } = {}) {
  const state = { pulled: 0, cancelled: false };
  let index = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (options.stallAfter !== undefined && index >= options.stallAfter) return new Promise(() => {});
      const chunk = chunks[index++];
      if (!chunk) return controller.close();
      state.pulled += chunk.byteLength;
      controller.enqueue(chunk);
    },
    cancel() {
      state.cancelled = true;
    },
  });
  return { response: new Response(body, { headers: options.headers }), state };
}

const never = () => new AbortController().signal;
const bytes = (n: number, fill = 7) => new Uint8Array(n).fill(fill);

describe('readCapped', () => {
  it('returns every byte of a body within the cap', async () => {
    const { response } = served([Uint8Array.from(PNG), bytes(100)]);
    const blob = await readCapped(response, 1000, never());
    expect(blob?.size).toBe(108);
  });

  it('refuses a declared Content-Length over the cap before reading a byte', async () => {
    const { response, state } = served([bytes(10)], { headers: { 'content-length': String(2 ** 31) } });
    expect(await readCapped(response, 40 * 1024 * 1024, never())).toBeUndefined();
    expect(state.pulled).toBeLessThanOrEqual(10); // at most what a stream pre-fetches, never the 2 GB
    expect(state.cancelled).toBe(true);
  });

  it('stops an unannounced body as soon as it passes the cap (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 1, max: 64 }), { minLength: 1, maxLength: 40 }),
        fc.integer({ min: 0, max: 600 }),
        async (sizes, cap) => {
          const { response, state } = served(sizes.map((n) => bytes(n)));
          const total = sizes.reduce((a, b) => a + b, 0);
          const blob = await readCapped(response, cap, never());
          if (total <= cap) expect(blob?.size).toBe(total);
          else {
            expect(blob).toBeUndefined();
            expect(state.pulled).toBeLessThanOrEqual(cap + 64 * 2); // the chunk that crossed, one queued
          }
        },
      ),
    );
  });

  it('a body that stalls half-way ends with the signal, not never', async () => {
    const { response, state } = served([bytes(5), bytes(5)], { stallAfter: 1 });
    const started = Date.now();
    const error = await readCapped(response, 1000, AbortSignal.timeout(100)).catch((e: unknown) => e);
    expect((error as DOMException).name).toBe('TimeoutError');
    expect(Date.now() - started).toBeLessThan(2000);
    expect(state.cancelled).toBe(true);
  });
});

describe('asImage and readImageResult', () => {
  it('types bytes by what they are, whatever the label', async () => {
    const image = await asImage(new Blob([Uint8Array.from(PNG)], { type: 'text/html' }));
    expect(image?.type).toBe('image/png');
    expect(await asImage(new Blob(['<!doctype html><p>Sign in</p>'], { type: 'image/png' }))).toBeUndefined();
    expect(await asImage(new Blob([]))).toBeUndefined();
  });

  const read = (response: Response, maxBytes = 1000) =>
    readImageResult(response, { maxBytes, signal: never(), from: 'HitPaw', what: 'result' }).catch(
      (e: unknown) => e as ProviderError,
    );

  it('an HTML page is a final "not an image" error', async () => {
    const error = await read(
      new Response('<html>Access denied</html>', { headers: { 'content-type': 'image/png' } }),
    );
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({ kind: 'provider_failure', retryable: false, code: 'not_image' });
    expect((error as ProviderError).message).toBe(
      'HitPaw sent something that is not an image as the result, so it was not used.',
    );
  });

  it('a result over the cap is a final limit error naming the cap', async () => {
    const huge = served([bytes(10)], { headers: { 'content-length': String(2 * 1024 ** 3) } }).response;
    const error = await read(huge, 40 * 1024 * 1024);
    expect(error).toMatchObject({ kind: 'limit_exceeded', retryable: false });
    expect((error as ProviderError).message).toBe(
      'The result from HitPaw is larger than 40 MB, more than the extension keeps.',
    );
    expect(await read(new Response(bytes(2000)), 1000)).toMatchObject({ kind: 'limit_exceeded' });
  });
});
