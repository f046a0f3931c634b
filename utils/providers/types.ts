import type { ProviderError } from '../errors';

/**
 * The one interface every provider adapter implements (HitPaw photo/video/segmentation, EnhanceCraft,
 * TensorPix, and the on-device engine). Adapters are pure request/response translators: the job
 * engine (utils/jobs) owns persistence, scheduling, retries and the page swap.
 */
export type ProviderId = 'hitpaw-photo';
export type CredentialId = 'hitpaw';
export type MediaKind = 'image' | 'video';

/** What a person picks from the menu. `id` is stable: the menu item id is `${provider}:${id}`. */
export interface Operation {
  id: string;
  /** Short label shown in the menu, e.g. "General 2×". */
  label: string;
  /** Menu group a person thinks in. */
  group: 'Upscale' | 'Faces' | 'Denoise' | 'Generative';
  media: MediaKind;
  /** Output size ÷ input size (1 for same-size operations). */
  scale: number;
  /** Plain-language hint shown as a tooltip or in the popup, e.g. what the model is good at. */
  hint?: string;
}

export interface MediaInfo {
  url: string;
  width: number | null;
  height: number | null;
  hasAlpha: boolean | null;
}

export interface SubmitRequest {
  operation: Operation;
  media: MediaInfo;
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
}

export type RemoteState = 'queued' | 'processing' | 'completed' | 'failed' | 'canceled';

/** A provider's status answer, normalised (providers.md §2). */
export interface RemoteStatus {
  state: RemoteState;
  rawStatus: string;
  /** 0..1, or null when the provider gives no progress. */
  progress: number | null;
  etaSeconds: number | null;
  resultUrl?: string;
  maskUrl?: string;
  /** Reported done but without a result yet: the engine gives it a few more polls. */
  incomplete?: boolean;
  error?: ProviderError;
}

export interface PollSchedule {
  firstMs: number;
  factor: number;
  maxMs: number;
  maxPolls: number;
  /** A job still running after this long is failed as provider_failure. */
  maxAgeMs: number;
}

/** What adapters may remember between calls (e.g. which spelling of a model name works). */
export interface ProviderMemory {
  get(name: string): Promise<string | undefined>;
  set(name: string, value: string): Promise<void>;
}

export interface ProviderContext {
  key: string;
  memory: ProviderMemory;
  signal?: AbortSignal;
}

export interface Provider {
  id: ProviderId;
  /** Human name, e.g. "HitPaw". */
  name: string;
  credential: CredentialId;
  operations: readonly Operation[];
  pollSchedule: PollSchedule;
  /** Why a source cannot be sent, checked before anything leaves the browser; null when fine. */
  precheck(request: SubmitRequest): string | null;
  submit(request: SubmitRequest, ctx: ProviderContext): Promise<Submitted>;
  status(providerJobId: string, ctx: ProviderContext): Promise<RemoteStatus>;
  cancel?(providerJobId: string, ctx: ProviderContext): Promise<void>;
  /** The cheapest authenticated call, for the Options page's "Test key". */
  testKey?(ctx: ProviderContext): Promise<void>;
}
