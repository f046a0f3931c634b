/**
 * ASSUMPTION (the extension's decision, as in the README): the from-url body names the video URL
 * `url`. TensorPix's public pages do not show the request schema; `input_video.external_url` only hints
 * at the stored name. Change it here (or per test with `configure({ urlField })`) once
 * https://backend.tensorpix.ai/api/schema/ has been read.
 */
export const DEFAULT_URL_FIELD = 'url';

/** Switches of the TensorPix emulator; `emu.tensorpix.configure()` merges a partial of this. */
export interface TensorPixConfig {
  /** Polls a job reports status 0 (In Queue) before processing: the "GPU spin-up" (default 1). */
  spinUpPolls: number;
  /** Polls at status 1 (Processing), `processing_progress` rising by 1/n each (default 3). */
  processingPolls: number;
  /** `#emu=slow` multiplies both counts by this (default 10). */
  slowFactor: number;
  /** `GET /api/ml-models/` answers a bare array instead of a DRF page (one third-party client allows it). */
  modelsAsArray: boolean;
  /** Default `limit` of every list endpoint; small, so a client must follow `next` (default 5). */
  pageSize: number;
  /** Name of the URL field of `POST /api/jobs/from-url/` (default `url`, see DEFAULT_URL_FIELD). */
  urlField: string;
  /** DRF-style per-key throttle over a sliding minute (emulator clock); null (default) disables it. */
  throttle: { perMinute: number } | null;
  /** Lifetime of each presigned `output_video.file` / `thumbnail` / preview link (default 1 h). */
  signatureTtlMs: number;
  /** Length of a `preview: true` job's enhanced segment (default 2 s). */
  previewSeconds: number;
  /** History endpoint status strings: `name` = IN_QUEUE…, `label` = "In Queue"… (both forms appear). */
  historyStatus: 'name' | 'label';
}

export type TensorPixConfigPatch = Partial<TensorPixConfig>;

export function defaultConfig(): TensorPixConfig {
  return {
    spinUpPolls: 1,
    processingPolls: 3,
    slowFactor: 10,
    modelsAsArray: false,
    pageSize: 5,
    urlField: DEFAULT_URL_FIELD,
    throttle: null,
    signatureTtlMs: 3600_000,
    previewSeconds: 2,
    historyStatus: 'name',
  };
}

export function applyPatch(config: TensorPixConfig, patch: TensorPixConfigPatch): TensorPixConfig {
  const next = { ...config, ...patch };
  const counts = { spinUpPolls: 0, processingPolls: 0, slowFactor: 1, pageSize: 1 } as const;
  for (const [name, min] of Object.entries(counts)) {
    const value = next[name as keyof typeof counts];
    if (!Number.isInteger(value) || value < min) throw new RangeError(`${name} must be an integer ≥ ${min}`);
  }
  if (!(next.signatureTtlMs > 0)) throw new RangeError('signatureTtlMs must be > 0');
  if (!(next.previewSeconds > 0)) throw new RangeError('previewSeconds must be > 0');
  if (next.urlField === '') throw new RangeError('urlField must not be empty');
  if (next.throttle && !(Number.isInteger(next.throttle.perMinute) && next.throttle.perMinute > 0))
    throw new RangeError('throttle.perMinute must be a positive integer');
  return next;
}
