import type { PickStart } from '../../messages/pick';

/**
 * The picker's check of what the background sends to start a pick: hand-written, because pick code is
 * injected into pages and a schema library would be most of its size. Returns a fresh object with only the
 * known fields, or throws; a property test holds it to exactly what `pickStartRequest` (zod) accepts.
 */
export function pickStartRequest(data: unknown): PickStart {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) throw new TypeError('Not an object.');
  const d = data as Record<string, unknown>;
  return {
    menuItemId: text(d.menuItemId, 'menuItemId', 200),
    title: text(d.title, 'title', 300),
    media: d.media === 'image' || d.media === 'video' ? d.media : fail('media'),
  };
}

/** Lengths in characters (code points), as the reference schema counts them. */
function text(value: unknown, name: string, max: number): string {
  const length = typeof value === 'string' ? [...value].length : 0;
  return length >= 1 && length <= max ? (value as string) : fail(name);
}

function fail(name: string): never {
  throw new TypeError(`Invalid ${name}.`);
}
