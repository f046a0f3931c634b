import sharp from 'sharp';
import { scenarioWords } from '../core/input';

// Input fetching is shared by every provider module; it lives in core/.
export { fetchInput, type FetchedInput, type InputSource } from '../core/input';

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
  const words = scenarioWords(inputUrl, header);
  const outcome = words.map((w) => SCENARIO_WORDS[w]).find((o) => o !== undefined);
  return { outcome, slow: words.includes('slow') };
}
