import { defineExtensionMessaging } from '@webext-core/messaging';
import { z } from 'zod';

/**
 * Options → background: run the click that opened Options for a missing key, now that the key is saved
 * (`instead: false`), or run its on-device counterpart instead (`instead: true`). The background checks
 * the sender (utils/sender.ts) and parses the payload before acting.
 */
export const runPendingRequest = z.object({
  credential: z.enum(['hitpaw', 'enhancecraft', 'tensorpix']),
  instead: z.boolean(),
});
export type RunPendingRequest = z.infer<typeof runPendingRequest>;

/** What happened, in words for the person when it could not run. */
export type RunPendingReply = { ok: true } | { ok: false; reason: string };

export interface PendingProtocol {
  runPending(data: RunPendingRequest): RunPendingReply;
}

export const pendingMessaging = defineExtensionMessaging<PendingProtocol>();
