import { z } from 'zod';
import { ProviderError } from '../errors';
import { sniffImageType } from '../image-type';
import { checkProviderUrl } from '../provider-url';
import { hitpawPost } from './hitpaw-api';
import { isRedirect, malformed, send } from './http';
import { BYTES_WANTED, type ProviderContext } from './types';
import { t } from '../i18n';

/**
 * HitPaw's OSS pre-sign upload (https://developer.hitpaw.com/common/oss-presign-put-api), for images
 * HitPaw's servers cannot download themselves (data:, blob:, private hosts, or an "Invalid URL" answer):
 * `POST /api/oss/presign-put` with the key, then `PUT upload_url` with the raw bytes and exactly the
 * answered Content-Type — and no key: the upload URL is signed, and it points at a storage host, not at
 * HitPaw's API. The `access_url` it answers is what the job endpoints then take as the image's URL.
 */

/** Image types on HitPaw's upload whitelist, with the file extension its `filename` must carry. */
export const HITPAW_UPLOAD_TYPES: Readonly<Record<string, string>> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/gif': 'gif',
  'image/webp': 'webp',
  'image/bmp': 'bmp',
};

const NAMES: Record<string, string> = {
  'image/jpeg': 'JPEG',
  'image/png': 'PNG',
  'image/gif': 'GIF',
  'image/webp': 'WebP',
  'image/bmp': 'BMP',
  'image/avif': 'AVIF',
  'image/heic': 'HEIC',
  'image/tiff': 'TIFF',
};

// The PUT follows at once; a link that expires soon is worth little to anyone who sees it later.
const UPLOAD_URL_SECONDS = 600;

const presignSchema = z.object({
  upload_url: z.string(),
  access_url: z.string(),
  content_type: z.string().min(1).max(200),
});

export interface Uploaded {
  /** The public address of the uploaded bytes: what the job endpoints take as the image URL. */
  accessUrl: string;
  /** The type the bytes announce (sniffed, not trusted from any label). */
  type: string;
}

/** Refused before anything is sent: the type is not one this endpoint (or the upload) takes. */
function wrongType(type: string | undefined, accepted: readonly string[], what: string): ProviderError {
  const names = accepted.map((t) => NAMES[t] ?? t);
  const list = t('hp_list_and', [names.slice(0, -1).join(', '), names.at(-1) ?? '']);
  const found = type ? (NAMES[type] ?? type) : t('hp_type_unknown');
  return new ProviderError({
    kind: 'invalid_input',
    retryable: false,
    message: t('hp_wrong_type', [what, list, found]),
  });
}

/**
 * Nothing ran at HitPaw before its job endpoint is called, so a failed or cut-off presign or PUT is
 * safe to repeat: it is a transient failure, never the "may have been received" of a lost submit.
 */
function uploadFailed(detail: string): ProviderError {
  return new ProviderError({
    kind: 'provider_failure',
    retryable: true,
    message: t('hp_upload_failed', detail),
  });
}

async function putBytes(url: string, bytes: Blob, contentType: string, ctx: ProviderContext) {
  const raw = await send(
    'HitPaw storage',
    async (signal) => {
      // Only the Content-Type the presign named: it is part of the signature. No Apikey, no cookies.
      const response = await fetch(url, {
        method: 'PUT',
        body: bytes,
        headers: { 'Content-Type': contentType },
        credentials: 'omit',
        redirect: 'manual', // a redirect would carry the bytes to an address HitPaw did not sign
        signal,
      });
      if (isRedirect(response)) throw uploadFailed(t('hp_upload_redirect'));
      return response;
    },
    ctx,
  );
  if (raw.status === 403) throw uploadFailed(t('hp_upload_expired'));
  if (raw.status < 200 || raw.status >= 300) throw uploadFailed(t('hp_upload_status', raw.status));
}

/**
 * Uploads `bytes` through HitPaw's OSS and returns their access URL. `accepted` narrows the whitelist to
 * what the calling endpoint takes (segmentation: JPEG, PNG, WebP); `what` names it in a refusal.
 */
export async function uploadToHitPaw(
  bytes: Blob,
  ctx: ProviderContext,
  accepted: readonly string[] = Object.keys(HITPAW_UPLOAD_TYPES),
  what = 'HitPaw',
): Promise<Uploaded> {
  const type = sniffImageType(new Uint8Array(await bytes.slice(0, 16).arrayBuffer()));
  const extension = type && accepted.includes(type) ? HITPAW_UPLOAD_TYPES[type] : undefined;
  if (!type || !extension) throw wrongType(type, accepted, what);

  const body = { filename: `image.${extension}`, content_type: type, expire_seconds: UPLOAD_URL_SECONDS };
  const data = await hitpawPost('api/oss/presign-put', body, presignSchema, ctx.key, ctx, 0).catch(
    (error: unknown) => {
      throw error instanceof ProviderError && error.kind === 'network' ? uploadFailed('no answer') : error;
    },
  );
  // Both come from the network: the bytes go only to a public https address, and only such an
  // address is handed to HitPaw as the image's URL.
  const uploadUrl = checkProviderUrl(data.upload_url);
  const accessUrl = checkProviderUrl(data.access_url);
  if (!uploadUrl || !accessUrl) throw malformed('HitPaw', 'its upload addresses are not public https links');

  await putBytes(uploadUrl, bytes, data.content_type, ctx).catch((error: unknown) => {
    throw error instanceof ProviderError && error.kind === 'network' ? uploadFailed('cut off') : error;
  });
  return { accessUrl, type };
}

/**
 * HitPaw answered "Invalid URL" (100400001) to a job that went by URL: nothing ran, and the same image
 * uploaded would do. Marked so that whoever can read the bytes submits again with them.
 */
export function wantsBytes(error: unknown, sentBytes: boolean): unknown {
  if (sentBytes || !(error instanceof ProviderError) || error.code !== 100400001) return error;
  return new ProviderError({
    kind: error.kind,
    retryable: false,
    message: error.message,
    code: BYTES_WANTED,
    httpStatus: error.httpStatus,
  });
}
