import { defineExtensionMessaging } from '@webext-core/messaging';
import { z } from 'zod';
import type { KeyCheck } from '../key-check';
import { mediaVersionSchema } from './page';

/**
 * The extension's own pages (popup, Options, viewer) → the background. The background checks each
 * sender (utils/sender.ts) and parses each payload with these schemas before acting.
 */
export const jobIdRequest = z.object({ jobId: z.string().min(1) });
export const jobShowRequest = z.object({ jobId: z.string().min(1), version: mediaVersionSchema });
export const jobDecisionRequest = z.object({
  jobId: z.string().min(1),
  action: z.enum(['resubmit', 'discard']),
});

export const jobDownloadRequest = z.object({ jobId: z.string().min(1), which: z.enum(['result', 'mask']) });

/** Options' "Test key": the key typed or saved, tested by the background with its provider's adapter. */
export const keyTestRequest = z.object({
  credential: z.enum(['hitpaw', 'enhancecraft', 'tensorpix']),
  key: z.string().trim().min(1).max(4096),
});
/** What the test found (utils/key-check.ts), or the provider's readable refusal. */
export type KeyTestReply = { ok: true; found: KeyCheck } | { ok: false; message: string };

export interface AppProtocol {
  jobRetry(data: z.infer<typeof jobIdRequest>): void;
  jobRemove(data: z.infer<typeof jobIdRequest>): void;
  jobShow(data: z.infer<typeof jobShowRequest>): { changed: number };
  jobDownload(data: z.infer<typeof jobDownloadRequest>): void;
  /** Cancels a running job where its provider can (the on-device engine). */
  jobCancel(data: z.infer<typeof jobIdRequest>): void;
  /** Opens the result viewer for a job in a new tab. */
  jobOpen(data: z.infer<typeof jobIdRequest>): void;
  /** A usable result link, fetched fresh where the provider's links expire. */
  jobResultUrl(data: z.infer<typeof jobIdRequest>): { url: string | undefined };
  jobDecide(data: z.infer<typeof jobDecisionRequest>): void;
  /** Sent after a key is saved or removed so menus and parked jobs can be refreshed. */
  keysChanged(): void;
  /** Sent when the popup opens: wakes the worker so overdue jobs are looked at now. */
  wake(): void;
  /** Options' "Test key": one free authenticated call to the key's provider. */
  keyTest(data: z.infer<typeof keyTestRequest>): KeyTestReply;
  /** "Clear finished" in the popup: removes every finished job and its kept copies. */
  jobsClearFinished(): { removed: number };
}

export const appMessaging = defineExtensionMessaging<AppProtocol>();
