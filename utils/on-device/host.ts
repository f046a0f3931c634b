import { fromBase64, toBase64 } from '../base64';
import { ProviderError, type JobError } from '../errors';
import { NoBackendError } from './backend';
import { maskImage } from './cutout';
import {
  MAX_RESULT_BYTES,
  offscreenCancelRequest,
  offscreenRunRequest,
  type EngineProtocol,
  type OffscreenTask,
  type OnDeviceStatus,
} from '../messages';
import { sizeRefusal } from './limits';
import type { BackgroundRemover } from './segmenter';
import type { RgbaImage } from './tiles';
import type { UpscaleEngine } from './upscale';

export interface OffscreenHostDeps {
  engine: UpscaleEngine;
  /** Started on the first background removal only: the upscaler alone never loads it. */
  segmenter: () => BackgroundRemover;
  /** Bytes → pixels; `refuse` is asked with the decoded size before the pixels are read. */
  decode(
    bytes: Uint8Array,
    mime: string,
    refuse: (w: number, h: number) => string | undefined,
  ): Promise<RgbaImage>;
  encode(image: RgbaImage, mime: 'image/png' | 'image/jpeg'): Promise<Uint8Array>;
  /** Sends a report to the background. Failures (no listener yet) must not stop the job. */
  post(...report: EngineReport): Promise<unknown> | void;
  /** How long the document waits with no job before offering to be closed; IDLE_CLOSE_MS by default. */
  idleMs?: number;
}

/**
 * The document holds the models, the wasm heaps and a GL context (hundreds of MB): after a minute with
 * nothing to do it tells the background, which closes it if still idle. A minute keeps a person's run of
 * clicks on one warm engine; reloading costs 0.2 s (upscaler) to a few seconds (segmentation).
 */
export const IDLE_CLOSE_MS = 60_000;

/** One report to the background: a message name of the engine protocol and its payload. */
export type EngineReport = {
  [K in keyof EngineProtocol]: [type: K, data: Parameters<EngineProtocol[K]>[0]];
}[keyof EngineProtocol];

/**
 * Photos stay JPEG (an 8000×6000 PNG of a photo is ~70 MB, past what a runtime message carries); every
 * other input becomes PNG, which keeps transparency.
 */
export const resultMime = (inputMime: string): 'image/png' | 'image/jpeg' =>
  inputMime === 'image/jpeg' || inputMime === 'image/jpg' ? 'image/jpeg' : 'image/png';

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

function toJobError(error: unknown): JobError {
  if (error instanceof ProviderError) return error.toJobError();
  if (error instanceof NoBackendError) {
    return {
      kind: 'unsupported_model',
      retryable: false,
      message: `This browser could not start on-device enhancement. ${error.message} Use a cloud provider.`,
    };
  }
  return {
    kind: 'provider_failure',
    retryable: true,
    message: `On-device enhancement failed: ${message(error)}`,
  };
}

/**
 * The offscreen document's logic, apart from its wiring: one engine, jobs run in arrival order (the
 * engine queues them), each cancellable while queued or between tiles. Requests arrive unchecked and are
 * parsed here; anything that is not a valid request is ignored.
 */
