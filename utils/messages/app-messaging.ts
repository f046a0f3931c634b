import { defineExtensionMessaging } from '@webext-core/messaging';
import type { z } from 'zod';
import type {
  jobDecisionRequest,
  jobDownloadRequest,
  jobIdRequest,
  jobShowRequest,
  KeyTestReply,
  keyTestRequest,
} from './app';

/**
 * The extension's own pages (popup, Options, viewer) → the background: the message names and shapes
 * only. The schemas the background checks each payload with are in app.ts; a page that only sends
 * (the popup) imports this file and so loads no schema code before its first paint.
 */
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
