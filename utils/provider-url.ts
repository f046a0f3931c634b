import type { JobError } from './errors';
import type { RemoteStatus } from './providers/types';
import { isPrivateHost } from './url-guard';

/**
 * The one check for every URL a provider hands back (result, mask, preview clips, a resolved
 * EnhanceCraft output): the extension fetches these, stores what they return, opens them in tabs and
 * sets them in pages, so a provider (or whoever answers in its name) must not be able to point the
 * browser at this machine or its network, smuggle credentials, or use a non-web scheme.
 */

/** Longest URL accepted; real provider/CDN URLs, even signed ones, are far shorter. */
export const MAX_PROVIDER_URL_LENGTH = 4096;

export type ProviderUrlVerdict = { ok: true; url: string } | { ok: false; reason: string };

export function inspectProviderUrl(raw: unknown): ProviderUrlVerdict {
  if (typeof raw !== 'string' || raw.length === 0) return { ok: false, reason: 'it is empty' };
  if (raw.length >= MAX_PROVIDER_URL_LENGTH) return { ok: false, reason: 'it is unreasonably long' };
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, reason: 'it is not a web address' };
  }
  if (url.protocol !== 'https:') return { ok: false, reason: 'it is not an https address' };
  if (url.username !== '' || url.password !== '') {
    return { ok: false, reason: 'it carries a user name or password' };
  }
  // WHATWG URL has already turned 0x7f.1, 2130706433 and the like into dotted IPv4 here.
  if (url.hostname === '' || isPrivateHost(url.hostname)) {
    return { ok: false, reason: `it points to a private or local address (${url.hostname || 'none'})` };
  }
  // Normalising can lengthen the URL (percent-encoding), so the form that will be used is checked.
  if (url.href.length >= MAX_PROVIDER_URL_LENGTH) return { ok: false, reason: 'it is unreasonably long' };
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
    const message = `${providerName} sent a result link that was not used: ${result.reason}.`;
    return { status, error: { kind: 'refused_url', message, retryable: false } };
  }
  const maskUrl = status.maskUrl === undefined ? undefined : (checkProviderUrl(status.maskUrl) ?? undefined);
  const before = previewOf(status.previewUrls?.before) ?? undefined;
  const after = previewOf(status.previewUrls?.after) ?? undefined;
  const previewUrls =
    before || after ? { ...(before ? { before } : {}), ...(after ? { after } : {}) } : undefined;
  return { status: { ...status, resultUrl: result.url, maskUrl, previewUrls } };
}
