/**
 * A `srcset` parser that follows the WHATWG algorithm, so it agrees with what the browser selects from:
 * https://html.spec.whatwg.org/multipage/images.html#parsing-a-srcset-attribute
 *
 * Written here rather than taken from npm: `srcset` (sindresorhus) is a loose regex that drops one-letter
 * URLs and throws in strict mode, and the spec-conformant port (`parse-srcset`) is unmaintained and untyped.
 * The spec's state machine is short; property tests in tests/unit/page/srcset.test.ts hold it to it.
 */

export interface SrcsetCandidate {
  url: string;
  /** `w` descriptor: the resource's width in CSS pixels. */
  width?: number;
  /** `x` descriptor; absent means 1x (or "unknown" when the set uses widths). */
  density?: number;
}

const isSpace = (c: string | undefined): boolean =>
  c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\f';
const VALID_INTEGER = /^[0-9]+$/;
const VALID_FLOAT = /^-?(?:[0-9]+(?:\.[0-9]+)?|\.[0-9]+)(?:[eE][-+]?[0-9]+)?$/;

export function parseSrcset(input: string): SrcsetCandidate[] {
  const candidates: SrcsetCandidate[] = [];
  let pos = 0;
  for (;;) {
    while (pos < input.length && (isSpace(input[pos]) || input[pos] === ',')) pos++;
    if (pos >= input.length) return candidates;

    const urlStart = pos;
    while (pos < input.length && !isSpace(input[pos])) pos++;
    let url = input.slice(urlStart, pos);
    const descriptors: string[] = [];
    if (url.endsWith(',')) {
      // A URL glued to the next separator ("a.jpg,b.jpg 2x" is ONE candidate per the spec).
      url = url.replace(/,+$/, '');
    } else {
      pos = tokenizeDescriptors(input, pos, descriptors);
    }
    const candidate = parseDescriptors(url, descriptors);
    if (candidate) candidates.push(candidate);
  }
}

/** The spec's descriptor tokenizer: splits on whitespace, ends at a comma outside parentheses. */
function tokenizeDescriptors(input: string, start: number, out: string[]): number {
  let pos = start;
  while (isSpace(input[pos])) pos++;
  let current = '';
  let state: 'in' | 'parens' | 'after' = 'in';
  for (; pos < input.length; pos++) {
    const c = input[pos]!;
    if (state === 'parens') {
      current += c;
      if (c === ')') state = 'in';
    } else if (state === 'after') {
      if (!isSpace(c)) {
        state = 'in';
        pos--; // reconsume in the "in descriptor" state
      }
    } else if (isSpace(c)) {
      if (current) out.push(current);
      current = '';
      state = 'after';
    } else if (c === ',') {
      if (current) out.push(current);
      return pos + 1;
    } else {
      current += c;
      if (c === '(') state = 'parens';
    }
  }
  if (current) out.push(current);
  return pos;
}

/** Returns null for a candidate the spec drops (duplicate, unknown or malformed descriptors). */
function parseDescriptors(url: string, descriptors: string[]): SrcsetCandidate | null {
  let width: number | undefined;
  let density: number | undefined;
  let height: number | undefined;
  for (const descriptor of descriptors) {
    const kind = descriptor.at(-1);
    const value = descriptor.slice(0, -1);
    if (kind === 'w' && VALID_INTEGER.test(value) && width === undefined && density === undefined) {
      width = Number(value);
      if (width === 0) return null;
    } else if (
      kind === 'x' &&
      VALID_FLOAT.test(value) &&
      [width, density, height].every((d) => d === undefined)
    ) {
      density = Number(value);
      if (density < 0 || !Number.isFinite(density)) return null;
    } else if (kind === 'h' && VALID_INTEGER.test(value) && height === undefined && density === undefined) {
      height = Number(value); // the spec's future-compat `h`: allowed only beside a `w`
      if (height === 0) return null;
    } else {
      return null;
    }
  }
  if (height !== undefined && width === undefined) return null;
  return {
    url,
    ...(width === undefined ? {} : { width }),
    ...(density === undefined ? {} : { density }),
  };
}
