import { defineExtensionMessaging } from '@webext-core/messaging';
import { z } from 'zod';
import { jobErrorSchema } from '../errors';
import { t } from '../i18n';

/**
 * The background and the offscreen document that hosts the on-device engine. Requests go background →
 * offscreen; the engine's reports come back as their own messages (not as the reply), so a job that
 * outlives a service-worker restart still reports: each message wakes the worker. Both sides check the
 * sender (utils/sender.ts) and parse every payload with these schemas.
 */

export const ON_DEVICE_SCALES = [2, 4] as const;
export type OnDeviceScale = (typeof ON_DEVICE_SCALES)[number];
export const backendNameSchema = z.enum(['webgpu', 'webgl', 'wasm', 'cpu']);
export type BackendName = z.infer<typeof backendNameSchema>;

const jobId = z.string().min(1);
const imageMime = z.string().regex(/^image\/[\w.+-]+$/);

// ---- background → offscreen document --------------------------------------------------------------

/** One image to work on: its type (JPEG comes back as JPEG, others as PNG) and its bytes, base64. */
export const offscreenRunRequest = z.discriminatedUnion('work', [
  z.object({
    work: z.literal('upscale'),
    jobId,
    scale: z.union([z.literal(2), z.literal(4)]),
    mime: imageMime,
    bytes: z.string().min(1),
  }),
  z.object({ work: z.literal('remove-background'), jobId, mime: imageMime, bytes: z.string().min(1) }),
]);
export type OffscreenTask = z.infer<typeof offscreenRunRequest>;

export const offscreenCancelRequest = z.object({ jobId });

/** Which backend runs (shown in Options), why others did not start, and which jobs are in hand. */
export interface OnDeviceStatus {
  backend: BackendName | null;
  failures: { name: string; reason: string }[];
  running: string[];
}

export interface OffscreenProtocol {
  offscreenRun(data: OffscreenTask): void;
  offscreenCancel(data: z.infer<typeof offscreenCancelRequest>): void;
  offscreenStatus(): OnDeviceStatus;
}

export const offscreenMessaging = defineExtensionMessaging<OffscreenProtocol>();

// ---- offscreen document → background ---------------------------------------------------------------

export const engineProgressEvent = z.object({
  jobId,
  done: z.number().int().nonnegative(),
  total: z.number().int().positive(),
  backend: backendNameSchema.optional(),
});

/**
 * Largest result handed back in one message: Chromium drops runtime messages over 64 MiB, and base64
 * adds a third. Matches the blob store's MAX_CACHED_BYTES.
 */
export const MAX_RESULT_BYTES = 40 * 1024 * 1024;

export const engineResultEvent = z.object({
  jobId,
  mime: z.enum(['image/png', 'image/jpeg']),
  // base64 checked here: the receiver decodes it, and undecodable text would fail there instead.
  bytes: z
    .base64()
    .min(1)
    .max(Math.ceil(MAX_RESULT_BYTES / 3) * 4),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  /** The upscaler's backend; absent for background removal, which runs its own (MediaPipe) engine. */
  backend: backendNameSchema.optional(),
  /** Background removal: the mask as a PNG, base64 (white = subject). */
  mask: z.base64().min(1).optional(),
});

/**
 * The engine's own sentence; a blank one would leave the person's failed job saying nothing. Read in the
 * background, where the stand-in can be in the browser's language (the offscreen document has no i18n).
 */
export const engineErrorEvent = z.object({
  jobId,
  error: z.object({
    ...jobErrorSchema.shape,
    message: z.string().transform((text) => text.trim() || t('od_engine_failed')),
  }),
});
export const engineCancelledEvent = z.object({ jobId });

export interface EngineProtocol {
  engineProgress(data: z.infer<typeof engineProgressEvent>): void;
  engineResult(data: z.infer<typeof engineResultEvent>): void;
  engineError(data: z.infer<typeof engineErrorEvent>): void;
  engineCancelled(data: z.infer<typeof engineCancelledEvent>): void;
  /** No job for a while: the background may close the document (after checking, under its lock). */
  engineIdle(): void;
}

export const engineMessaging = defineExtensionMessaging<EngineProtocol>();
