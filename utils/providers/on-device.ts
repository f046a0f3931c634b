import { ProviderError } from '../errors';
import { getBlob } from '../jobs/blobs';
import { cancelOnDevice, offscreenExists, startOnDevice, type OnDeviceWork } from '../on-device/client';
import { sizeRefusal } from '../on-device/limits';
import { readLocalJob, writeLocalJob } from '../on-device/local-jobs';
import type { Operation, Provider, RemoteStatus, SubmitRequest } from './types';

/**
 * The on-device engine as a provider: no key, nothing leaves the browser. The image's bytes go to the
 * offscreen document (utils/on-device), which reports progress per tile; the result is stored locally
 * and handed to the page as bytes. Its "result URL" only names that stored copy.
 */
const op = (scale: 2 | 4): Operation => ({
  id: `upscale-${scale}x`,
  label: `Upscale ${scale}×`,
  group: 'Upscale',
  media: 'image',
  scale,
  hint: 'ESRGAN-slim, runs in this browser; nothing is sent anywhere',
  costHint: 'free, on this device',
  payload: scale,
});
const removeBackground: Operation = {
  id: 'remove-background',
  label: 'Remove background (people)',
  group: 'Background',
  media: 'image',
  scale: 1,
  cutout: true,
  hint: 'MediaPipe selfie segmentation, for people and portraits; runs in this browser',
  costHint: 'free, on this device',
};
export const ON_DEVICE_OPERATIONS = [op(2), op(4), removeBackground] as const satisfies readonly Operation[];

const workFor = (operation: Operation): OnDeviceWork =>
  operation.id === removeBackground.id
    ? { kind: 'remove-background' }
    : { kind: 'upscale', scale: operation.scale === 4 ? 4 : 2 };

/** What the job records as its result and mask "URLs": names of the copies kept in IndexedDB. */
const RESULT_PREFIX = 'on-device:result/';
const MASK_PREFIX = 'on-device:mask/';

function precheck({ operation, media }: SubmitRequest): string | null {
  if (!media.width || !media.height) return null; // the engine checks again once it decoded the image
  return sizeRefusal(media.width, media.height, operation.scale) ?? null;
}

async function status(jobId: string): Promise<RemoteStatus> {
  const local = await readLocalJob(jobId);
  const base = { rawStatus: local?.state ?? 'starting', etaSeconds: null } as const;
  if (local?.state === 'done') {
    const maskUrl = local.mask ? MASK_PREFIX + jobId : undefined;
    return { ...base, state: 'completed', progress: 1, resultUrl: RESULT_PREFIX + jobId, maskUrl };
  }
  if (local?.state === 'cancelled') return { ...base, state: 'canceled', progress: null };
  if (local?.state === 'failed') {
    return { ...base, state: 'failed', progress: null, error: new ProviderError(local.error) };
  }
  if (!(await offscreenExists())) {
    const message =
      'The on-device engine stopped (the browser was closed or restarted). Retry to run it again.';
    return {
      ...base,
      state: 'failed',
      progress: null,
      error: new ProviderError({ kind: 'provider_failure', message, retryable: true }),
    };
  }
  const progress = local?.state === 'running' && local.total > 0 ? local.done / local.total : 0;
  return { ...base, state: local ? 'processing' : 'queued', progress };
}

export const onDevice = {
  id: 'on-device',
  name: 'On device',
  credential: null,
  operations: ON_DEVICE_OPERATIONS,
  input: 'bytes',
  resultAccess: 'local',
  // Tiles finish every second or two: poll the local record often; large photos can take minutes.
  pollSchedule: { firstMs: 1_000, factor: 1.2, maxMs: 2_000, maxPolls: 3_000, maxAgeMs: 60 * 60_000 },
  precheck,
  async submit({ operation, media, jobId }) {
    if (!jobId || !media.bytes) {
      throw new ProviderError({
        kind: 'invalid_input',
        retryable: false,
        message: 'The image could not be read.',
      });
    }
    await writeLocalJob(jobId, { state: 'running', done: 0, total: 1 });
    await startOnDevice(jobId, workFor(operation), media.bytes);
    return { providerJobId: jobId };
  },
  status: (jobId) => status(jobId),
  async download(url) {
    const blob = url.startsWith(RESULT_PREFIX)
      ? await getBlob(url.slice(RESULT_PREFIX.length), 'result')
      : url.startsWith(MASK_PREFIX)
        ? await getBlob(url.slice(MASK_PREFIX.length), 'mask')
        : undefined;
    if (!blob)
      throw new ProviderError({
        kind: 'not_found',
        retryable: false,
        message: 'The on-device result is gone.',
      });
    return blob;
  },
  async cancel(jobId) {
    await cancelOnDevice(jobId);
    await writeLocalJob(jobId, { state: 'cancelled' });
  },
} satisfies Provider;
