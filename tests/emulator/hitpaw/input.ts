import sharp from 'sharp';
import type { StoredFile } from '../core/http';

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

export interface ImageInfo {
  width: number;
  height: number;
  format: string;
}

/** Reads an image header (sharp sniffs the bytes; the Content-Type is not trusted). Null if not an accepted image. */
export async function probeImage(bytes: Buffer, formats: readonly string[]): Promise<ImageInfo | null> {
  try {
    const { width, height, format } = await sharp(bytes).metadata();
    if (!width || !height || !format || !formats.includes(format)) return null;
    return { width, height, format };
  } catch {
    return null;
  }
}

/** Outcomes a test can force: through `forceNextOutcome`, `#emu=…` in the input URL, or `X-Emu-Scenario`. */
export type ForcedOutcome = 'ERROR' | 'TIMEOUT' | 'NSFW' | 'REJECT' | 'CANCEL';

const SCENARIO_WORDS: Record<string, ForcedOutcome> = {
  fail: 'ERROR',
  error: 'ERROR',
  timeout: 'TIMEOUT',
  nsfw: 'NSFW',
  reject: 'REJECT',
  cancel: 'CANCEL',
};

/** Parses `#emu=fail,slow` (fragment) and/or an `X-Emu-Scenario: slow` header value. */
export function parseScenario(
  inputUrl: string,
  header: string | undefined,
): { outcome?: ForcedOutcome; slow: boolean } {
  const hash = /#(?:.*&)?emu=([\w,]+)/.exec(inputUrl)?.[1] ?? '';
  const words = [...hash.split(','), ...(header ?? '').split(',')].map((w) => w.trim().toLowerCase());
  const outcome = words.map((w) => SCENARIO_WORDS[w]).find((o) => o !== undefined);
  return { outcome, slow: words.includes('slow') };
}
