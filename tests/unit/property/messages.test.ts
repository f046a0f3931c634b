// @vitest-environment happy-dom
import fc from 'fast-check';
import { beforeEach, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { errorKinds } from '@/utils/errors';
import * as messages from '@/utils/messages';
import { createPageHandlers } from '@/utils/page/handlers';
import { checkResultUrl } from '@/utils/page/common/safe-url';
import { hostileString, hostileValue, link, mutated } from './arbitraries';

/**
 * Every message schema, page, app and offscreen: whatever arrives is either accepted as a value of its
 * TypeScript type (checked here by a reading of those types, not of the schemas) or refused by
 * `safeParse`, which never throws. And a hostile pageReplace never puts an unsafe link into the page.
 */

type Guard = (value: unknown) => boolean;
const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const filled: Guard = (v) => typeof v === 'string' && v.length > 0;
const oneOf =
  (...values: unknown[]): Guard =>
  (v) =>
    values.includes(v);
const int =
  (min: number): Guard =>
  (v) =>
    Number.isSafeInteger(v) && (v as number) >= min;
const backdrop: Guard = (v) =>
  oneOf('transparent', 'white', 'checkerboard')(v) || (typeof v === 'string' && /^#[0-9a-f]{6}$/i.test(v));
/** Length in characters (code points), as the caps count it: an emoji is one character. */
const chars = (value: string) => [...value].length;
const base64: Guard = (v) => typeof v === 'string' && v.length > 0 && /^[A-Za-z0-9+/]*={0,2}$/.test(v);

/** An object with exactly these keys allowed; `optional` ones may be absent (never present as undefined). */
function shape(fields: Record<string, Guard>, optional: string[] = []): Guard {
  return (v) =>
    isObject(v) &&
    Object.keys(v).every((k) => Object.hasOwn(fields, k)) &&
    Object.entries(fields).every(([k, guard]) => (Object.hasOwn(v, k) ? guard(v[k]) : optional.includes(k)));
}

const jobError = shape(
  {
    kind: oneOf(...errorKinds),
    code: (v) => typeof v === 'string' || typeof v === 'number',
    message: filled,
    retryable: (v) => typeof v === 'boolean',
  },
  ['code'],
);
const backend = oneOf('webgpu', 'webgl', 'wasm', 'cpu');
const imageMime: Guard = (v) => typeof v === 'string' && /^image\/[\w.+-]+$/.test(v);

/** The TypeScript types of each message, read from the protocol interfaces. */
const TYPES: Record<string, [z.ZodType, Guard]> = {
  pageInspectRequest: [messages.pageInspectRequest, shape({ jobId: filled, srcUrl: filled })],
  pageReplaceRequest: [
    messages.pageReplaceRequest,
    (v) =>
      shape(
        {
          jobId: filled,
          srcUrl: filled,
          resultUrl: filled,
          resultData: shape({
            type: (t) => typeof t === 'string' && /^(image|video)\//.test(t),
            base64: filled,
          }),
          label: (l) => typeof l === 'string' && chars(l) <= 200,
          backdrop,
        },
        ['resultUrl', 'resultData', 'backdrop'],
      )(v) &&
      isObject(v) &&
      Object.hasOwn(v, 'resultUrl') !== Object.hasOwn(v, 'resultData'),
  ],
  pageShowRequest: [
    messages.pageShowRequest,
    shape({ jobId: filled, version: oneOf('original', 'enhanced') }),
  ],
  pageBackdropRequest: [messages.pageBackdropRequest, shape({ jobId: filled, backdrop })],
  pageReadBytesRequest: [messages.pageReadBytesRequest, shape({ jobId: filled, srcUrl: filled })],
  pageNoticeRequest: [
    messages.pageNoticeRequest,
    shape({ message: (m) => filled(m) && chars(m as string) <= 500, tone: oneOf('info', 'error') }),
  ],
  pageProgressRequest: [
    messages.pageProgressRequest,
    shape({
      jobId: filled,
      phase: oneOf('running', 'done', 'failed', 'ended'),
      percent: (p) => p === null || (Number.isInteger(p) && (p as number) >= 0 && (p as number) <= 100),
    }),
  ],
  pageCompareOpenRequest: [messages.pageCompareOpenRequest, shape({ jobId: filled })],
  backdropChoiceSchema: [messages.backdropChoiceSchema, backdrop],
  jobIdRequest: [messages.jobIdRequest, shape({ jobId: filled })],
  jobShowRequest: [messages.jobShowRequest, shape({ jobId: filled, version: oneOf('original', 'enhanced') })],
  jobDecisionRequest: [
    messages.jobDecisionRequest,
    shape({ jobId: filled, action: oneOf('resubmit', 'discard') }),
  ],
  jobDownloadRequest: [messages.jobDownloadRequest, shape({ jobId: filled, which: oneOf('result', 'mask') })],
  offscreenRunRequest: [
    messages.offscreenRunRequest,
    (v) =>
      shape({ work: oneOf('upscale'), jobId: filled, scale: oneOf(2, 4), mime: imageMime, bytes: filled })(
        v,
      ) || shape({ work: oneOf('remove-background'), jobId: filled, mime: imageMime, bytes: filled })(v),
  ],
  offscreenCancelRequest: [messages.offscreenCancelRequest, shape({ jobId: filled })],
  engineProgressEvent: [
    messages.engineProgressEvent,
    shape({ jobId: filled, done: int(0), total: int(1), backend }, ['backend']),
  ],
  engineResultEvent: [
    messages.engineResultEvent,
    shape(
      {
        jobId: filled,
        mime: oneOf('image/png', 'image/jpeg'),
        bytes: base64,
        width: int(1),
        height: int(1),
        backend,
        mask: base64,
      },
      ['backend', 'mask'],
    ),
  ],
  engineErrorEvent: [messages.engineErrorEvent, shape({ jobId: filled, error: jobError })],
  engineCancelledEvent: [messages.engineCancelledEvent, shape({ jobId: filled })],
};

/** One valid message of each type, which the generator mutates (fields dropped, retyped, added). */
const EXAMPLES: Record<string, unknown> = {
  pageInspectRequest: { jobId: 'j1', srcUrl: 'https://gallery.example.org/cat.jpg' },
  pageReplaceRequest: {
    jobId: 'j1',
    srcUrl: 'https://gallery.example.org/cat.jpg',
    resultUrl: 'https://cdn.example.net/r.png',
    label: 'HitPaw · General 2×',
    backdrop: 'checkerboard',
  },
  pageShowRequest: { jobId: 'j1', version: 'original' },
  pageBackdropRequest: { jobId: 'j1', backdrop: '#1a2b3c' },
  pageReadBytesRequest: { jobId: 'j1', srcUrl: 'https://gallery.example.org/cat.jpg' },
  pageNoticeRequest: { message: 'Enhancing…', tone: 'info' },
  pageProgressRequest: { jobId: 'j1', phase: 'running', percent: 42 },
  pageCompareOpenRequest: { jobId: 'j1' },
  backdropChoiceSchema: 'white',
  jobIdRequest: { jobId: 'j1' },
  jobShowRequest: { jobId: 'j1', version: 'enhanced' },
  jobDecisionRequest: { jobId: 'j1', action: 'resubmit' },
  jobDownloadRequest: { jobId: 'j1', which: 'mask' },
  offscreenRunRequest: { work: 'upscale', jobId: 'j1', scale: 2, mime: 'image/png', bytes: 'AAAA' },
  offscreenCancelRequest: { jobId: 'j1' },
  engineProgressEvent: { jobId: 'j1', done: 3, total: 12, backend: 'wasm' },
  engineResultEvent: { jobId: 'j1', mime: 'image/png', bytes: 'AAAA', width: 2, height: 2, mask: 'AAAA' },
  engineErrorEvent: {
    jobId: 'j1',
    error: { kind: 'invalid_input', message: 'This image could not be decoded.', retryable: false },
  },
  engineCancelledEvent: { jobId: 'j1' },
};

/** Values around each field's limits: lengths near the caps, counts near zero, near-miss spellings. */
const count = fc.oneof(fc.integer({ min: -2, max: 5 }), fc.double({ min: -1, max: 3 }), fc.constant(2 ** 53));
const BOUNDARIES = {
  label: fc.oneof(
    fc.string({ minLength: 150, maxLength: 260 }),
    fc.string({ unit: 'binary', maxLength: 260 }),
  ),
  message: fc.string({ maxLength: 520 }),
  jobId: fc.constantFrom('', ' ', 'j1', 'j2'),
  backdrop: fc.oneof(fc.constantFrom('#1A2B3C', '#1a2b3', '#1a2b3cd', 'Transparent', 'white '), fc.string()),
  mime: fc.constantFrom('image/png', 'image/jpeg', 'image/svg+xml', 'image/', 'text/html', 'IMAGE/PNG'),
  bytes: fc.oneof(fc.base64String({ maxLength: 12 }), fc.constantFrom('', 'AAA', '!!!!', 'AA==', 'A A=')),
  mask: fc.oneof(fc.base64String({ maxLength: 12 }), fc.constantFrom('', '""', 'AA==')),
  scale: fc.constantFrom(1, 2, 3, 4, 8, '2'),
  done: count,
  total: count,
  width: count,
  height: count,
};

/** Field names and values the protocol uses, so generated objects often come close to valid ones. */
const FIELDS = [
  ...['jobId', 'srcUrl', 'resultUrl', 'resultData', 'label', 'backdrop', 'version', 'message', 'tone'],
  ...['action', 'which', 'work', 'scale', 'mime', 'bytes', 'done', 'total', 'width', 'height', 'mask'],
  ...['backend', 'error', 'type', 'base64', 'kind', 'retryable', 'code', '__proto__', 'constructor'],
];
const VALUES = [
  ...['j1', 'https://cdn.example.net/r.png', 'original', 'enhanced', 'info', 'error', 'resubmit', 'discard'],
  ...['result', 'mask', 'upscale', 'remove-background', 'image/png', 'image/jpeg', 'video/mp4', 'AAAA'],
  ...['transparent', 'white', 'checkerboard', '#1a2b3c', '#zzzzzz', 'webgpu', 'wasm', 'network', 'Failed.'],
  ...[0, 1, 2, 4, -1, 1.5, true, false, null],
];
const near: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    { weight: 3, arbitrary: fc.constantFrom(...VALUES) },
    { weight: 1, arbitrary: hostileValue },
    { weight: 2, arbitrary: fc.dictionary(fc.constantFrom(...FIELDS), tie('value'), { maxKeys: 7 }) },
  ),
})).value;
const anything = fc.oneof(
  near,
  fc.anything({
    withBigInt: true,
    withDate: true,
    withMap: true,
    withSet: true,
    withNullPrototype: true,
    withTypedArray: true,
    withSparseArray: true,
    withBoxedValues: true,
  }),
);

