import { t } from './i18n';
/**
 * Which media URLs may be handed to a cloud provider. A provider's servers download the URL themselves,
 * so addresses only this machine or network can reach, page-local data and URLs carrying credentials are
 * refused before anything is sent, with a sentence saying why: such an address would fail at the
 * provider, or hand it something private.
 */
export type UrlVerdict = { ok: true; url: string } | { ok: false; reason: RefusalReason; message: string };
export type RefusalReason = 'inline' | 'page-local' | 'scheme' | 'private' | 'credentials' | 'invalid';

const PRIVATE_SUFFIXES = ['.local', '.localhost', '.internal', '.lan', '.home.arpa', '.intranet', '.corp'];

function ipv4Private(host: string): boolean {
  const parts = host.split('.').map(Number);
  if (parts.length !== 4 || parts.some((n) => !Number.isInteger(n) || n < 0 || n > 255)) return false;
  const [a, b] = parts as [number, number, number, number];
  return (
    a === 0 ||
    a === 10 ||
    a === 127 ||
    (a === 100 && b >= 64 && b <= 127) || // carrier-grade NAT
    (a === 169 && b === 254) ||
    (a === 172 && b >= 16 && b <= 31) ||
    (a === 192 && b === 168) ||
    (a === 198 && (b === 18 || b === 19)) || // benchmarking networks
    a >= 224 // multicast and reserved
  );
}

function ipv6Private(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (h === '::' || h === '::1') return true;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(h);
  if (mapped) return ipv4Private(mapped[1]!);
  if (/^::ffff:[0-9a-f]{1,4}:[0-9a-f]{1,4}$/.test(h)) {
    // WHATWG URL writes mapped IPv4 in hex (::ffff:c0a8:1); turn it back into dotted form.
    const [hi, lo] = h
      .slice(7)
      .split(':')
      .map((x) => parseInt(x, 16)) as [number, number];
    return ipv4Private(`${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`);
  }
  return /^f[cd]/.test(h) || /^fe[89ab]/.test(h);
}

export function isPrivateHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/\.$/, '');
  if (host.startsWith('[')) return ipv6Private(host);
  if (/^[\d.]+$/.test(host)) return ipv4Private(host);
  if (host === 'localhost' || !host.includes('.')) return true; // single-label names are intranet names
  return PRIVATE_SUFFIXES.some((suffix) => host.endsWith(suffix));
}

export function checkCloudUrl(raw: string): UrlVerdict {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, reason: 'invalid', message: t('url_invalid') };
  }
  if (url.protocol === 'data:') {
    return {
      ok: false,
      reason: 'inline',
      message: t('url_inline'),
    };
  }
  if (url.protocol === 'blob:') {
    return {
      ok: false,
      reason: 'page-local',
      message: t('url_page_local'),
    };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return {
      ok: false,
      reason: 'scheme',
      message: t('url_scheme', url.protocol),
    };
  }
  if (url.username || url.password) {
    return {
      ok: false,
      reason: 'credentials',
      message: t('url_credentials'),
    };
  }
  if (isPrivateHost(url.hostname)) {
    return {
      ok: false,
      reason: 'private',
      message: t('url_private', url.hostname),
    };
  }
  return { ok: true, url: url.href };
}

/** Video platforms whose page links the providers refuse (TensorPix docs; HitPaw needs direct files). */
const PLATFORMS = [
  'youtube.com',
  'youtu.be',
  'vimeo.com',
  'tiktok.com',
  'instagram.com',
  'facebook.com',
  'twitch.tv',
];

/** For video: a stream has no file to download, and platform pages are not video files. */
export function checkVideoUrl(raw: string): UrlVerdict {
  if (raw.startsWith('blob:')) {
    return {
      ok: false,
      reason: 'page-local',
      message: t('url_stream'),
    };
  }
  const verdict = checkCloudUrl(raw);
  if (!verdict.ok) return verdict;
  const host = new URL(verdict.url).hostname.toLowerCase();
  const platform = PLATFORMS.find((p) => host === p || host.endsWith(`.${p}`));
  if (platform) {
    return {
      ok: false,
      reason: 'scheme',
      message: t('url_platform', platform),
    };
  }
  return verdict;
}