export function createOffscreenHost(deps: OffscreenHostDeps) {
  const { engine } = deps;
  const running = new Map<string, AbortController>();
  let startFailures: OnDeviceStatus['failures'] = []; // why no backend started, for Options

  let idleTimer: ReturnType<typeof setTimeout> | undefined;
  const settle = () => {
    clearTimeout(idleTimer);
    idleTimer = undefined;
    if (running.size === 0) {
      idleTimer = setTimeout(() => post('engineIdle', undefined), deps.idleMs ?? IDLE_CLOSE_MS);
    }
  };

  const post = (...report: EngineReport) => {
    try {
      void Promise.resolve(deps.post(...report)).catch(() => undefined);
    } catch {
      // the background may be restarting; its reconcile will ask again
    }
  };

  let segmenter: BackgroundRemover | undefined;

  /** The task's pixels → result pixels, reporting progress and honouring the cancel signal. */
  function work(task: OffscreenTask, image: RgbaImage, signal: AbortSignal): Promise<RgbaImage> {
    const { jobId } = task;
    if (task.work === 'remove-background') {
      segmenter ??= deps.segmenter();
      const onProgress = (done: number, total: number) => post('engineProgress', { jobId, done, total });
      return segmenter.removeBackground(image, { signal, onProgress });
    }
    const onProgress = (done: number, total: number) =>
      post('engineProgress', { jobId, done, total, backend: engine.backend()?.name });
    return engine.upscale(image, task.scale, { signal, onProgress });
  }

  async function run(task: OffscreenTask) {
    const { jobId } = task;
    const upscaling = task.work === 'upscale';
    const controller = new AbortController();
    running.set(jobId, controller);
    // The workers and model start while the image is decoded (a no-op once they run).
    if (upscaling) engine.warm?.(task.scale);
    try {
      const refuse = (w: number, h: number) => sizeRefusal(w, h, upscaling ? task.scale : 1);
      let image: RgbaImage;
      try {
        image = await deps.decode(fromBase64(task.bytes), task.mime, refuse);
      } catch (error) {
        if (error instanceof ProviderError) throw error;
        throw new ProviderError({
          kind: 'invalid_input',
          retryable: false,
          message: `This ${task.mime} image could not be decoded on device (${message(error)}).`,
        });
      }
      const result = await work(task, image, controller.signal);
      controller.signal.throwIfAborted();
      // A cut-out needs its alpha channel: always PNG.
      const mime = upscaling ? resultMime(task.mime) : 'image/png';
      const bytes = await deps.encode(result, mime);
      if (bytes.length > MAX_RESULT_BYTES) {
        throw new ProviderError({
          kind: 'limit_exceeded',
          retryable: false,
          message: `The result is ${(bytes.length / 2 ** 20).toFixed(0)} MB, more than on-device enhancement can hand back (${MAX_RESULT_BYTES / 2 ** 20} MB). ${upscaling ? 'Choose a smaller scale.' : 'Use a smaller copy of the image.'}`,
        });
      }
      const backend = upscaling ? (engine.backend()?.name ?? 'cpu') : undefined;
      const mask = upscaling ? undefined : toBase64(await deps.encode(maskImage(result), 'image/png'));
      const { width, height } = result;
      post('engineResult', { jobId, mime, bytes: toBase64(bytes), width, height, backend, mask });
    } catch (error) {
      if (error instanceof NoBackendError) startFailures = error.failures;
      if (controller.signal.aborted) post('engineCancelled', { jobId });
      else post('engineError', { jobId, error: toJobError(error) });
    } finally {
      running.delete(jobId);
      settle();
    }
  }

  settle(); // a document created for a request that never came still closes

  return {
    /**
     * Starts a job; resolves with a promise of its end (tests await it, the message listener does not),
     * or undefined for anything that is not a valid request. A repeated request (the worker restarted
     * and asked again) joins the job already running.
     */
    run(raw: unknown): { done: Promise<void> } | undefined {
      const parsed = offscreenRunRequest.safeParse(raw);
      if (!parsed.success) return undefined;
      if (running.has(parsed.data.jobId)) return { done: Promise.resolve() };
      clearTimeout(idleTimer);
      return { done: run(parsed.data) };
    },
    cancel(raw: unknown): void {
      const parsed = offscreenCancelRequest.safeParse(raw);
      if (parsed.success) running.get(parsed.data.jobId)?.abort();
    },
    status(): OnDeviceStatus {
      const choice = engine.backend();
      return {
        backend: choice?.name ?? null,
        failures: choice?.failures ?? startFailures,
        running: [...running.keys()],
      };
    },
  };
}
