import { defineExtensionMessaging } from '@webext-core/messaging';
import { z } from 'zod';
import type {
  BackdropChoice,
  MediaVersion,
  PageBackdropRequest,
  PageCompareOpenRequest,
  PageInspectRequest,
  PageNoticeRequest,
  PageProgressRequest,
  PageProtocol,
  PageReadBytesRequest,
  PageRequestProtocol,
  PageReplaceRequest,
  PageShowRequest,
} from './page-protocol';

/**
 * The page protocol's reference schemas, each tied to its type in page-protocol.ts. The page code itself
 * checks payloads with hand-written guards (utils/page/common/guards.ts) to stay small; a property test
 * holds those guards to exactly what these schemas accept.
 */
export * from './page-protocol';

export const mediaVersionSchema: z.ZodType<MediaVersion> = z.enum(['original', 'enhanced']);

export const pageInspectRequest: z.ZodType<PageInspectRequest> = z.object({
  jobId: z.string().min(1),
  srcUrl: z.string().min(1),
});

export const backdropChoiceSchema: z.ZodType<BackdropChoice> = z.union([
  z.enum(['transparent', 'white', 'checkerboard']),
  z.string().regex(/^#[0-9a-f]{6}$/i),
]);

export const pageReplaceRequest: z.ZodType<PageReplaceRequest> = z
  .object({
    jobId: z.string().min(1),
    srcUrl: z.string().min(1),
    resultUrl: z.string().min(1).optional(),
    resultData: z
      .object({ type: z.string().regex(/^(image|video)\//), base64: z.string().min(1) })
      .optional(),
    label: z.string().max(200),
    backdrop: backdropChoiceSchema.optional(),
  })
  .refine((r) => (r.resultUrl === undefined) !== (r.resultData === undefined), {
    message: 'exactly one of resultUrl and resultData',
  });

export const pageShowRequest: z.ZodType<PageShowRequest> = z.object({
  jobId: z.string().min(1),
  version: mediaVersionSchema,
});

export const pageBackdropRequest: z.ZodType<PageBackdropRequest> = z.object({
  jobId: z.string().min(1),
  backdrop: backdropChoiceSchema,
});

export const pageReadBytesRequest: z.ZodType<PageReadBytesRequest> = z.object({
  jobId: z.string().min(1),
  srcUrl: z.string().min(1),
});

export const pageNoticeRequest: z.ZodType<PageNoticeRequest> = z.object({
  message: z.string().min(1).max(500),
  tone: z.enum(['info', 'error']),
});

export const pageProgressRequest: z.ZodType<PageProgressRequest> = z.object({
  jobId: z.string().min(1),
  phase: z.enum(['running', 'done', 'failed', 'ended']),
  percent: z.number().int().min(0).max(100).nullable(),
});

export const pageCompareOpenRequest: z.ZodType<PageCompareOpenRequest> = z.object({
  jobId: z.string().min(1),
});

/**
 * The background's end of the channel. The page code answers on the same wire format without this
 * library (utils/page/common/channel.ts); a unit test sends through this end to that one.
 */
export const pageMessaging = defineExtensionMessaging<PageProtocol>();

/** What the page code asks of the background (the background checks the sender and the payload). */
export const pageRequestMessaging = defineExtensionMessaging<PageRequestProtocol>();
