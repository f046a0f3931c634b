import { ProviderError } from '../errors';
import { cancelOnDevice, offscreenExists, startOnDevice, type OnDeviceWork } from '../on-device/client';
import { sizeRefusal } from '../on-device/limits';
import { ON_DEVICE_OPERATIONS, ON_DEVICE_REMOVE_BACKGROUND } from '../on-device/operations';
import type { Operation, Provider, RemoteStatus, SubmitRequest } from './types';
import { t } from '../i18n';

/**
 * The on-device engine as a provider: no key, nothing leaves the browser. The image's bytes go to the
 * offscreen document (utils/on-device), which reports progress per tile, then the result, as messages
 * the job engine applies as they come (entrypoints/background/on-device-events.ts): the result is kept
 * as our own copy and handed to the page as bytes. It has no link, so nothing here names one.
 * Its operations are listed in utils/on-device/operations.ts.
 */
const workFor = (operation: Operation): OnDeviceWork =>
  operation.id === ON_DEVICE_REMOVE_BACKGROUND.id
    ? { kind: 'remove-background' }
    : { kind: 'upscale', scale: operation.scale === 4 ? 4 : 2 };

function precheck({ operation, media }: SubmitRequest): string | null {
  if (!media.width || !media.height) return null; // the engine checks again once it decoded the image
  return sizeRefusal(media.width, media.height, operation.scale) ?? null;
}

/**
 * The engine reports by itself; this slow poll is only a safety net for the case it cannot report: the
 * document gone (the browser closed or restarted it) while the job was still in hand.
 */
async function status(): Promise<RemoteStatus> {
  const base = { rawStatus: 'running', progress: null, etaSeconds: null } as const;
  if (await offscreenExists()) return { ...base, state: 'queued' };
  const message = t('od_engine_gone');
  const error = new ProviderError({ kind: 'provider_failure', message, retryable: true });
  return { ...base, rawStatus: 'engine gone', state: 'failed', error };
}

export const onDevice = {
  id: 'on-device',
  name: 'On device',
  credential: null,
  operations: ON_DEVICE_OPERATIONS,
  input: 'bytes',
  resultAccess: 'local',
  // A safety poll only (progress and the result arrive as reports): slow, for up to an hour.
  pollSchedule: { firstMs: 5_000, factor: 1.5, maxMs: 15_000, maxPolls: 400, maxAgeMs: 60 * 60_000 },
  precheck,
  async submit({ operation, media, jobId }) {
    if (!jobId || !media.bytes) {
      throw new ProviderError({
        kind: 'invalid_input',
        retryable: false,
        message: t('image_unreadable'),
      });
    }
    await startOnDevice(jobId, workFor(operation), media.bytes);
    return { providerJobId: jobId };
  },
  status: () => status(),
  async cancel(jobId) {
    await cancelOnDevice(jobId);
  },
} satisfies Provider;
