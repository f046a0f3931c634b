import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { send } from '@/utils/providers/http';
import { headers, hostileValue, httpStatus, textBody } from './arbitraries';
import { expectProviderError, settle } from './machine';

/**
 * The transport every adapter reads through: whatever comes back (any status, any headers, text that
 * is JSON, cut-off JSON or no JSON at all, a body that breaks off, a fetch that rejects with anything),
 * `send` gives the status, the text and its JSON exactly, or throws a readable ProviderError.
 */
const RUNS = 200;
const REDIRECTS = [301, 302, 303, 307, 308];

const body = fc.oneof(fc.json(), textBody(fc.jsonValue({ maxDepth: 2 })));
const contentLength = fc.option(fc.constantFrom('0', '5', '99999999', 'abc', '-1'), { nil: undefined });

function parsed(text: string): unknown {
  try {
    return text.length > 0 ? JSON.parse(text) : undefined;
  } catch {
    return undefined;
  }
}

describe('send, whatever answers', () => {
  it('gives the status, text and JSON exactly, or a readable ProviderError', async () => {
    const status = fc.oneof(httpStatus, fc.constantFrom(200, 201, ...REDIRECTS));
    await fc.assert(
      fc.asyncProperty(status, body, headers, contentLength, async (code, text, extra, length) => {
        const init = { status: code, headers: { ...extra, ...(length ? { 'content-length': length } : {}) } };
        const outcome = await settle(send('HitPaw', async () => new Response(text, init)));
        if (!outcome.ok) {
          const error = expectProviderError(outcome.error);
          const overCap = length === '99999999' && code >= 200 && code < 300;
          expect(REDIRECTS.includes(code) || overCap, error.message).toBe(true);
          return;
        }
        expect(REDIRECTS).not.toContain(code);
        expect(outcome.value.status).toBe(code);
        if (length === '99999999') return; // announced as too large: not read, whatever it says
        expect(outcome.value.text).toBe(text);
        expect(outcome.value.json).toEqual(parsed(text));
      }),
      { numRuns: RUNS },
    );
  });

  it('a body that breaks off, or a fetch that fails with anything, is a readable network error', async () => {
    const failure = fc.oneof(
      fc.constantFrom(new TypeError('fetch failed'), new DOMException('x', 'NetworkError')),
      hostileValue,
      fc.anything(),
    );
    await fc.assert(
      fc.asyncProperty(fc.boolean(), fc.string(), failure, async (midway, start, thrown) => {
        const request = midway
          ? async () =>
              new Response(
                new ReadableStream({
                  start(controller) {
                    controller.enqueue(new TextEncoder().encode(start));
                    controller.error(thrown);
                  },
                }),
                { status: 200 },
              )
          : async () => Promise.reject(thrown);
        const outcome = await settle(send('TensorPix', request));
        expect(outcome.ok).toBe(false);
        if (!outcome.ok) expect(expectProviderError(outcome.error).kind).toBe('network');
      }),
      { numRuns: RUNS },
    );
  });
});
