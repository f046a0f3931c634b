import { toBase64 } from '../../base64';
import { PAGE_READ_BYTES_MAX, type PageReadBytesReply } from '../../messages/page-protocol';
import { recordsOf } from '../common/records';
import { absoluteUrl } from '../common/urls';
import type { Finders } from '../common/world';
import { finders as allFinders } from '../find-media';
import { imageTypeOf, readCapped } from './image-bytes';
import { t } from '../../i18n';

/** Under the 25 s request budget, like the load timeout. */
export const READ_TIMEOUT_MS = 20_000;

export const READ_REFUSALS = {
  notShown: t('page_read_not_shown'),
  scheme: t('page_read_scheme'),
  tooBig: t('page_read_too_big', PAGE_READ_BYTES_MAX / 1024 / 1024),
  notImage: t('page_read_not_image'),
  crossOrigin: t('page_read_cross_origin'),
  failed: t('page_read_failed'),
};

export interface ReadBytesOptions {
  /** Injectable because test DOMs have no network. */
  fetch?: typeof fetch;
  timeoutMs?: number;
  maxBytes?: number;
}

type Read = { bytes: Uint8Array; type: string } | 'too-big' | 'not-image' | 'failed';

/**
 * The bytes of an image this page shows, read as the page itself can (cookies, same-origin rules, CORS).
 * Not a fetch proxy: `srcUrl` must be a URL an `<img>` in this document shows or offers (src, srcset,
 * `<picture>` source, lazy data-src), or a layer of an element's CSS background. Tried in order: fetch, which serves same-origin, data:, blob: and
 * CORS-enabled addresses; else the loaded `<img>` drawn to a canvas and encoded as PNG, which works only
 * when its pixels are readable (CORS-clean); else a refusal with a reason a person can read.
 */
export const readImageBytes = (
  doc: Document,
  jobId: string,
  srcUrl: string,
  options: ReadBytesOptions = {},
) => readShownImageBytes(doc, jobId, srcUrl, allFinders, options);

/** readImageBytes with the finders given (the page code's byte reader borrows the core's). */
export async function readShownImageBytes(
  doc: Document,
  jobId: string,
  srcUrl: string,
  finders: Finders,
  options: ReadBytesOptions = {},
): Promise<PageReadBytesReply> {
  const url = absoluteUrl(srcUrl, doc.baseURI);
  const images = url ? (finders.ofKind('image', doc, url) as HTMLImageElement[]) : [];
  const shown = images.length > 0 || (url !== null && finders.anyBackground(doc, url));
  if (!url || !shown) return refuse('notShown');
  const { protocol, origin } = new URL(url);
  if (!['https:', 'http:', 'data:', 'blob:'].includes(protocol)) return refuse('scheme');

  const max = options.maxBytes ?? PAGE_READ_BYTES_MAX;
  const pageOrigin = doc.defaultView?.origin ?? doc.location?.origin;
  const crossOrigin = (protocol === 'https:' || protocol === 'http:') && origin !== pageOrigin;
  // Cookies first, as the page's own <img> sent them; a cross-origin server that answers CORS with `*`
  // refuses credentialed reads, so it gets a second try without.
  const attempts: RequestCredentials[] = crossOrigin ? ['include', 'omit'] : ['include'];
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), options.timeoutMs ?? READ_TIMEOUT_MS);
  try {
    let read: Read = 'failed';
    for (const credentials of attempts) {
      read = await fetchImage(options.fetch ?? fetch, url, credentials, max, controller.signal);
      if (read !== 'failed') break;
    }
    if (read === 'failed') {
      // Tagged copies first: pageInspect chose them for this job.
      const tagged = recordsOf(doc)
        .tagged(jobId)
        .filter((el): el is HTMLImageElement => images.includes(el as HTMLImageElement));
      read = await drawAsPng(doc, [...tagged, ...images], url, max);
    }
    if (typeof read !== 'string') {
      return { ok: true, type: read.type, base64: toBase64(read.bytes), size: read.bytes.length };
    }
    if (read === 'too-big') return refuse('tooBig');
    if (read === 'not-image') return refuse('notImage');
    return refuse(crossOrigin ? 'crossOrigin' : 'failed');
  } finally {
    clearTimeout(timer);
  }
}

const refuse = (why: keyof typeof READ_REFUSALS): PageReadBytesReply => ({
  ok: false,
  reason: READ_REFUSALS[why],
});

async function fetchImage(
  fetchFn: typeof fetch,
  url: string,
  credentials: RequestCredentials,
  max: number,
  signal: AbortSignal,
): Promise<Read> {
  try {
    // force-cache: the copy the page already shows, byte for byte, without asking the server again.
    const response = await fetchFn(url, { credentials, signal, cache: 'force-cache' });
    if (!response.ok) return 'failed';
    const bytes = await readCapped(response, max);
    if (bytes === 'too-big') return bytes;
    const type = imageTypeOf(response.headers.get('content-type'), bytes);
    return type ? { bytes, type } : 'not-image';
  } catch {
    return 'failed'; // network error, CORS refusal, or the timeout
  }
}

/** A canvas drawn with a cross-origin image without CORS is "tainted": toBlob then throws SecurityError. */
async function drawAsPng(doc: Document, images: HTMLImageElement[], url: string, max: number): Promise<Read> {
  // Only a copy showing exactly this URL: another srcset candidate would be another file.
  const img = images.find(
    (i) => i.complete && i.naturalWidth > 0 && absoluteUrl(i.currentSrc, doc.baseURI) === url,
  );
  if (!img) return 'failed';
  try {
    const canvas = doc.createElement('canvas');
    canvas.width = img.naturalWidth;
    canvas.height = img.naturalHeight;
    const context = canvas.getContext('2d');
    if (!context) return 'failed';
    context.drawImage(img, 0, 0);
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
    if (!blob) return 'failed'; // e.g. a canvas too large to allocate
    if (blob.size > max) return 'too-big';
    return { bytes: new Uint8Array(await blob.arrayBuffer()), type: 'image/png' };
  } catch {
    return 'failed';
  }
}
