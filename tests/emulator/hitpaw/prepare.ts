import type { ErrorCode } from './envelope';
import { fetchInput, probeImage, type InputSource } from './input';
import {
  LIMITS,
  PHOTO_INPUT_FORMATS,
  SEGMENTATION_INPUT_FORMATS,
  SEGMENTATION_PRICE,
  maxOutputPixels,
  modelScale,
  photoClass,
  photoPrice,
  videoPrice,
} from './models';
import { enhanceImage } from './process-image';
import { segmentImage } from './process-segment';
import { enhanceVideo } from './process-video';
import type { Prepared } from './submit';
import type { PhotoRequest, VideoRequest } from './validate';
import { probeVideo } from '../site/video';

/**
 * Step 6 per endpoint: fetch the input (in-process), check its limits, price the job by output
 * size. Limits can only be checked on a fetched input; an input that cannot be fetched is accepted
 * at the lowest price and fails later, asynchronously, as the real service does.
 */
export async function preparePhoto(sources: readonly InputSource[], req: PhotoRequest): Promise<Prepared> {
  const cheapest = photoPrice(req.model, 0);
  const fetched = await fetchInput(req.url, sources);
  if (fetched.state === 'unreachable') return { input: 'unreachable', coins: cheapest };
  if (fetched.state === 'http-error') return { input: 'unusable', coins: cheapest };
  const info = await probeImage(fetched.file.bytes, PHOTO_INPUT_FORMATS);
  if (!info) return { input: 'unusable', coins: cheapest };
  const scale = modelScale(req.model);
  const output = info.width * scale * info.height * scale;
  const limitError: ErrorCode | undefined =
    info.width * info.height > LIMITS.maxInputPixels
      ? 110400009
      : output > maxOutputPixels(req.model)
        ? 110400010
        : undefined;
  const generative = photoClass(req.model) !== 'standard';
  return {
    input: 'ok',
    coins: photoPrice(req.model, output),
    megapixels: (info.width * info.height) / 1e6,
    limitError,
    process: async (publish) => {
      const options = {
        scale,
        extension: req.extension,
        exif: req.exif,
        dpi: generative ? undefined : req.dpi,
      };
      const file = await enhanceImage(fetched.file.bytes, options);
      return { resUrl: publish(`result${req.extension}`, file) };
    },
  };
}

export async function prepareSegmentation(sources: readonly InputSource[], url: string): Promise<Prepared> {
  const fetched = await fetchInput(url, sources);
  if (fetched.state === 'unreachable') return { input: 'unreachable', coins: SEGMENTATION_PRICE };
  const info =
    fetched.state === 'ok' ? await probeImage(fetched.file.bytes, SEGMENTATION_INPUT_FORMATS) : null;
  if (fetched.state !== 'ok' || !info) return { input: 'unusable', coins: SEGMENTATION_PRICE };
  return {
    input: 'ok',
    coins: SEGMENTATION_PRICE,
    megapixels: (info.width * info.height) / 1e6,
    limitError: info.width * info.height > LIMITS.maxInputPixels ? 110400009 : undefined,
    process: async (publish) => {
      const { cutout, mask } = await segmentImage(fetched.file.bytes);
      return { resUrl: publish('result.png', cutout), maskUrl: publish('mask.png', mask) };
    },
  };
}

export async function prepareVideo(sources: readonly InputSource[], req: VideoRequest): Promise<Prepared> {
  const [tw, th] = req.resolution;
  const targetError: ErrorCode | undefined = tw * th > LIMITS.maxVideoPixels ? 110400010 : undefined;
  const fetched = await fetchInput(req.url, sources);
  if (fetched.state === 'unreachable') {
    return { input: 'unreachable', coins: videoPrice(req.model, req.resolution, 1), limitError: targetError };
  }
  const info = fetched.state === 'ok' ? await probeVideo(fetched.file.bytes) : null;
  if (fetched.state !== 'ok' || !info) {
    return { input: 'unusable', coins: videoPrice(req.model, req.resolution, 1), limitError: targetError };
  }
  const { minVideoSeconds: min, maxVideoSeconds: max } = LIMITS;
  const limitError: ErrorCode | undefined =
    info.width * info.height > LIMITS.maxVideoPixels
      ? 110400009
      : (targetError ?? (info.duration < min || info.duration > max ? 110400011 : undefined));
  return {
    input: 'ok',
    coins: videoPrice(req.model, req.resolution, info.duration),
    limitError,
    process: async (publish) => {
      const file = await enhanceVideo(fetched.file.bytes, req.resolution, req.extension);
      return { resUrl: publish(`result${req.extension}`, file) };
    },
  };
}
