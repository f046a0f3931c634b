import type { HitPawConfig } from './config';
import type { ErrorCode } from './envelope';
import { PHOTO_EXTENSIONS, VIDEO_EXTENSIONS } from './models';

/**
 * Synchronous submit validation, the first five checks of the order in ../README.md: JSON → required
 * fields → model → extension → URL syntax. The rest (limits, coins) need the fetched input and the
 * key, and live in the submit handler.
 */
type Result<T> = { ok: true; value: T } | { ok: false; code: ErrorCode };

export interface PhotoRequest {
  model: string;
  url: string;
  extension: string;
  exif: boolean;
  dpi?: number;
}
export interface SegmentationRequest {
  url: string;
}
export interface VideoRequest {
  model: string;
  url: string;
  extension: string;
  resolution: [number, number];
}

const bad = (code: ErrorCode) => ({ ok: false, code }) as const;
const isText = (v: unknown): v is string => typeof v === 'string' && v.trim() !== '';
const isPair = (v: unknown): v is [number, number] =>
  Array.isArray(v) && v.length === 2 && v.every((n) => Number.isInteger(n) && n > 0);
const isHttpUrl = (v: string) => {
  try {
    const { protocol, hostname } = new URL(v);
    return (protocol === 'http:' || protocol === 'https:') && hostname !== '';
  } catch {
    return false;
  }
};

/** Step 1: a JSON object, else 100400002. */
export function parseJson(raw: Buffer): Result<Record<string, unknown>> {
  try {
    const value: unknown = JSON.parse(raw.toString('utf8'));
    if (value && typeof value === 'object' && !Array.isArray(value))
      return { ok: true, value: value as Record<string, unknown> };
  } catch {
    // fall through
  }
  return bad(100400002);
}

export function validatePhoto(body: Record<string, unknown>, config: HitPawConfig): Result<PhotoRequest> {
  const { model_name: model, img_url: url, extension, exif, DPI: dpi } = body;
  if (!isText(model) || !isText(url) || !isText(extension)) return bad(100403000);
  if (
    (exif !== undefined && typeof exif !== 'boolean') ||
    (dpi !== undefined && !(Number.isInteger(dpi) && (dpi as number) > 0))
  )
    return bad(100403000);
  if (!config.acceptedModels.photo.includes(model)) return bad(110400005);
  if (!(PHOTO_EXTENSIONS as readonly string[]).includes(extension.toLowerCase())) return bad(110400007);
  if (!isHttpUrl(url)) return bad(100400001);
  return {
    ok: true,
    value: {
      model,
      url,
      extension: extension.toLowerCase(),
      exif: exif === true,
      dpi: dpi as number | undefined,
    },
  };
}

export function validateSegmentation(body: Record<string, unknown>): Result<SegmentationRequest> {
  const { file_url: url } = body;
  if (!isText(url)) return bad(100403000);
  if (!isHttpUrl(url)) return bad(100400001);
  return { ok: true, value: { url } };
}

export function validateVideo(body: Record<string, unknown>, config: HitPawConfig): Result<VideoRequest> {
  const {
    video_url: url,
    model_name: model,
    resolution,
    extension = '.mp4',
    original_resolution: original,
  } = body;
  if (!isText(url) || !isText(model) || !isPair(resolution)) return bad(100403000);
  if (!isText(extension) || (original !== undefined && !isPair(original))) return bad(100403000);
  if (!config.acceptedModels.video.includes(model)) return bad(110400005);
  if (!(VIDEO_EXTENSIONS as readonly string[]).includes(extension.toLowerCase())) return bad(110400007);
  if (!isHttpUrl(url)) return bad(110400008);
  return { ok: true, value: { model, url, extension: extension.toLowerCase(), resolution } };
}

/** task-status: `job_id` must be a non-empty string, else 100403000. */
export function validateStatus(body: Record<string, unknown>): Result<string> {
  return isText(body.job_id) ? { ok: true, value: body.job_id } : bad(100403000);
}
