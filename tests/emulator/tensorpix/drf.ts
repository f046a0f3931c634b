/**
 * Django REST Framework conventions the TensorPix backend follows (its list pages are DRF's):
 * `{"detail": …}` and field-keyed error bodies, limit/offset pages, TokenAuthentication and the
 * throttle message with `Retry-After`. The texts are DRF's stock messages.
 */

/** An answer before it is written: handlers return these so a fault can replace them. */
export interface Reply {
  status: number;
  /** JSON-serialised unless it is a string, which is sent as is. */
  body: unknown;
  headers?: Record<string, string>;
}

export const detail = (status: number, message: string, headers?: Record<string, string>): Reply => ({
  status,
  body: { detail: message },
  headers,
});

/** Field-keyed validation errors, as a serializer reports them: `{"ml_models":["…"]}`. */
export type FieldErrors = Record<string, string[]>;

export const NOT_FOUND = 'Not found.';

/** Django's own 404 page for a path no route matches (DRF never sees the request). */
export const DJANGO_404 =
  '<!doctype html>\n<html lang="en">\n<head>\n  <title>Not Found</title>\n</head>\n<body>\n  <h1>Not Found</h1><p>The requested resource was not found on this server.</p>\n</body>\n</html>\n';

/** Django's production 500 page. */
export const DJANGO_500 =
  '<!doctype html>\n<html lang="en">\n<head>\n  <title>Server Error (500)</title>\n</head>\n<body>\n  <h1>Server Error (500)</h1><p></p>\n</body>\n</html>\n';

export type AuthResult = { ok: true; key: string } | { ok: false; reply: Reply };

const unauthorized = (message: string) => detail(401, message, { 'WWW-Authenticate': 'Token' });

/**
 * `Authorization: Token <key>` (keyword matched case-insensitively, as DRF's TokenAuthentication
 * does). No header → "Authentication credentials were not provided."; a known-bad header or an
 * unknown key → "Invalid token.". INTERPRETATION: another scheme (`Bearer …`) also answers
 * "Invalid token." (a wrong key, whatever its scheme); stock DRF would skip the header and say "not
 * provided". Both are 401 with `WWW-Authenticate: Token`.
 */
export function authenticate(header: string | undefined, known: (key: string) => boolean): AuthResult {
  const parts = (header ?? '')
    .trim()
    .split(/\s+/)
    .filter((p) => p !== '');
  if (parts.length === 0)
    return { ok: false, reply: unauthorized('Authentication credentials were not provided.') };
  if (parts[0]!.toLowerCase() !== 'token') return { ok: false, reply: unauthorized('Invalid token.') };
  if (parts.length === 1)
    return { ok: false, reply: unauthorized('Invalid token header. No credentials provided.') };
  if (parts.length > 2)
    return {
      ok: false,
      reply: unauthorized('Invalid token header. Token string should not contain spaces.'),
    };
  const key = parts[1]!;
  return known(key) ? { ok: true, key } : { ok: false, reply: unauthorized('Invalid token.') };
}

/** DRF's `Throttled`: the wait rounded up, "second" or "seconds", and `Retry-After: N`. */
export function throttled(waitSeconds: number): Reply {
  const wait = Math.max(1, Math.ceil(waitSeconds));
  const unit = wait === 1 ? 'second' : 'seconds';
  return detail(429, `Request was throttled. Expected available in ${wait} ${unit}.`, {
    'Retry-After': String(wait),
  });
}

/**
 * DRF's SimpleRateThrottle over a sliding window: `history` holds the key's accepted request times,
 * newest first. Returns null when the request may pass (and records it), else the wait in seconds
 * (`remaining window / requests that become available`).
 */
export function throttle(history: number[], now: number, perWindow: number, windowMs: number): number | null {
  while (history.length > 0 && history[history.length - 1]! <= now - windowMs) history.pop();
  if (history.length < perWindow) {
    history.unshift(now);
    return null;
  }
  const remaining = windowMs - (now - history[history.length - 1]!);
  const available = perWindow - history.length + 1;
  return available > 0 ? remaining / 1000 / available : remaining / 1000;
}

export interface Page<T> {
  count: number;
  next: string | null;
  previous: string | null;
  results: T[];
}

/**
 * DRF's LimitOffsetPagination: `limit` (a positive integer, else the default page size) and
 * `offset` (≥ 0, else 0); `next`/`previous` are absolute URLs of the same endpoint with the query
 * re-encoded in sorted order, and `previous` drops `offset` when it would be 0.
 */
export function paginate<T>(items: readonly T[], url: URL, defaultLimit: number): Page<T> {
  const positive = (raw: string | null, strict: boolean) => {
    if (raw === null || !/^\s*\d+\s*$/.test(raw)) return undefined;
    const n = Number(raw);
    return strict && n === 0 ? undefined : n;
  };
  const limit = positive(url.searchParams.get('limit'), true) ?? defaultLimit;
  const offset = positive(url.searchParams.get('offset'), false) ?? 0;
  const link = (changes: Record<string, number | null>) => {
    const params = new URLSearchParams(url.search);
    for (const [name, value] of Object.entries(changes)) {
      if (value === null) params.delete(name);
      else params.set(name, String(value));
    }
    params.sort();
    const query = params.toString();
    return `${url.origin}${url.pathname}${query ? `?${query}` : ''}`;
  };
  const count = items.length;
  return {
    count,
    next: offset + limit >= count ? null : link({ limit, offset: offset + limit }),
    previous:
      offset <= 0
        ? null
        : offset - limit <= 0
          ? link({ limit, offset: null })
          : link({ limit, offset: offset - limit }),
    results: items.slice(offset, offset + limit),
  };
}
