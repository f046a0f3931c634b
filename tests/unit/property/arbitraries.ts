import fc from 'fast-check';
import type { Recorded } from '../helpers/fetch-stub';

/**
 * Arbitraries for what a provider might send: recorded answers with fields dropped, retyped or replaced
 * by hostile values, arbitrary JSON, and bodies that are not JSON at all (cut short, HTML, empty).
 */

/** Long enough that TensorPix blanks it; the same key is used by every property file. */
export const KEY = 'pk_live_9f8e7d6c5b4a3928170615';

/** Values that have broken parsers before: NaN-ish text, markup, unsafe links, control characters. */
const NASTY_STRINGS = [
  '',
  ' ',
  'NaN',
  'Infinity',
  '-Infinity',
  '-1',
  '1e309',
  '0x1F',
  'null',
  'undefined',
  'true',
  '[object Object]',
  '{}',
  '[]',
  '<html><body><h1>502 Bad Gateway</h1></body></html>',
  '<!DOCTYPE html><title>x</title>',
  'javascript:alert(1)',
  'data:text/html,<script>alert(1)</script>',
  'http://cdn.example.net/result.png',
  'https://user:[email protected]/result.png',
  '//elsewhere.example/x.png',
  'https://cdn.example.net/result.png',
  '\u0000\u001f\u007f',
  '\u202e\u200b',
  '  \n\t ',
  'COMPLETED',
  'completed',
  'FINISHED',
  'failed',
];

/** A server echoing the key back (an "invalid key …" message): it must never reach a message. */
const echoingKey = fc
  .tuple(fc.string({ maxLength: 20 }), fc.string({ maxLength: 20 }))
  .map(([before, after]) => `${before}${KEY}${after}`);

export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 3, arbitrary: fc.constantFrom(...NASTY_STRINGS) },
  { weight: 2, arbitrary: echoingKey },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', minLength: 250, maxLength: 1200 }) },
  { weight: 1, arbitrary: fc.json({ maxDepth: 2 }) },
);

export const hostileNumber: fc.Arbitrary<number> = fc.oneof(
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom(0, -0, -1, 1, 0.5, 1.5, 100, -100, 1e21, -1e21, Number.MAX_SAFE_INTEGER + 2, 1.7e308),
);

/** Any JSON value, leaning towards the awkward ones. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: hostileString },
  { weight: 3, arbitrary: hostileNumber },
  { weight: 1, arbitrary: fc.boolean() },
  { weight: 2, arbitrary: fc.constant(null) },
  { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 2 }) },
);

/** Result links: real https ones, unsafe or odd ones, and values that are not links at all. */
export const link: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: fc.webUrl({ validSchemes: ['https'], withQueryParameters: true }) },
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      'javascript:alert(1)',
      'data:image/png;base64,iVBORw0KGgo=',
      'http://cdn.example.net/result.png',
      'https://user:[email protected]/result.png',
      'blob:https://cdn.example.net/0b1c',
      '//elsewhere.example/x.png',
      'outputs/user-id/result.png',
      ' https://cdn.example.net/padded.png ',
      `https://cdn.example.net/${'a'.repeat(5000)}.png`,
    ),
  },
  { weight: 1, arbitrary: hostileValue },
);

export type Overrides = Record<string, fc.Arbitrary<unknown>>;

/**
 * A recorded body, mutated: every field is kept, dropped, or replaced (by `overrides[name]` when given,
 * else a hostile value), nested objects are mutated the same way, and unknown fields may be added.
 * Keeping is the likeliest choice, so the answers still reach the parsers' interesting branches.
 */
export function mutated(value: unknown, overrides: Overrides = {}, depth = 0): fc.Arbitrary<unknown> {
  if (value && typeof value === 'object' && !Array.isArray(value) && depth < 4) {
    const fields = Object.entries(value).map(([name, inner]) => {
      const replacement = Object.hasOwn(overrides, name) ? overrides[name]! : hostileValue;
      return fc
        .oneof(
          { weight: 5, arbitrary: mutated(inner, overrides, depth + 1) },
          { weight: 2, arbitrary: replacement },
          { weight: 1, arbitrary: fc.constant(DROP) },
        )
        .map((v) => [name, v] as const);
    });
    const extra = fc.dictionary(fc.string({ maxLength: 12 }), hostileValue, { maxKeys: 2 });
    return fc.tuple(fc.tuple(...fields), extra).map(([kept, added]) => ({
      ...added,
      ...Object.fromEntries(kept.filter(([, v]) => v !== DROP)),
    }));
  }
  if (Array.isArray(value) && depth < 4) {
    const items = value.map((item) => mutated(item, overrides, depth + 1));
    return fc.oneof(
      { weight: 4, arbitrary: fc.tuple(...items) },
      { weight: 1, arbitrary: fc.array(hostileValue, { maxLength: 3 }) },
    );
  }
  return fc.oneof({ weight: 3, arbitrary: fc.constant(value) }, { weight: 1, arbitrary: hostileValue });
}
const DROP = Symbol('dropped');

/** Statuses that carry a body (`Response` refuses a body with 204, 205 and 304). */
const withBody = (status: number) => ![204, 205, 304].includes(status);
export const httpStatus: fc.Arbitrary<number> = fc.oneof(
  { weight: 2, arbitrary: fc.constantFrom(400, 401, 402, 403, 404, 408, 413, 422, 429, 500, 502, 503) },
  { weight: 1, arbitrary: fc.integer({ min: 200, max: 599 }).filter(withBody) },
);

/** Header values a proxy or a confused server might send (printable ASCII, as `Headers` requires). */
const headerValue = fc.oneof(
  fc.constantFrom('0', '-1', '42', '1.5', 'NaN', '1e400', '99999999999999999999', ''),
  fc.constantFrom('1705312800', '1705312800000', 'Wed, 21 Oct 2015 07:28:00 GMT', 'soon'),
  fc.stringMatching(/^[\x20-\x7e]{0,30}$/),
);
export const headers: fc.Arbitrary<Record<string, string>> = fc.dictionary(
  fc.constantFrom(
    'retry-after',
    'x-ratelimit-limit',
    'x-ratelimit-remaining',
    'x-ratelimit-reset',
    'content-type',
  ),
  headerValue,
  { maxKeys: 4 },
);

/** A body that is not JSON: cut short, markup, plain text, nothing. */
export function textBody(of: fc.Arbitrary<unknown>): fc.Arbitrary<string> {
  const truncated = of.chain((body) => {
    const text = JSON.stringify(body) ?? '';
    return fc.nat({ max: Math.max(0, text.length - 1) }).map((n) => text.slice(0, n));
  });
  return fc.oneof(
    truncated,
    fc.string({ maxLength: 80 }),
    fc.constantFrom('', '<html><body>Gateway</body></html>', 'Internal Server Error', 'nul', '{"a":'),
  );
}

/**
 * One HTTP answer: mostly a 2xx carrying a mutated recorded body, sometimes an error status, odd
 * headers, arbitrary JSON, or text that is not JSON.
 */
export function answer(
  bodies: fc.Arbitrary<unknown>,
  ok = fc.constantFrom(200, 201),
): fc.Arbitrary<Recorded> {
  const status = fc.oneof({ weight: 3, arbitrary: ok }, { weight: 1, arbitrary: httpStatus });
  const body = fc.oneof({ weight: 5, arbitrary: bodies }, { weight: 1, arbitrary: fc.jsonValue() });
  return fc.oneof(
    { weight: 5, arbitrary: fc.record({ status, body, headers }) },
    { weight: 1, arbitrary: fc.record({ status, text: textBody(bodies), headers }) },
  );
}
