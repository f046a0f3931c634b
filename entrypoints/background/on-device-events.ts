import type { z } from 'zod';
import { fromBase64 } from '@/utils/base64';
import type { EngineReport } from '@/utils/jobs/reports';
import {
  engineCancelledEvent,
  engineErrorEvent,
  engineMessaging,
  engineProgressEvent,
  engineResultEvent,
} from '@/utils/messages';
import { closeOffscreenIfIdle } from '@/utils/on-device/client';
import { fromExtensionPage, type MessageSender } from '@/utils/sender';
import { onDeviceBackend } from '@/utils/storage';

/**
 * Reports from the offscreen engine (progress per tile, the result, an error) become transitions that the
 * job engine applies as they come; after an outcome the scheduler looks at what is due (a result: its
 * page). Only this extension's own pages are listened to, and only payloads that parse.
 */
export function registerOnDeviceEvents(deps: {
  report(jobId: string, report: EngineReport): Promise<void>;
  tick(): Promise<void>;
}) {
  // Which backend runs, for Options: stored when it changes, not with every tile.
  let backendSeen: string | undefined;
  async function noteBackend(backend: string | undefined) {
    if (!backend || backend === backendSeen) return;
    backendSeen = backend;
    await onDeviceBackend.setValue(backend);
  }

  async function apply(jobId: string, report: EngineReport) {
    await deps.report(jobId, report);
    await deps.tick();
  }

  /** Answered once applied: the pending answer keeps the worker alive until the report is stored. */
  function on<T>(schema: z.ZodType<T>, handle: (data: T) => Promise<void>) {
    return async ({ data, sender }: { data: unknown; sender: MessageSender }) => {
      if (!fromExtensionPage(sender)) return;
      const parsed = schema.safeParse(data);
      if (parsed.success) await handle(parsed.data);
    };
  }

  engineMessaging.onMessage(
    'engineProgress',
    on(engineProgressEvent, async ({ jobId, done, total, backend }) => {
      await noteBackend(backend);
      // Answered at once: progress only updates the row, and the latest report carries it anyway.
      void deps.report(jobId, { kind: 'progress', done, total });
    }),
  );
  engineMessaging.onMessage(
    'engineResult',
    on(engineResultEvent, async ({ jobId, bytes, mime, mask, width, height, backend }) => {
      await noteBackend(backend);
      const result = new Blob([fromBase64(bytes)], { type: mime });
      const maskBlob = mask ? new Blob([fromBase64(mask)], { type: 'image/png' }) : undefined;
      await apply(jobId, { kind: 'result', result, mask: maskBlob, width, height });
    }),
  );
  engineMessaging.onMessage(
    'engineError',
    on(engineErrorEvent, ({ jobId, error }) => apply(jobId, { kind: 'error', error })),
  );
  engineMessaging.onMessage(
    'engineCancelled',
    on(engineCancelledEvent, ({ jobId }) => apply(jobId, { kind: 'cancelled' })),
  );
  engineMessaging.onMessage('engineIdle', ({ sender }) => {
    // It offers again after its next job; the close itself checks, under the client's lock.
    if (fromExtensionPage(sender)) void closeOffscreenIfIdle().catch(() => undefined);
  });
}
