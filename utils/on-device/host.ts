import { fromBase64, toBase64 } from '../base64';
import { ProviderError, type JobError } from '../errors';
import { NoBackendError } from './backend';
import { sizeRefusal } from './limits';
import {
  MAX_RESULT_BYTES,
  onDeviceRequestSchema,
  resultMime,
  type OnDeviceEvent,
  type OnDeviceRequest,
  type OnDeviceStatus,
} from './protocol';
import type { RgbaImage } from './tiles';
import type { UpscaleEngine } from './upscale';

export interface OffscreenHostDeps {
  engine: UpscaleEngine;
  /** Bytes → pixels; `refuse` is asked with the decoded size before the pixels are read. */
  decode(
    bytes: Uint8Array,
    mime: string,
    refuse: (w: number, h: number) => string | undefined,
  ): Promise<RgbaImage>;
  encode(image: RgbaImage, mime: 'image/png' | 'image/jpeg'): Promise<Uint8Array>;
  /** Sends an event to the background. Failures (no listener yet) must not stop the job. */
  post(event: OnDeviceEvent): Promise<unknown> | void;
}

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
 * engine queues them), each cancellable while queued or between tiles. `handle` returns the direct reply
 * to a request (status) or undefined.
 */
export function createOffscreenHost(deps: OffscreenHostDeps) {
  const { engine } = deps;
  const running = new Map<string, AbortController>();
  let startFailures: OnDeviceStatus['failures'] = []; // why no backend started, for Options

  const post = (event: OnDeviceEvent) => {
    try {
      void Promise.resolve(deps.post(event)).catch(() => undefined);
    } catch {
      // the background may be restarting; its reconcile will ask again
    }
  };

  async function upscale(request: Extract<OnDeviceRequest, { type: 'on-device/upscale' }>) {
    const { jobId, scale } = request;
    const controller = new AbortController();
    running.set(jobId, controller);
    try {
      const refuse = (w: number, h: number) => sizeRefusal(w, h, scale);
      let image: RgbaImage;
      try {
        image = await deps.decode(fromBase64(request.bytes), request.mime, refuse);
      } catch (error) {
        if (error instanceof ProviderError) throw error;
        throw new ProviderError({
          kind: 'invalid_input',
          retryable: false,
          message: `This ${request.mime} image could not be decoded on device (${message(error)}).`,
        });
      }
      const result = await engine.upscale(image, scale, {
        signal: controller.signal,
        onProgress: (done, total) =>
          post({ type: 'on-device/progress', jobId, done, total, backend: engine.backend()?.name }),
      });
      controller.signal.throwIfAborted();
      const mime = resultMime(request.mime);
      const bytes = await deps.encode(result, mime);
      if (bytes.length > MAX_RESULT_BYTES) {
        throw new ProviderError({
          kind: 'limit_exceeded',
          retryable: false,
          message: `The enhanced image is ${(bytes.length / 2 ** 20).toFixed(0)} MB, more than on-device enhancement can hand back (${MAX_RESULT_BYTES / 2 ** 20} MB). Choose a smaller scale.`,
        });
      }
      const backend = engine.backend()?.name ?? 'cpu';
      const { width, height } = result;
      post({ type: 'on-device/result', jobId, mime, bytes: toBase64(bytes), width, height, backend });
    } catch (error) {
      if (error instanceof NoBackendError) startFailures = error.failures;
      if (controller.signal.aborted) post({ type: 'on-device/cancelled', jobId });
      else post({ type: 'on-device/error', jobId, error: toJobError(error) });
    } finally {
      running.delete(jobId);
    }
  }

  return {
    /** Resolves when the job has finished (tests await it; the message listener does not). */
    handle(raw: unknown): { reply?: OnDeviceStatus; done?: Promise<void> } | undefined {
      const parsed = onDeviceRequestSchema.safeParse(raw);
      if (!parsed.success) return undefined;
      const request = parsed.data;
      switch (request.type) {
        case 'on-device/upscale':
          // A repeated request (the worker restarted and asked again) joins the job already running.
          if (running.has(request.jobId)) return {};
          return { done: upscale(request) };
        case 'on-device/cancel':
          running.get(request.jobId)?.abort();
          return {};
        case 'on-device/status': {
          const choice = engine.backend();
          return {
            reply: {
              backend: choice?.name ?? null,
              failures: choice?.failures ?? startFailures,
              running: [...running.keys()],
            },
          };
        }
      }
    },
  };
}
