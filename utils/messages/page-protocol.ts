/**
 * Background → page code it injected (and back as replies): the shapes only. No schema library and no
 * messaging library here: this is all the page code takes from the protocol, and it is injected on every
 * click, so it checks payloads with small hand-written guards (utils/page/common/guards.ts) and answers
 * through its own small channel (utils/page/common/channel.ts). The zod schemas and the background's
 * channel are in page.ts.
 */

export type MediaVersion = 'original' | 'enhanced';
/**
 * How the transparent area of a result (e.g. "Remove background") shows in the page: a name or a
 * `#rrggbb` colour. Applied as an inline style on the element, never by changing the result file.
 */
export type BackdropChoice = 'transparent' | 'white' | 'checkerboard' | (string & {});

// ---- background → page code ---------------------------------------------------------------------

export interface PageInspectRequest {
  jobId: string;
  srcUrl: string;
}
export interface PageInspectReply {
  /** How many elements in this frame show `srcUrl` (the page code remembers them for the job). */
  count: number;
  /** The best candidate to send to a provider: the widest srcset/`<source>` entry, else `srcUrl`. */
  bestUrl: string;
  naturalWidth: number | null;
  naturalHeight: number | null;
  /** true/false when the pixels could be read (same-origin or CORS-clean), null when unknown. */
  hasAlpha: boolean | null;
  /**
   * Added for video. Absent means 'image' (replies from page code older than video support, and image
   * replies, which keep their original shape). For 'video', naturalWidth/naturalHeight carry
   * videoWidth/videoHeight and hasAlpha is null.
   */
  kind?: 'image' | 'video';
  /** Video only: length in seconds; null when unknown (no metadata yet) or unbounded (a live stream). */
  duration?: number | null;
  /**
   * Video only: the source is a stream rather than a file a provider could download (a `blob:` URL, e.g.
   * a MediaSource, a `srcObject`, or an HLS/DASH manifest). pageReplace refuses a `blob:`/`srcObject`
   * video: it could not be put back.
   */
  stream?: boolean;
}

export interface PageReplaceRequest {
  jobId: string;
  srcUrl: string;
  /** A plain https link to the result… */
  resultUrl?: string;
  /** …or its bytes, when the link needs the API key (EnhanceCraft): the page makes its own blob: URL. */
  resultData?: { type: string; base64: string };
  /** Short label for the marker's tooltip, e.g. "HitPaw · General 2×". */
  label: string;
  /** Absent: no backdrop (as 'transparent'). Only images use it. */
  backdrop?: BackdropChoice;
}
export type PageReplaceOutcome = 'replaced' | 'not-found' | 'refused';
export interface PageReplaceReply {
  outcome: PageReplaceOutcome;
  replacedCount: number;
  /** Pixel size of the loaded result, when replaced. */
  naturalWidth: number | null;
  naturalHeight: number | null;
}

export interface PageShowRequest {
  jobId: string;
  version: MediaVersion;
}
export interface PageShowReply {
  changed: number;
}

/** Changes the backdrop of the images `jobId` replaced (a changed setting); they keep it when toggled. */
export interface PageBackdropRequest {
  jobId: string;
  backdrop: BackdropChoice;
}
export interface PageBackdropReply {
  /** How many elements now use a different backdrop (shown now, or when the enhanced version is shown). */
  changed: number;
}

/** The bytes of an image the page shows, for providers that take an upload rather than a URL. */
export interface PageReadBytesRequest {
  jobId: string;
  srcUrl: string;
}
/** Largest image pageReadBytes returns (before base64); above it the reply is a refusal. */
export const PAGE_READ_BYTES_MAX = 25 * 1024 * 1024;
/** base64 because runtime messaging serialises replies as JSON in Chrome: a Blob would arrive as `{}`. */
export type PageReadBytesReply =
  { ok: true; type: string; base64: string; size: number } | { ok: false; reason: string };

export interface PageNoticeRequest {
  message: string;
  tone: 'info' | 'error';
}

/**
 * Where a job of this frame stands, for the ring on its media: 'running' (with a percentage only where
 * the work is measured: TensorPix, on-device tiles; else null and the ring spins), 'done' (the result is
 * in the page: the ring goes and the "Enhanced" notice shows), 'failed' (the ring shows "!" briefly) or
 * 'ended' (cancelled, or the result could not go in: the ring just goes).
 */
export interface PageProgressRequest {
  jobId: string;
  phase: 'running' | 'done' | 'failed' | 'ended';
  /** Whole percent 0–100, or null when unknown. */
  percent: number | null;
}

export interface PageProtocol {
  pageInspect(data: PageInspectRequest): PageInspectReply;
  pageReplace(data: PageReplaceRequest): PageReplaceReply;
  pageShow(data: PageShowRequest): PageShowReply;
  pageBackdrop(data: PageBackdropRequest): PageBackdropReply;
  pageReadBytes(data: PageReadBytesRequest): PageReadBytesReply;
  pageNotice(data: PageNoticeRequest): void;
  pageProgress(data: PageProgressRequest): void;
}

// ---- page code → background ---------------------------------------------------------------------

/** The person chose Compare on the "Enhanced" notice: the background loads the compare code there. */
export interface PageCompareOpenRequest {
  jobId: string;
}

export interface PageRequestProtocol {
  pageCompareOpen(data: PageCompareOpenRequest): boolean;
}
