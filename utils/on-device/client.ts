import { toBase64 } from '../base64';
import { offscreenMessaging, type OffscreenTask, type OnDeviceScale } from '../messages';
import { oneAtATime } from '../one-at-a-time';

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

/**
 * Opening the document and handing it a job, and closing it when idle, take turns: otherwise a close
 * decided just before a job arrives would take that job down with it.
 */
const exclusive = oneAtATime();

/** Closes the document if it has no job queued or running (asked of the document itself). */
export function closeOffscreenIfIdle(): Promise<boolean> {
  return exclusive(async () => {
    if (!(await offscreenExists())) return false;
    const status = await offscreenMessaging.sendMessage('offscreenStatus').catch(() => undefined);
    if (!status || status.running.length > 0) return false;
    await chrome.offscreen.closeDocument();
    return true;
  });
}

/** What the engine is asked to do with one image. */
export type OnDeviceWork = { kind: 'upscale'; scale: OnDeviceScale } | { kind: 'remove-background' };

export async function startOnDevice(jobId: string, work: OnDeviceWork, image: Blob): Promise<void> {
  const bytes = toBase64(new Uint8Array(await image.arrayBuffer()));
  const mime = image.type || 'image/png';
  const task: OffscreenTask =
    work.kind === 'upscale'
      ? { work: 'upscale', jobId, scale: work.scale, mime, bytes }
      : { work: 'remove-background', jobId, mime, bytes };
  await exclusive(async () => {
    await ensureOffscreen();
    await offscreenMessaging.sendMessage('offscreenRun', task);
  });
}

export async function cancelOnDevice(jobId: string): Promise<void> {
  if (await offscreenExists()) await offscreenMessaging.sendMessage('offscreenCancel', { jobId });
}
