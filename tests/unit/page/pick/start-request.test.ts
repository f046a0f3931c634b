import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pickStartRequest as reference } from '@/utils/messages/pick';
import { pickStartRequest } from '@/utils/page/pick/start-request';
import { hostileValue, mutated } from '../../property/arbitraries';

/**
 * The picker's hand-written check of a pick start against the protocol's zod/mini schema: for any
 * payload, hostile or near-valid, it accepts exactly what the schema accepts and returns the same value
 * (unknown fields dropped), and refuses by throwing what the schema refuses.
 */
const example = { menuItemId: 'on-device:upscale-2x', title: 'Upscale 2× · On device', media: 'image' };
const BOUNDARIES = {
  menuItemId: fc.oneof(fc.constantFrom('', ' ', 'a'), fc.string({ minLength: 195, maxLength: 205 })),
  title: fc.oneof(
    fc.string({ minLength: 295, maxLength: 305 }),
    fc.string({ unit: 'grapheme', maxLength: 305 }),
    fc.constant(''),
  ),
  media: fc.constantFrom('image', 'video', 'background', 'Image', undefined),
};

function verdict(check: () => unknown): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: check() };
  } catch {
    return { ok: false };
  }
}

describe('pick start guard', () => {
  it('accepts and returns exactly what the reference schema does', () => {
    fc.assert(
      fc.property(fc.oneof(mutated(example, BOUNDARIES), hostileValue), (payload) => {
        const expected = reference.safeParse(payload);
        const actual = verdict(() => pickStartRequest(payload));
        expect(actual.ok).toBe(expected.success);
        if (actual.ok && expected.success) expect(actual.value).toEqual(expected.data);
      }),
      { numRuns: 600 },
    );
  });

  it('counts lengths in characters, as the schema does', () => {
    const title = '😀'.repeat(300); // 600 UTF-16 units, 300 characters
    expect(pickStartRequest({ ...example, title }).title).toBe(title);
    expect(() => pickStartRequest({ ...example, title: `${title}x` })).toThrow();
  });
});
