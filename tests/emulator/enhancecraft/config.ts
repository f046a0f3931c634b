import { OPERATION_TYPES, type OperationType } from './operations';

/** Switches of the EnhanceCraft emulator; `emu.enhancecraft.configure()` merges a partial of this. */
export interface EnhanceCraftConfig {
  /** Status polls each of `queued` and `processing` lasts (default 1). The `slow` scenario multiplies it by `slowFactor`. */
  pollsPerStep: number;
  slowFactor: number;
  /**
   * `key` (default): `output_url` is a storage key (`outputs/<user>/<id>.<ext>`), as the docs show;
   * the client resolves it against the API base and downloads it with its Bearer key.
   * `absolute`: an https URL on the CDN host that needs no auth — the other form a client must accept.
   * Read when a poll reports the job, so a test can flip it between polls.
   */
  outputUrlForm: 'key' | 'absolute';
  /** Largest accepted upload in bytes (default 20 MB, an assumption); larger → 413. */
  maxUploadBytes: number;
  /** Body of every 401 (default `{"detail":"Invalid API key"}`, an assumption). */
  authErrorBody: unknown;
  /** Status for an `input_key` that is not one of the caller's files (404 default; 400 is as plausible). */
  inputNotFoundStatus: 404 | 400;
  /** Credits per operation (assumption: 1 per paid operation; the documented free ones cost 0). */
  costs: Record<OperationType, number>;
  /** How long `absolute`-form results stay on the CDN (emulator clock). */
  cdnRetentionMs: number;
  /** A job whose output would exceed this many pixels fails (`error_message`) instead of eating memory. */
  maxOutputPixels: number;
  /** `error_message` of a job forced to fail (forceNextOutcome, `emu-fail` scenario). */
  failureMessage: string;
  /**
   * A `mask_data_url` whose size differs from the image it is applied to. The docs say only "base64 data
   * URL". `resize` (default): stretched to the image. `exact`: the job fails saying both sizes — the
   * strict reading a client must also survive (the extension always sends the image's own size).
   */
  maskSize: 'resize' | 'exact';
}

export type EnhanceCraftConfigPatch = Partial<Omit<EnhanceCraftConfig, 'costs'>> & {
  costs?: Partial<Record<OperationType, number>>;
};

/** Free per the docs ("free, no credits"); every other operation is paid. */
export const FREE_OPERATIONS: readonly OperationType[] = ['compress-optimize', 'crop-resize', 'convert'];

export function defaultConfig(): EnhanceCraftConfig {
  const costs = Object.fromEntries(
    OPERATION_TYPES.map((type) => [type, FREE_OPERATIONS.includes(type) ? 0 : 1]),
  ) as Record<OperationType, number>;
  return {
    pollsPerStep: 1,
    slowFactor: 10,
    outputUrlForm: 'key',
    maxUploadBytes: 20 * 1024 * 1024,
    authErrorBody: { detail: 'Invalid API key' },
    inputNotFoundStatus: 404,
    costs,
    cdnRetentionMs: 24 * 3600_000,
    maxOutputPixels: 100_000_000,
    failureMessage: 'Image processing failed',
    maskSize: 'resize',
  };
}

export function applyPatch(config: EnhanceCraftConfig, patch: EnhanceCraftConfigPatch): EnhanceCraftConfig {
  const { costs, ...rest } = patch;
  const next = { ...config, ...rest, costs: { ...config.costs, ...costs } };
  if (!Number.isInteger(next.pollsPerStep) || next.pollsPerStep < 1)
    throw new RangeError('pollsPerStep must be ≥ 1');
  if (!(next.maxUploadBytes > 0)) throw new RangeError('maxUploadBytes must be > 0');
  return next;
}
