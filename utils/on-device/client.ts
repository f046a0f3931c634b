import { toBase64 } from '../base64';
import type { OnDeviceRequest, OnDeviceScale } from './protocol';

/**
 * The background's side of the offscreen engine: one offscreen document (reason WORKERS: WebAssembly
 * and canvases need a document, the worker has neither), created on first use.
 */
const OFFSCREEN_URL = 'offscreen.html';

export async function offscreenExists(): Promise<boolean> {
  const contexts = await chrome.runtime.getContexts({
    contextTypes: ['OFFSCREEN_DOCUMENT' as chrome.runtime.ContextType],
  });
  return contexts.length > 0;
}

let creating: Promise<void> | undefined;

async function ensureOffscreen(): Promise<void> {
  if (await offscreenExists()) return;
  creating ??= chrome.offscreen
    .createDocument({
      url: OFFSCREEN_URL,
      reasons: ['WORKERS' as chrome.offscreen.Reason],
      justification: 'Runs the on-device image model (WebAssembly) without sending the image anywhere.',
    })
    .finally(() => (creating = undefined));
  await creating;
}

async function send(request: OnDeviceRequest): Promise<void> {
  await ensureOffscreen();
  await chrome.runtime.sendMessage(request);
}

export async function startUpscale(jobId: string, scale: OnDeviceScale, image: Blob): Promise<void> {
  const bytes = toBase64(new Uint8Array(await image.arrayBuffer()));
  await send({ type: 'on-device/upscale', jobId, scale, mime: image.type || 'image/png', bytes });
}

export async function cancelUpscale(jobId: string): Promise<void> {
  if (await offscreenExists()) await chrome.runtime.sendMessage({ type: 'on-device/cancel', jobId });
}
