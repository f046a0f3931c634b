import type { ProviderError } from '../errors';

/**
 * The one interface every provider adapter implements (HitPaw photo/video/segmentation, EnhanceCraft,
 * TensorPix, and the on-device engine). Adapters are request/response translators: the job engine
 * (utils/jobs) owns persistence, scheduling, retries, input bytes, result caching and the page swap.
 */
export type ProviderId =
  'hitpaw-photo' | 'hitpaw-video' | 'hitpaw-segmentation' | 'enhancecraft' | 'tensorpix' | 'on-device';
export type CredentialId = 'hitpaw' | 'enhancecraft' | 'tensorpix';
export type MediaKind = 'image' | 'video';

export type OperationGroup =
  | 'Upscale'
  | 'Faces'
  | 'Denoise'
  | 'Restore'
  | 'Background'
  | 'Crop & convert'
  | 'Motion'
  | 'Generative'
  | 'My pipelines';

/** What a person picks from the menu. `id` is stable: the menu item id is `${provider}:${id}`. */
export interface Operation {
  id: string;
  /** Short label shown in the menu, e.g. "General 2×". */
  label: string;
  /** Menu group a person thinks in. */
  group: OperationGroup;
  media: MediaKind;
  /** Output size ÷ input size (1 for same-size operations). */
  scale: number;
  /** Plain-language hint, e.g. what the model is good at. */
  hint?: string;
  /** Expected cost shown before anything is spent, e.g. "20 coins", "from 10 coins", "free". */
  costHint?: string;
  /** Adapter-specific request details (an EnhanceCraft operation list, a TensorPix task…). */
  payload?: unknown;
  /** The result is a transparent cut-out: the page shows it over the person's chosen backdrop. */
  cutout?: boolean;
  /**
   * The person paints a mask over the image first (the viewer's mask mode); the job is sent with it.
   * The menu opens the mask editor instead of starting a job.
   */
  drawnMask?: boolean;
}

export interface MediaInfo {
  url: string;
  width: number | null;
  height: number | null;
  hasAlpha: boolean | null;
  /** Seconds, for video; null when unknown. */
  duration?: number | null;
  /** The input's bytes, for providers that take an upload (`input` 'bytes', or 'url-or-bytes' when kept). */
  bytes?: Blob;
}

export interface SubmitRequest {
  operation: Operation;
  media: MediaInfo;
  /** The extension's own job id (the on-device engine keys its work and results by it). */
  jobId?: string;
}

export interface Cost {
  unit: 'coins' | 'credits' | 'usd';
  amount: number;
}

export interface Submitted {
  providerJobId: string;
  cost?: Cost;
  /** The provider's own name for what ran, when it differs from the operation id (model aliases). */
  model?: string;
  /** A first status, when the submit answer already carries one. */
  status?: RemoteStatus;
}

export type RemoteState = 'queued' | 'processing' | 'completed' | 'failed' | 'canceled';

/** A provider's status answer, normalised to one shape for every provider. */
export interface RemoteStatus {
  state: RemoteState;
  rawStatus: string;
  /** 0..1, or null when the provider gives no progress. */
  progress: number | null;
  etaSeconds: number | null;
  resultUrl?: string;
  maskUrl?: string;
  /** TensorPix preview jobs: before/after clips. */
  previewUrls?: { before?: string; after?: string };
  /** Reported done but without a result yet: the engine gives it a few more polls. */
  incomplete?: boolean;
  error?: ProviderError;
  cost?: Cost;
}

export interface PollSchedule {
  firstMs: number;
  factor: number;
  maxMs: number;
  maxPolls: number;
  /** A job still running after this long is failed as provider_failure. */
  maxAgeMs: number;
}

/** What adapters may remember between calls (model spellings, cached model lists, rate budgets). */
export interface ProviderMemory {
  get(name: string): Promise<string | undefined>;
  set(name: string, value: string): Promise<void>;
}

/** Settings a person chose in Options that change what is sent. */
export interface ProviderSettings {
  /** TensorPix: free watermarked preview of a short segment instead of a paid full job. */
  tensorpixPreview: boolean;
}

export interface ProviderContext {
  key: string;
  memory: ProviderMemory;
  settings: ProviderSettings;
  signal?: AbortSignal;
  /** Each request's deadline, reading the body included; REQUEST_TIMEOUT_MS when not given. */
  timeoutMs?: number;
  /** Injected for tests; Date.now otherwise. */
  now?: () => number;
}

/** The code of a URL submit the provider could not use where the media's bytes would do (see `input`). */
export const BYTES_WANTED = 'bytes_wanted';

export interface Provider {
  id: ProviderId;
  /** Human name, e.g. "HitPaw". */
  name: string;
  /** The key it needs; null for the on-device engine, which needs none. */
  credential: CredentialId | null;
  operations: readonly Operation[];
  /**
   * `url`: the provider downloads the page's URL itself; `bytes`: the extension uploads the bytes;
   * `url-or-bytes`: the URL when the provider can download it, else the bytes (read at the click and
   * kept with the job). Such an adapter throws a ProviderError with code BYTES_WANTED when the provider
   * could not use a URL it was sent: nothing ran, so the bytes may be read and the job submitted again.
   */
  input: 'url' | 'bytes' | 'url-or-bytes';
  /**
   * `public`: the result URL loads anywhere; `bearer`: it needs the key, so the engine fetches it;
   * `local`: the result is made in this browser and reported as bytes; it never has a link.
   */
  resultAccess: 'public' | 'bearer' | 'local';
  pollSchedule: PollSchedule;
  /**
   * Its progress measures the work done (TensorPix), so the poll plan may extrapolate it; otherwise it
   * is a phase shown to the person (HitPaw's synthetic steps) and says nothing about when the job ends.
   */
  measuredProgress?: boolean;
  /** A provider-specific next poll delay (e.g. from the ETA); the schedule's curve otherwise. */
  nextPollMs?(status: RemoteStatus, polls: number): number;
  /** Why a source cannot be sent, checked before anything leaves the browser; null when fine. */
  precheck(request: SubmitRequest): string | null;
  submit(request: SubmitRequest, ctx: ProviderContext): Promise<Submitted>;
  status(providerJobId: string, ctx: ProviderContext): Promise<RemoteStatus>;
  /** Fetches a result that needs the key (resultAccess 'bearer'). */
  download?(url: string, ctx: ProviderContext): Promise<Blob>;
  /** A fresh result link just before use, for providers whose links expire (TensorPix). */
  freshResult?(providerJobId: string, ctx: ProviderContext): Promise<string | undefined>;
  cancel?(providerJobId: string, ctx: ProviderContext): Promise<void>;
  /** The cheapest authenticated call, for the Options page's "Test key". */
  testKey?(ctx: ProviderContext): Promise<void>;
}
