import { defineExtensionMessaging } from '@webext-core/messaging';
import { z } from 'zod';

/**
 * Mask mode: the viewer (an extension page) → the background, once the person has drawn a mask and
 * pressed Remove. The background checks the sender is an extension page and parses this before acting.
 */
export const MASK_PARAM = 'mask';

/** Drawn masks are small PNGs; this bounds what a message may carry. */
const MAX_MASK_CHARS = 30 * 1024 * 1024;

export const maskSubmitRequest = z.object({
  /** The `<provider>:<operation>` menu id of a drawn-mask operation. */
  menuItemId: z.string().min(1).max(200),
  /** The clicked image's URL (also data: URLs, so no small cap). */
  srcUrl: z.string().min(1).max(MAX_MASK_CHARS),
  tabId: z.number().int().nonnegative(),
  frameId: z.number().int().nonnegative(),
  /** The mask as a `data:image/png;base64,` URL, the image's size, white where drawn. */
  mask: z.string().startsWith('data:image/png;base64,').max(MAX_MASK_CHARS),
});
export type MaskSubmit = z.infer<typeof maskSubmitRequest>;

export type MaskSubmitReply = { ok: true } | { ok: false; message: string };

export interface MaskProtocol {
  maskSubmit(data: MaskSubmit): MaskSubmitReply;
}

export const maskMessaging = defineExtensionMessaging<MaskProtocol>();

/** The viewer's address in mask mode for a click (the menu item and the image it was on). */
export function maskEditorQuery(menuItemId: string, srcUrl: string, tabId: number, frameId: number): string {
  const params = new URLSearchParams({
    [MASK_PARAM]: menuItemId,
    src: srcUrl,
    tab: String(tabId),
    frame: String(frameId),
  });
  return `?${params}`;
}

/** The viewer's query read back; null when it is not a complete mask-mode address. */
export function readMaskEditorQuery(
  search: string,
): Pick<MaskSubmit, 'menuItemId' | 'srcUrl' | 'tabId' | 'frameId'> | null {
  const params = new URLSearchParams(search);
  const parsed = maskSubmitRequest.omit({ mask: true }).safeParse({
    menuItemId: params.get(MASK_PARAM),
    srcUrl: params.get('src'),
    tabId: Number(params.get('tab')),
    frameId: Number(params.get('frame') ?? 0),
  });
  return parsed.success ? parsed.data : null;
}
