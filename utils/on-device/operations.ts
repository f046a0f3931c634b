import type { Operation } from '../providers/types';

/**
 * What the on-device engine offers, as the menus and Options name it: plain upscaling and background
 * removal for people. Data only (the engine and its adapter live elsewhere), so Options can name the
 * on-device counterpart of a cloud choice without loading either.
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
export const ON_DEVICE_REMOVE_BACKGROUND: Operation = {
  id: 'remove-background',
  label: 'Remove background (people)',
  group: 'Background',
  media: 'image',
  scale: 1,
  cutout: true,
  hint: 'MediaPipe selfie segmentation, for people and portraits; runs in this browser',
  costHint: 'free, on this device',
};
export const ON_DEVICE_OPERATIONS = [
  op(2),
  op(4),
  ON_DEVICE_REMOVE_BACKGROUND,
] as const satisfies readonly Operation[];
