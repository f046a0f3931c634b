import { defineExtensionMessaging } from '@webext-core/messaging';
import { z } from 'zod';

/**
 * The one typed message protocol. Two messengers, because the two audiences have different trust:
 *  - `page*` messages go from the background to page code it injected (and back as replies);
 *  - `app*` messages come from the extension's own pages (popup, options) to the background.
 * Every payload is zod-checked at the receiver (see `parse*` below); senders are trusted by `sender.id`
 * and `sender.tab`, never by URL.
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
}

export const pageReplaceRequest = z.object({
  jobId: z.string().min(1),
  srcUrl: z.string().min(1),
  resultUrl: z.string().min(1),
  /** Short label for the marker's tooltip, e.g. "HitPaw · General 2×". */
  label: z.string().max(200),
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

export const pageNoticeRequest = z.object({
  message: z.string().min(1).max(500),
  tone: z.enum(['info', 'error']),
});

export interface PageProtocol {
  pageInspect(data: z.infer<typeof pageInspectRequest>): PageInspectReply;
  pageReplace(data: z.infer<typeof pageReplaceRequest>): PageReplaceReply;
  pageShow(data: z.infer<typeof pageShowRequest>): PageShowReply;
  pageNotice(data: z.infer<typeof pageNoticeRequest>): void;
}

export const pageMessaging = defineExtensionMessaging<PageProtocol>();

// ---- extension pages → background ---------------------------------------------------------------

export const jobIdRequest = z.object({ jobId: z.string().min(1) });
export const jobShowRequest = z.object({ jobId: z.string().min(1), version: mediaVersionSchema });
export const jobDecisionRequest = z.object({
  jobId: z.string().min(1),
  action: z.enum(['resubmit', 'discard']),
});

export interface AppProtocol {
  jobRetry(data: z.infer<typeof jobIdRequest>): void;
  jobRemove(data: z.infer<typeof jobIdRequest>): void;
  jobShow(data: z.infer<typeof jobShowRequest>): { changed: number };
  jobDownload(data: z.infer<typeof jobIdRequest>): void;
  jobDecide(data: z.infer<typeof jobDecisionRequest>): void;
  /** Sent after a key is saved or removed so menus and parked jobs can be refreshed. */
  keysChanged(): void;
  /** Sent when the popup opens: wakes the worker so overdue jobs are looked at now. */
  wake(): void;
}

export const appMessaging = defineExtensionMessaging<AppProtocol>();
