import { PHOTO_MODELS_CURRENT, PHOTO_MODELS_OLD, VIDEO_MODELS_CURRENT, VIDEO_MODELS_OLD } from './models';

/** Switches of the HitPaw emulator; `emu.hitpaw.configure()` merges a partial of this. */
export interface HitPawConfig {
  /** `docs`: CONVERTING → COMPLETED. `full`: WAITING → INPUT_PREPARING → CONVERTING → CONVERT_COMPLETED → OUTPUT_SAVED → COMPLETED. */
  progression: 'docs' | 'full';
  /** Status polls each step lasts (default 1). `#emu=slow` multiplies it by `slowFactor`. */
  pollsPerStep: number;
  slowFactor: number;
  /** `message` as documented, or `msg` as HitPaw's Go client parses. */
  messageKey: 'message' | 'msg';
  /** Report errors as HTTP 200 with a non-200 `code` (and no `error_code`). */
  errorsAsHttp200: boolean;
  /** Token bucket per key: `capacity` requests, refilled at `capacity` per `refillMs`; null disables it. */
  rateLimit: { capacity: number; refillMs: number } | null;
  /** Model names the endpoints accept; unknown → 110400005. */
  acceptedModels: { photo: readonly string[]; video: readonly string[] };
  /** How long result files stay on the CDN (emulator clock). */
  retentionMs: number;
  /** How long a job id stays known to task-status (8 days per the docs). */
  jobTtlMs: number;
  /** Polls an unfetchable input sits in INPUT_PREPARING/CONVERTING before ERROR. */
  unreachableErrorAfterPolls: number;
  /**
   * OSS presign: the `content_type` answered (and signed) is the request's own (`request`, current docs)
   * or inferred from the filename's extension (`filename`, as the docs' first copy did).
   */
  ossContentTypeFrom: 'request' | 'filename';
  /** How long an uploaded object stays readable at its access_url (HitPaw: staged uploads go after 7 days). */
  ossRetentionMs: number;
  /**
   * Timed jobs (benchmarks; not part of the real API): a job submitted while this is set is done
   * `fixedMs + perMpMs × input megapixels`, times (1 ± up to `noise`), after its submit on the emulator
   * clock, instead of after a count of polls. The noise is drawn from a sequence seeded by `seed`, so
   * a run is repeatable. null (default): progression counted in polls.
   */
  timing: JobTiming | null;
}

export interface JobTiming {
  fixedMs: number;
  perMpMs: number;
  /** Relative, 0 ≤ noise < 1: 0.15 draws each job's factor evenly from 0.85–1.15. */
  noise: number;
  seed?: number;
}

/** Options for `configure()`; `acceptedModels` may give only one endpoint's list. */
export type HitPawConfigPatch = Partial<Omit<HitPawConfig, 'acceptedModels'>> & {
  acceptedModels?: Partial<HitPawConfig['acceptedModels']>;
};

const HOUR = 3600_000;

export function defaultConfig(): HitPawConfig {
  return {
    progression: 'docs',
    pollsPerStep: 1,
    slowFactor: 10,
    messageKey: 'message',
    errorsAsHttp200: false,
    rateLimit: { capacity: 10, refillMs: 10_000 }, // HitPaw publishes no quota; this one is our pick
    acceptedModels: {
      photo: [...new Set([...PHOTO_MODELS_OLD, ...PHOTO_MODELS_CURRENT])],
      video: [...new Set([...VIDEO_MODELS_OLD, ...VIDEO_MODELS_CURRENT])],
    },
    retentionMs: 24 * HOUR,
    jobTtlMs: 8 * 24 * HOUR,
    unreachableErrorAfterPolls: 3,
    ossContentTypeFrom: 'request',
    ossRetentionMs: 7 * 24 * HOUR,
    timing: null,
  };
}

export function applyPatch(config: HitPawConfig, patch: HitPawConfigPatch): HitPawConfig {
  const { acceptedModels, ...rest } = patch;
  const next = { ...config, ...rest, acceptedModels: { ...config.acceptedModels, ...acceptedModels } };
  if (!Number.isInteger(next.pollsPerStep) || next.pollsPerStep < 1)
    throw new RangeError('pollsPerStep must be ≥ 1');
  const t = next.timing;
  if (t && !(t.fixedMs >= 0 && t.perMpMs >= 0 && t.noise >= 0 && t.noise < 1))
    throw new RangeError('timing needs fixedMs ≥ 0, perMpMs ≥ 0 and 0 ≤ noise < 1');
  return next;
}
