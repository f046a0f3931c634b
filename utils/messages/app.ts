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
