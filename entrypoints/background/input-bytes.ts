import { browser } from 'wxt/browser';
import { fromBase64 } from '@/utils/base64';
import { PAGE_READ_BYTES_MAX, pageMessaging } from '@/utils/messages';
import { deadline } from '@/utils/providers/http';
import { asImage, readCapped } from '@/utils/read-capped';
import { injectPagePart, type FrameTarget } from './page-bridge';
import { t } from '@/utils/i18n';

export type BytesResult = { ok: true; blob: Blob } | { ok: false; reason: string };

const NOT_READABLE = t('image_not_downloadable');

/**
 * The worker's own download, which works where the extension has (or was just given) host access:
 * under one deadline, capped as the bytes arrive, and kept only when the bytes are an image (whatever
 * the server calls them).
 */
async function fetchInWorker(url: string): Promise<Blob | undefined> {
  const limit = deadline();
  try {
    const response = await fetch(url, { credentials: 'omit', signal: limit.signal });
    if (!response.ok) {
      await response.body?.cancel().catch(() => undefined);
      return undefined;
    }
    const blob = await readCapped(response, PAGE_READ_BYTES_MAX, limit.signal);
    return blob && blob.size > 0 ? await asImage(blob) : undefined;
  } catch {
    return undefined;
  }
}

/** Host access for that one origin, asked of the person now (a menu click is a user gesture). */
async function askForOrigin(url: string): Promise<boolean> {
  let origin: string;
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return false;
    origin = `${parsed.origin}/*`;
  } catch {
    return false;
  }
  if (await browser.permissions.contains({ origins: [origin] })) return false; // had it; fetch failed anyway
  return browser.permissions.request({ origins: [origin] }).catch(() => false);
}

/**
 * The bytes of the clicked image, for providers that take an upload (EnhanceCraft): first from the page
 * itself (same-origin, data:, blob:, CORS-clean images — cookies included, nothing refetched elsewhere),
 * then by the worker, asking for host access to that origin only when it is needed.
 */
export async function readInputBytes(
  target: FrameTarget | undefined,
  jobId: string,
  srcUrl: string,
): Promise<BytesResult> {
  let pageReason: string | undefined;
  if (target) {
    await injectPagePart(target, 'read-bytes'); // the page code's byte reader joins it for this job only
    const reply = await pageMessaging
      .sendMessage('pageReadBytes', { jobId, srcUrl }, target)
      .catch(() => undefined);
    if (reply?.ok) return { ok: true, blob: new Blob([fromBase64(reply.base64)], { type: reply.type }) };
    pageReason = reply?.reason;
  }
  const direct = await fetchInWorker(srcUrl);
  if (direct) return { ok: true, blob: direct };
  if (await askForOrigin(srcUrl)) {
    const granted = await fetchInWorker(srcUrl);
    if (granted) return { ok: true, blob: granted };
  }
  return { ok: false, reason: pageReason ?? NOT_READABLE };
}