describe('message schemas, whatever arrives', () => {
  it.each(Object.keys(TYPES))('%s: accepted as its type, or refused; never a throw', (name) => {
    const [schema, isType] = TYPES[name]!;
    const inputs = fc.oneof(
      { weight: 1, arbitrary: fc.constant(EXAMPLES[name]) },
      { weight: 4, arbitrary: mutated(EXAMPLES[name], BOUNDARIES) },
      { weight: 2, arbitrary: anything },
    );
    let accepted = 0;
    fc.assert(
      fc.property(inputs, (input) => {
        const parsed = schema.safeParse(input);
        if (parsed.success) accepted++;
        if (parsed.success) expect(isType(parsed.data), JSON.stringify(parsed.data)).toBe(true);
      }),
      { numRuns: 1000 },
    );
    expect(accepted, 'valid messages were generated too').toBeGreaterThan(0);
  });
});

describe('a hostile pageReplace', () => {
  const BASE = 'https://gallery.example.org/album/';
  beforeEach(() => {
    document.head.innerHTML = `<base href="${BASE}">`;
    document.body.innerHTML = '<img id="a" src="cat.jpg"><p>text</p>';
  });

  /** Mostly plausible values, so that replacements happen as well as refusals. */
  const mostly = <T>(good: fc.Arbitrary<T>, bad: fc.Arbitrary<T>) =>
    fc.oneof({ weight: 3, arbitrary: good }, { weight: 1, arbitrary: bad });
  const result = fc.oneof(
    fc.record({ resultUrl: link }),
    fc.record({
      resultData: fc.record({
        type: mostly(
          fc.constantFrom('image/png', 'image/svg+xml', 'video/mp4'),
          fc.constantFrom('text/html', ''),
        ),
        base64: mostly(fc.base64String({ minLength: 4, maxLength: 40 }), hostileString),
      }),
    }),
    fc.record({
      resultUrl: link,
      resultData: fc.record({ type: fc.constant('image/png'), base64: fc.constant('AAAA') }),
    }),
    fc.constant({}),
  );
  const payload = fc
    .record(
      {
        jobId: mostly(fc.constant('j1'), hostileString),
        srcUrl: mostly(fc.constant(`${BASE}cat.jpg`), hostileString),
        label: mostly(
          fc.constantFrom(
            '<img src=x onerror=alert(1)>',
            '"><script>alert(1)</script>',
            'HitPaw · General 2×',
          ),
          fc.oneof(fc.string({ minLength: 190, maxLength: 400 }), hostileString),
        ),
        backdrop: mostly(
          fc.constantFrom('checkerboard', '#ffffff'),
          fc.oneof(fc.constant('url(javascript:alert(1))'), hostileString),
        ),
      },
      { requiredKeys: ['jobId', 'srcUrl', 'label'] },
    )
    .chain((fields) => result.map((r) => ({ ...fields, ...r }) as { label: string; resultData?: unknown }));

  it('is refused, or shows the result only from a safe https link or its own blob: URL', async () => {
    const outcomes = new Set<string>();
    await fc.assert(
      fc.asyncProperty(payload, async (data) => {
        document.body.innerHTML = '<img id="a" src="cat.jpg"><p>text</p>';
        const elements = document.querySelectorAll('*').length;
        const handlers = createPageHandlers(document, { waitForLoad: async () => true });
        const outcome = await handlers.replace(data).then(
          (reply) => reply,
          () => 'refused' as const,
        );
        outcomes.add(typeof outcome === 'string' ? outcome : outcome.outcome);
        const src = document.querySelector('#a')!.getAttribute('src')!;
        if (src !== 'cat.jpg') {
          expect(outcome).not.toBe('refused');
          const fromBytes = data.resultData !== undefined && src.startsWith('blob:');
          expect(fromBytes || checkResultUrl(src) === src, src).toBe(true);
          expect(chars(data.label)).toBeLessThanOrEqual(200);
        }
        // The label is text for a tooltip: nothing it says becomes an element of the page.
        expect(document.querySelectorAll('script, img[onerror], [onerror]').length).toBe(0);
        expect(document.body.querySelectorAll('*').length).toBeLessThanOrEqual(elements);
      }),
      { numRuns: 200 },
    );
    expect([...outcomes]).toEqual(expect.arrayContaining(['replaced', 'refused']));
  });
});
