import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import * as reference from '@/utils/messages/page';
import * as guards from '@/utils/page/common/guards';
import { hostileValue, mutated } from '../../property/arbitraries';

/**
 * The page code's hand-written guards against the protocol's zod schemas: for any payload, hostile or
 * near-valid, a guard accepts exactly what its schema accepts and returns the same value (unknown fields
 * dropped), and refuses by throwing what the schema refuses.
 */
const PAIRS: [string, (data: unknown) => unknown, z.ZodType, Record<string, unknown>][] = [
  [
    'inspect',
    guards.inspectRequest,
    reference.pageInspectRequest,
    { jobId: 'j1', srcUrl: 'https://a.example/c.jpg' },
  ],
  [
    'replace (link)',
    guards.replaceRequest,
    reference.pageReplaceRequest,
    {
      jobId: 'j1',
      srcUrl: 'c.jpg',
      resultUrl: 'https://cdn.example/r.png',
      label: 'HitPaw · 2×',
      backdrop: 'white',
    },
  ],
  [
    'replace (bytes)',
    guards.replaceRequest,
    reference.pageReplaceRequest,
    { jobId: 'j1', srcUrl: 'c.jpg', resultData: { type: 'image/png', base64: 'AAAA' }, label: '' },
  ],
  ['show', guards.showRequest, reference.pageShowRequest, { jobId: 'j1', version: 'original' }],
  ['backdrop', guards.backdropRequest, reference.pageBackdropRequest, { jobId: 'j1', backdrop: '#1a2b3c' }],
  ['read bytes', guards.readBytesRequest, reference.pageReadBytesRequest, { jobId: 'j1', srcUrl: 'c.jpg' }],
  ['notice', guards.noticeRequest, reference.pageNoticeRequest, { message: 'Enhancing…', tone: 'error' }],
  [
    'progress',
    guards.progressRequest,
    reference.pageProgressRequest,
    { jobId: 'j1', phase: 'running', percent: 42 },
  ],
];

/** Values near each field's limits. */
const BOUNDARIES = {
  jobId: fc.constantFrom('', ' ', 'j1'),
  label: fc.oneof(
    fc.string({ minLength: 190, maxLength: 210 }),
    fc.string({ unit: 'binary', maxLength: 210 }),
  ),
  message: fc.oneof(
    fc.string({ minLength: 490, maxLength: 510 }),
    fc.string({ unit: 'grapheme', maxLength: 510 }),
  ),
  backdrop: fc.oneof(
    fc.constantFrom('#1A2B3C', '#1a2b3', '#1a2b3cd', 'Transparent', 'white ', undefined),
    fc.string(),
  ),
  type: fc.constantFrom('image/png', 'video/mp4', 'text/html', 'image', ' image/png'),
  resultUrl: fc.constantFrom(undefined, '', 'https://cdn.example/r.png'),
  version: fc.constantFrom('original', 'enhanced', 'Original', undefined),
  tone: fc.constantFrom('info', 'error', 'warn'),
  phase: fc.constantFrom('running', 'done', 'failed', 'ended', 'Running', undefined),
  percent: fc.oneof(
    fc.constantFrom(null, 0, 100, 101, -1, -0, 42.5, Number.NaN, Infinity, '42', undefined),
    fc.integer({ min: -5, max: 105 }),
  ),
};

function verdict(check: () => unknown): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: check() };
  } catch {
    return { ok: false };
  }
}

describe('page payload guards', () => {
  it.each(PAIRS)(
    '%s: accept and return exactly what the reference schema does',
    (_name, guard, schema, example) => {
      fc.assert(
        fc.property(fc.oneof(mutated(example, BOUNDARIES), hostileValue), (payload) => {
          const expected = schema.safeParse(payload);
          const actual = verdict(() => guard(payload));
          expect(actual.ok).toBe(expected.success);
          if (actual.ok && expected.success) expect(actual.value).toEqual(expected.data);
        }),
        { numRuns: 400 },
      );
    },
  );

  it('count lengths in characters, as the schemas do', () => {
    const label = '😀'.repeat(200); // 400 UTF-16 units, 200 characters
    const payload = { jobId: 'j1', srcUrl: 'c.jpg', resultUrl: 'https://cdn.example/r.png', label };
    expect(guards.replaceRequest(payload).label).toBe(label);
    expect(() => guards.replaceRequest({ ...payload, label: `${label}x` })).toThrow();
  });
});
