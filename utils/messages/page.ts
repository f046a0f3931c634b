import { defineExtensionMessaging } from '@webext-core/messaging';
import { z } from 'zod';

/**
 * Background → page code it injected (and back as replies). The page checks every payload with these
 * schemas, and answers only the background of this extension.
 */

export const mediaVersionSchema = z.enum(['original', 'enhanced']);
export type MediaVersion = z.infer<typeof mediaVersionSchema>;

// ---- background → page code ---------------------------------------------------------------------

export const pageInspectRequest = z.object({ jobId: z.string().min(1), srcUrl: z.string().min(1) });
export interface PageInspectReply {
  /** How many elements in this frame show `srcUrl` (they are tagged with the job id). */
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

/**
 * How the transparent area of a result (e.g. "Remove background") shows in the page. Applied as an inline
 * style on the element, never by changing the result file.
 */
export const backdropChoiceSchema = z.union([
  z.enum(['transparent', 'white', 'checkerboard']),
  z.string().regex(/^#[0-9a-f]{6}$/i),
]);
export type BackdropChoice = z.infer<typeof backdropChoiceSchema>;

export const pageReplaceRequest = z
  .object({
    jobId: z.string().min(1),
    srcUrl: z.string().min(1),
    /** A plain https link to the result… */
    resultUrl: z.string().min(1).optional(),
    /** …or its bytes, when the link needs the API key (EnhanceCraft): the page makes its own blob: URL. */
    resultData: z
      .object({ type: z.string().regex(/^(image|video)\//), base64: z.string().min(1) })
      .optional(),
    /** Short label for the marker's tooltip, e.g. "HitPaw · General 2×". */
    label: z.string().max(200),
    /** Absent: no backdrop (as 'transparent'). Only images use it. */
    backdrop: backdropChoiceSchema.optional(),
  })
  .refine((r) => (r.resultUrl === undefined) !== (r.resultData === undefined), {
    message: 'exactly one of resultUrl and resultData',
  });
export type PageReplaceOutcome = 'replaced' | 'not-found' | 'refused';
export interface PageReplaceReply {
  outcome: PageReplaceOutcome;
  replacedCount: number;
  /** Pixel size of the loaded result, when replaced. */
  naturalWidth: number | null;
  naturalHeight: number | null;
}

export const pageShowRequest = z.object({ jobId: z.string().min(1), version: mediaVersionSchema });
export interface PageShowReply {
  changed: number;
}

/** Changes the backdrop of the images `jobId` replaced (a changed setting); they keep it when toggled. */
export const pageBackdropRequest = z.object({ jobId: z.string().min(1), backdrop: backdropChoiceSchema });
export interface PageBackdropReply {
  /** How many elements now use a different backdrop (shown now, or when the enhanced version is shown). */
  changed: number;
}

/** The bytes of an image the page shows, for providers that take an upload rather than a URL. */
export const pageReadBytesRequest = z.object({ jobId: z.string().min(1), srcUrl: z.string().min(1) });
/** Largest image pageReadBytes returns (before base64); above it the reply is a refusal. */
export const PAGE_READ_BYTES_MAX = 25 * 1024 * 1024;
/** base64 because runtime messaging serialises replies as JSON in Chrome: a Blob would arrive as `{}`. */
export type PageReadBytesReply =
  { ok: true; type: string; base64: string; size: number } | { ok: false; reason: string };

export const pageNoticeRequest = z.object({
  message: z.string().min(1).max(500),
  tone: z.enum(['info', 'error']),
});

export interface PageProtocol {
  pageInspect(data: z.infer<typeof pageInspectRequest>): PageInspectReply;
  pageReplace(data: z.infer<typeof pageReplaceRequest>): PageReplaceReply;
  pageShow(data: z.infer<typeof pageShowRequest>): PageShowReply;
  pageBackdrop(data: z.infer<typeof pageBackdropRequest>): PageBackdropReply;
  pageReadBytes(data: z.infer<typeof pageReadBytesRequest>): PageReadBytesReply;
  pageNotice(data: z.infer<typeof pageNoticeRequest>): void;
}

export const pageMessaging = defineExtensionMessaging<PageProtocol>();
