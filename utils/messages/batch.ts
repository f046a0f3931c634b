import { defineExtensionMessaging } from '@webext-core/messaging';
import * as z from 'zod/mini';
import { MAX_BATCH_ITEMS } from '../batch-limits';

export { MAX_BATCH_ITEMS };

/**
 * "Enhance all images on this page…". Background → the batch code it injected into the tab's top
 * frame: open the dialog with the image operations to choose from (each with its cost rule). Batch code
 * → background: the person confirmed (the operation and the images still ticked). The popup → background:
 * open it on the page the person is looking at. The injected code checks `batchOpen` with its own small
 * guard (utils/page/batch/open-request.ts, held to `batchOpenRequest` by a test); the background parses
 * `batchConfirm` with the zod schema below: what it lists comes from a web page's DOM.
 */

/** A `data:` image is its own URL; a few MB is as large as any the page code would hand over. */
const MAX_URL_LENGTH = 4_000_000;

const unit = z.enum(['coins', 'credits']);
const amount = z.number().check(z.nonnegative());
export const costRuleSchema = z.union([
  z.object({ kind: z.literal('device') }),
  z.object({ kind: z.literal('free') }),
  z.object({ kind: z.literal('flat'), unit, amount }),
  z.object({
    kind: z.literal('by-output'),
    unit,
    scale: z.number().check(z.positive()),
    tiers: z.array(z.tuple([amount, amount])).check(z.minLength(1), z.maxLength(20)),
  }),
  z.object({ kind: z.literal('unknown'), unit }),
]);

const menuItemId = z.string().check(z.minLength(1), z.maxLength(200));

export const batchOpenRequest = z.object({
  operations: z
    .array(
      z.object({
        /** The `<provider>:<operation>` menu id. */
        id: menuItemId,
        /** "General 2× · HitPaw", with "(add key)" when its provider has no key yet. */
        label: z.string().check(z.minLength(1), z.maxLength(300)),
        rule: costRuleSchema,
      }),
    )
    .check(z.minLength(1), z.maxLength(300)),
  /** The operation chosen when the dialog opens (the last one run, else on-device upscale 2×). */
  selected: menuItemId,
});
export type BatchOpen = z.infer<typeof batchOpenRequest>;
export type BatchOperation = BatchOpen['operations'][number];

/** An address a page shows an image at: web, `data:` or `blob:` (intake guards it further). */
const mediaUrl = z.string().check(
  z.minLength(1),
  z.maxLength(MAX_URL_LENGTH),
  z.refine((url) => /^(https?:|data:image\/|blob:)/i.test(url), 'Not an image address.'),
);

export const batchConfirmRequest = z.object({
  menuItemId,
  items: z
    .array(z.object({ url: mediaUrl, kind: z.enum(['image', 'background']) }))
    .check(z.minLength(1), z.maxLength(MAX_BATCH_ITEMS)),
});
export type BatchConfirm = z.infer<typeof batchConfirmRequest>;

export interface BatchProtocol {
  batchOpen(data: BatchOpen): void;
  batchConfirm(data: BatchConfirm): void;
  /** From the toolbar popup: open the dialog on the page the person is looking at. */
  batchFromPopup(): boolean;
}

export const batchMessaging = defineExtensionMessaging<BatchProtocol>();
