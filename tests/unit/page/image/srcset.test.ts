// @vitest-environment happy-dom
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseSrcset, type SrcsetCandidate } from '@/utils/page/image/srcset';

describe('parseSrcset (WHATWG algorithm)', () => {
  it.each<[string, SrcsetCandidate[]]>([
    ['a.jpg', [{ url: 'a.jpg' }]],
    [
      'a.jpg 1x, b.jpg 2x',
      [
        { url: 'a.jpg', density: 1 },
        { url: 'b.jpg', density: 2 },
      ],
    ],
    [
      'small.jpg 480w,large.jpg 1080w',
      [
        { url: 'small.jpg', width: 480 },
        { url: 'large.jpg', width: 1080 },
      ],
    ],
    // Commas inside a URL are part of it; one glued to the next URL makes a single candidate.
    ['/img/a,b.jpg 2x, c.jpg', [{ url: '/img/a,b.jpg', density: 2 }, { url: 'c.jpg' }]],
    ['a.jpg,b.jpg 2x', [{ url: 'a.jpg,b.jpg', density: 2 }]],
    ['a.jpg, b.jpg 2x', [{ url: 'a.jpg' }, { url: 'b.jpg', density: 2 }]],
    [
      'https://cdn.example/i.jpg?w=100,200 100w',
      [{ url: 'https://cdn.example/i.jpg?w=100,200', width: 100 }],
    ],
    ['data:image/png;base64,iVBORw0KGgo= 1x', [{ url: 'data:image/png;base64,iVBORw0KGgo=', density: 1 }]],
    [
      '\n  a.jpg\t 1.5x ,\n\n b.jpg   3x  ,, ',
      [
        { url: 'a.jpg', density: 1.5 },
        { url: 'b.jpg', density: 3 },
      ],
    ],
    ['a 1x', [{ url: 'a', density: 1 }]],
    ['a.jpg 100w 50h', [{ url: 'a.jpg', width: 100 }]],
    [', , ,', []],
    ['', []],
  ])('%j', (input, expected) => {
    expect(parseSrcset(input)).toEqual(expected);
  });

  it.each([
    'a.jpg 100w 2x', // two descriptors of different kinds
    'a.jpg 2x 2x',
    'a.jpg 0w',
    'a.jpg -1x',
    'a.jpg 1.5w',
    'a.jpg 10W', // descriptor letters are case-sensitive
    'a.jpg 50h', // h needs a w
    'a.jpg foo',
    'a.jpg 1e999x',
  ])('drops the invalid candidate in %j and keeps the others', (bad) => {
    expect(parseSrcset(`${bad}, ok.jpg 2x`)).toEqual([{ url: 'ok.jpg', density: 2 }]);
  });

  it('skips a parenthesised future descriptor containing commas as one (invalid) descriptor', () => {
    expect(parseSrcset('a.jpg (x, y), b.jpg 2x')).toEqual([{ url: 'b.jpg', density: 2 }]);
  });
});

// ---- properties ---------------------------------------------------------------------------------------

const space = fc.constantFrom(' ', '\t', '\n', '\r', '\f');
const spaces = (min: number) => fc.array(space, { minLength: min, maxLength: 3 }).map((s) => s.join(''));
/** A URL as the algorithm sees it: no whitespace, never starting or ending with a comma. */
const url = fc
  .stringMatching(/^[!-~]+$/)
  .filter((u) => !u.startsWith(',') && !u.endsWith(','))
  .filter((u) => u.length > 0);
const candidate: fc.Arbitrary<SrcsetCandidate> = fc.oneof(
  url.map((u) => ({ url: u })),
  fc.tuple(url, fc.integer({ min: 1, max: 100_000 })).map(([u, width]) => ({ url: u, width })),
  fc
    .tuple(url, fc.double({ min: 0, max: 1e6, noNaN: true, noDefaultInfinity: true }))
    .map(([u, density]) => ({ url: u, density })),
);
function descriptorOf(c: SrcsetCandidate): string {
  if (c.width !== undefined) return `${c.width}w`;
  if (c.density !== undefined) return `${c.density}x`;
  return '';
}

describe('parseSrcset properties', () => {
  it('parses back what a well-formed srcset says, whatever the whitespace', () => {
    const srcset = fc.array(fc.tuple(candidate, spaces(0), spaces(1), spaces(0)), { maxLength: 6 });
    fc.assert(
      fc.property(srcset, spaces(0), (parts, trailing) => {
        const text = parts
          .map(([c, lead, gap, tail]) => {
            const d = descriptorOf(c);
            // Without a descriptor the separator still needs whitespace before the comma, unless the URL's
            // own trailing commas would be taken for separators.
            return `${lead}${c.url}${d ? `${gap}${d}` : gap}${tail}`;
          })
          .join(',');
        expect(parseSrcset(text + trailing)).toEqual(parts.map(([c]) => c));
      }),
    );
  });

  it('never throws, and yields only non-empty URLs without whitespace or edge commas', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (input) => {
        for (const { url: u, width, density } of parseSrcset(input)) {
          expect(u.length).toBeGreaterThan(0);
          expect(u).not.toMatch(/[ \t\n\r\f]|^,|,$/);
          if (width !== undefined) expect(Number.isInteger(width) && width > 0).toBe(true);
          if (density !== undefined) expect(density >= 0 && Number.isFinite(density)).toBe(true);
        }
      }),
    );
  });
});
