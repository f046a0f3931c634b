import type {
  BackdropChoice,
  MediaVersion,
  PageBackdropRequest,
  PageInspectRequest,
  PageNoticeRequest,
  PageProgressRequest,
  PageReadBytesRequest,
  PageReplaceRequest,
  PageShowRequest,
} from '../../messages/page-protocol';

/**
 * The page code's checks of what the background sends: small and hand-written, because this code is
 * injected on every click and a schema library would be most of its size. Each returns a fresh object with
 * only the known fields (like a schema's parse), or throws. A property test holds them to exactly what the
 * protocol's zod schemas (utils/messages/page.ts) accept.
 */
type Fields = Record<string, unknown>;

function fields(data: unknown): Fields {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) throw new TypeError('Not an object.');
  return data as Fields;
}

function text(value: unknown, name: string, min = 0, max = Infinity): string {
  // Lengths in characters (code points), as the reference schemas count them.
  const length = typeof value === 'string' ? [...value].length : -1;
  if (length < min || length > max) throw new TypeError(`Invalid ${name}.`);
  return value as string;
}

const filled = (value: unknown, name: string) => text(value, name, 1);

function oneOf<T extends string>(value: unknown, allowed: readonly T[], name: string): T {
  if (!allowed.includes(value as T)) throw new TypeError(`Invalid ${name}.`);
  return value as T;
}

export function backdropChoice(value: unknown): BackdropChoice {
  if (['transparent', 'white', 'checkerboard'].includes(value as string)) return value as BackdropChoice;
  if (typeof value === 'string' && /^#[0-9a-f]{6}$/i.test(value)) return value;
  throw new TypeError('Invalid backdrop.');
}

const version = (value: unknown): MediaVersion => oneOf(value, ['original', 'enhanced'], 'version');

/** An optional field: absent (or undefined, as a schema's `.optional()` reads it) stays absent. */
function optional<K extends string, T>(data: Fields, key: K, check: (v: unknown) => T): { [P in K]?: T } {
  return data[key] === undefined ? {} : ({ [key]: check(data[key]) } as { [P in K]: T });
}

export function inspectRequest(data: unknown): PageInspectRequest {
  const d = fields(data);
  return { jobId: filled(d.jobId, 'jobId'), srcUrl: filled(d.srcUrl, 'srcUrl') };
}

export const readBytesRequest: (data: unknown) => PageReadBytesRequest = inspectRequest;

export function replaceRequest(data: unknown): PageReplaceRequest {
  const d = fields(data);
  const request: PageReplaceRequest = {
    jobId: filled(d.jobId, 'jobId'),
    srcUrl: filled(d.srcUrl, 'srcUrl'),
    ...optional(d, 'resultUrl', (v) => filled(v, 'resultUrl')),
    ...optional(d, 'resultData', (v) => {
      const r = fields(v);
      const type = text(r.type, 'result type');
      if (!/^(image|video)\//.test(type)) throw new TypeError('Invalid result type.');
      return { type, base64: filled(r.base64, 'result bytes') };
    }),
    label: text(d.label, 'label', 0, 200),
    ...optional(d, 'backdrop', backdropChoice),
  };
  if ((request.resultUrl === undefined) === (request.resultData === undefined)) {
    throw new TypeError('Exactly one of resultUrl and resultData.');
  }
  return request;
}

export function showRequest(data: unknown): PageShowRequest {
  const d = fields(data);
  return { jobId: filled(d.jobId, 'jobId'), version: version(d.version) };
}

export function backdropRequest(data: unknown): PageBackdropRequest {
  const d = fields(data);
  return { jobId: filled(d.jobId, 'jobId'), backdrop: backdropChoice(d.backdrop) };
}

export function noticeRequest(data: unknown): PageNoticeRequest {
  const d = fields(data);
  return { message: text(d.message, 'message', 1, 500), tone: oneOf(d.tone, ['info', 'error'], 'tone') };
}

export function progressRequest(data: unknown): PageProgressRequest {
  const d = fields(data);
  const { percent } = d;
  if (
    percent !== null &&
    !(Number.isInteger(percent) && (percent as number) >= 0 && (percent as number) <= 100)
  )
    throw new TypeError('Invalid percent.');
  return {
    jobId: filled(d.jobId, 'jobId'),
    phase: oneOf(d.phase, ['running', 'done', 'failed', 'ended'], 'phase'),
    percent: percent as number | null,
  };
}
