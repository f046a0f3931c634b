import type { StoredFile } from './http';

/** Something that can answer a GET in-process: the emulator's own sites and its CDN. */
export interface InputSource {
  lookup(url: URL): Promise<{ status: number; file?: StoredFile } | null>;
}

export type FetchedInput =
  | { state: 'ok'; file: StoredFile }
  /** No route to the host (the machine is offline; only the emulator's own names exist). */
  | { state: 'unreachable' }
  /** The host answered, but not with a 200. */
  | { state: 'http-error'; status: number };

/**
 * Fetches an input URL the way the provider's servers would. Hosts the emulator serves are read
 * in-process; every other host — including loopback and private addresses, which a cloud service
 * cannot reach either — is unreachable.
 */
export async function fetchInput(raw: string, sources: readonly InputSource[]): Promise<FetchedInput> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { state: 'unreachable' };
  }
  url.hash = ''; // fragments never leave the client
  for (const source of sources) {
    const answer = await source.lookup(url);
    if (!answer) continue;
    return answer.file && answer.status === 200
      ? { state: 'ok', file: answer.file }
      : { state: 'http-error', status: answer.status };
  }
  return { state: 'unreachable' };
}

/**
 * The scenario words of a request (not part of any real API): `#emu=fail,slow` in the input URL's
 * fragment and/or an `X-Emu-Scenario: slow` header, lower-cased. Each provider maps them itself.
 */
export function scenarioWords(inputUrl: string, header: string | undefined): string[] {
  const hash = /#(?:.*&)?emu=([\w,]+)/.exec(inputUrl)?.[1] ?? '';
  return [...hash.split(','), ...(header ?? '').split(',')]
    .map((w) => w.trim().toLowerCase())
    .filter((w) => w !== '');
}
