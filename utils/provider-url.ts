import type { JobError } from './errors';
import type { RemoteStatus } from './providers/types';
import { t } from './i18n';
import { isPrivateHost } from './url-guard';

/**
 * The one check for every URL a provider hands back (result, mask, preview clips, a resolved
 * EnhanceCraft output): the extension fetches these, stores what they return, opens them in tabs and
 * sets them in pages, so a provider (or whoever answers in its name) must not be able to point the
 * browser at this machine or its network, smuggle credentials, or use a non-web scheme.
 */

/** Longest URL accepted; real provider/CDN URLs, even signed ones, are far shorter. */
export const MAX_PROVIDER_URL_LENGTH = 4096;

/** `reason` says why the link itself is refused; `redirected`, why the address a link redirected to is. */
export type ProviderUrlVerdict =
  { ok: true; url: string } | { ok: false; reason: string; redirected: string };

const refused = (reason: string, redirected: string): ProviderUrlVerdict => ({
  ok: false,
  reason,
  redirected,
});
const tooLong = () => refused(t('link_too_long'), t('link_redirect_too_long'));

export function inspectProviderUrl(raw: unknown): ProviderUrlVerdict {
  if (typeof raw !== 'string' || raw.length === 0) return refused(t('link_empty'), t('link_redirect_empty'));
  if (raw.length >= MAX_PROVIDER_URL_LENGTH) return tooLong();
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return refused(t('link_not_web'), t('link_redirect_not_web'));
  }
  if (url.protocol !== 'https:') return refused(t('link_not_https'), t('link_redirect_not_https'));
  if (url.username !== '' || url.password !== '') {
    return refused(t('link_credentials'), t('link_redirect_credentials'));
  }
  // WHATWG URL has already turned 0x7f.1, 2130706433 and the like into dotted IPv4 here.
  if (url.hostname === '' || isPrivateHost(url.hostname)) {
    const host = url.hostname || 'none';
    return refused(t('link_private', host), t('link_redirect_private', host));
  }
  // Normalising can lengthen the URL (percent-encoding), so the form that will be used is checked.
  if (url.href.length >= MAX_PROVIDER_URL_LENGTH) return tooLong();
  return { ok: true, url: url.href };
}

/** The normalised URL when a provider's URL may be fetched, opened or shown, else null. */
export function checkProviderUrl(raw: unknown): string | null {
  const verdict = inspectProviderUrl(raw);
  return verdict.ok ? verdict.url : null;
}

/** A status whose URLs were checked; `error` is set when its result URL was refused. */
export interface ScreenedStatus {
  status: RemoteStatus;
  error?: JobError;
}

const previewOf = (url: string | undefined) => (url === undefined ? undefined : checkProviderUrl(url));

/**
 * Every URL of a status answer checked and normalised. A refused result URL fails the job for good
 * (asking again returns the same link, and a new submit may cost again). A refused mask or preview
 * clip is only dropped: the result stands on its own, and Download mask / the preview buttons simply
 * do not appear.
 */
export function screenStatusUrls(status: RemoteStatus, providerName: string): ScreenedStatus {
  if (status.resultUrl === undefined) return { status };
  const result = inspectProviderUrl(status.resultUrl);
  if (!result.ok) {
    const message = t('link_refused_result', [providerName, result.reason]);
    return { status, error: { kind: 'refused_url', message, retryable: false } };
  }
  const maskUrl = status.maskUrl === undefined ? undefined : (checkProviderUrl(status.maskUrl) ?? undefined);
  const before = previewOf(status.previewUrls?.before) ?? undefined;
  const after = previewOf(status.previewUrls?.after) ?? undefined;
  const previewUrls =
    before || after ? { ...(before ? { before } : {}), ...(after ? { after } : {}) } : undefined;
  return { status: { ...status, resultUrl: result.url, maskUrl, previewUrls } };
}
