import { defineExtensionMessaging } from '@webext-core/messaging';
import * as z from 'zod/mini';

/**
 * Pick mode's messages. Background → the pick code it injected into a tab's frames: start (what the
 * pick is for) and stop (a pick was made or cancelled in another frame). Pick code → background: what
 * was picked, or that the person cancelled. zod/mini keeps the injected script small. Each receiver
 * checks the sender and parses the payload: what the page code reports comes from a web page's DOM.
 */
export const pickStartRequest = z.object({
  /** The `<provider>:<operation>` menu id the pick is for. */
  menuItemId: z.string().check(z.minLength(1), z.maxLength(200)),
  /** What will be sent and what it costs: the operation's menu title. */
  title: z.string().check(z.minLength(1), z.maxLength(300)),
  media: z.enum(['image', 'video']),
});
export type PickStart = z.infer<typeof pickStartRequest>;

const size = z.nullable(z.number().check(z.int(), z.nonnegative()));
export const pickDoneRequest = z.object({
  menuItemId: z.string().check(z.minLength(1), z.maxLength(200)),
  /** The picked media's URL as the page shows it; the background guards it like a menu click's. */
  url: z.string().check(z.minLength(1)),
  /** 'background': a CSS background image, swapped in place of the element's background layer. */
  kind: z.enum(['image', 'video', 'background']),
  width: size,
  height: size,
});
export type PickDone = z.infer<typeof pickDoneRequest>;

export interface PickProtocol {
  pickStart(data: PickStart): void;
  pickStop(): void;
  pickDone(data: PickDone): void;
  pickCancel(): void;
}

export const pickMessaging = defineExtensionMessaging<PickProtocol>();
