import { z } from 'zod';
import { jobErrorSchema } from '../errors';

/**
 * Messages between the background and the offscreen document that hosts the on-device engine. Requests
 * go background → offscreen; events come back as separate runtime messages (not as the reply), so a job
 * that outlives a service-worker restart still reports: each event wakes the worker. Every payload is
 * zod-checked by its receiver. To be folded into utils/messages.ts when the background is wired.
 */

export const ON_DEVICE_SCALES = [2, 4] as const;
export type OnDeviceScale = (typeof ON_DEVICE_SCALES)[number];
export const backendNameSchema = z.enum(['webgpu', 'webgl', 'wasm', 'cpu']);

export const onDeviceRequestSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('on-device/upscale'),
    jobId: z.string().min(1),
    scale: z.union([z.literal(2), z.literal(4)]),
    /** The input's type, e.g. image/jpeg: JPEG comes back as JPEG (see resultMime), others as PNG. */
    mime: z.string().regex(/^image\/[\w.+-]+$/),
    /** The input file, base64. */
    bytes: z.string().min(1),
  }),
  z.object({
    type: z.literal('on-device/remove-background'),
    jobId: z.string().min(1),
    mime: z.string().regex(/^image\/[\w.+-]+$/),
    bytes: z.string().min(1),
  }),
  z.object({ type: z.literal('on-device/cancel'), jobId: z.string().min(1) }),
  /** Replied to directly with OnDeviceStatus: which backend runs (shown in Options). */
  z.object({ type: z.literal('on-device/status') }),
]);
export type OnDeviceRequest = z.infer<typeof onDeviceRequestSchema>;

export const onDeviceEventSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('on-device/progress'),
    jobId: z.string(),
    done: z.number().int().nonnegative(),
    total: z.number().int().positive(),
    backend: backendNameSchema.optional(),
  }),
  z.object({
    type: z.literal('on-device/result'),
    jobId: z.string(),
    mime: z.enum(['image/png', 'image/jpeg']),
    bytes: z.string().min(1),
    width: z.number().int().positive(),
    height: z.number().int().positive(),
    /** The upscaler's backend; absent for background removal, which runs its own (MediaPipe) engine. */
    backend: backendNameSchema.optional(),
    /** Background removal: the mask as a PNG, base64 (white = subject). */
    mask: z.string().min(1).optional(),
  }),
  z.object({ type: z.literal('on-device/error'), jobId: z.string(), error: jobErrorSchema }),
  z.object({ type: z.literal('on-device/cancelled'), jobId: z.string() }),
  /** No job for a while: the background may close the document (after checking, under its lock). */
  z.object({ type: z.literal('on-device/idle') }),
]);
export type OnDeviceEvent = z.infer<typeof onDeviceEventSchema>;

export interface OnDeviceStatus {
  backend: z.infer<typeof backendNameSchema> | null;
  failures: { name: string; reason: string }[];
  running: string[];
}

export type OnDeviceTask = Extract<
  OnDeviceRequest,
  { type: 'on-device/upscale' } | { type: 'on-device/remove-background' }
>;

/**
 * Photos stay JPEG (an 8000×6000 PNG of a photo is ~70 MB, past what a runtime message carries); every
 * other input becomes PNG, which keeps transparency.
 */
export const resultMime = (inputMime: string): 'image/png' | 'image/jpeg' =>
  inputMime === 'image/jpeg' || inputMime === 'image/jpg' ? 'image/jpeg' : 'image/png';

/**
 * Largest result handed back in one message: Chromium drops runtime messages over 64 MiB, and base64
 * adds a third. Matches the blob store's MAX_CACHED_BYTES.
 */
export const MAX_RESULT_BYTES = 40 * 1024 * 1024;
