import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  checkProviderUrl,
  inspectProviderUrl,
  MAX_PROVIDER_URL_LENGTH,
  screenStatusUrls,
} from '@/utils/provider-url';
import type { RemoteStatus } from '@/utils/providers/types';

describe('checkProviderUrl', () => {
  it.each([
    'https://cdn.example.net/results/abc.png',
    'https://storage.googleapis.com/b/r.png?X-Goog-Signature=abc&X-Goog-Expires=3600',
    'https://8.8.8.8/r.png',
    'https://172.15.0.1/r.png', // just outside 172.16/12
    'https://[2001:db8::1]:8443/r.webp',
  ])('accepts the public address %s, normalised', (url) => {
    expect(checkProviderUrl(url)).toBe(new URL(url).href);
  });

  it.each([
    ['https://127.0.0.1/r.png', /private or local address \(127\.0\.0\.1\)/],
    ['https://0x7f.1/r.png', /127\.0\.0\.1/], // WHATWG URL spells it out before we look
    ['https://2130706433/r.png', /127\.0\.0\.1/],
    ['https://localhost/r.png', /private or local/],
    ['https://10.0.0.8/r.png', /private or local/],
    ['https://192.168.1.10/r.png', /private or local/],
    ['https://169.254.169.254/latest/meta-data', /private or local/],
    ['https://[::1]/r.png', /private or local/],
    ['https://[fe80::1]/r.png', /private or local/],
    ['https://[::ffff:127.0.0.1]/r.png', /private or local/],
    ['https://nas.local/r.png', /private or local/],
    ['https://files/r.png', /private or local/],
    ['http://cdn.example.net/r.png', /not an https address/],
    ['javascript:alert(1)', /not an https address/],
    ['data:image/png;base64,AA', /not an https address/],
    ['https://user:pw@cdn.example.net/r.png', /user name or password/],
    ['/relative/r.png', /not a web address/],
    ['', /empty/],
    [`https://cdn.example.net/${'a'.repeat(MAX_PROVIDER_URL_LENGTH)}`, /unreasonably long/],
  ])('refuses %s, saying why', (url, why) => {
    const verdict = inspectProviderUrl(url);
    expect(verdict.ok).toBe(false);
    if (!verdict.ok) expect(verdict.reason).toMatch(why);
    expect(checkProviderUrl(url)).toBeNull();
  });

  it('refuses what is not a string (a provider may send anything)', () => {
    for (const value of [undefined, null, 42, {}, ['https://cdn.example.net/r.png']]) {
      expect(checkProviderUrl(value)).toBeNull();
    }
  });
});

const privateV4 = fc.oneof(
  fc.tuple(fc.constant(127), fc.nat(255), fc.nat(255), fc.nat(255)),
  fc.tuple(fc.constant(10), fc.nat(255), fc.nat(255), fc.nat(255)),
  fc.tuple(fc.constant(172), fc.integer({ min: 16, max: 31 }), fc.nat(255), fc.nat(255)),
  fc.tuple(fc.constant(192), fc.constant(168), fc.nat(255), fc.nat(255)),
  fc.tuple(fc.constant(169), fc.constant(254), fc.nat(255), fc.nat(255)),
);
const label = fc.stringMatching(/^[a-z][a-z0-9-]{0,10}[a-z0-9]$/);

describe('checkProviderUrl properties', () => {
  it('never throws; whatever it accepts is https, public, without credentials, under the limit', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.webUrl({ withQueryParameters: true, authoritySettings: { withIPv4: true, withUserInfo: true } }),
        ),
        (raw) => {
          const checked = checkProviderUrl(raw);
          if (checked === null) return;
          const url = new URL(checked);
          expect(url.protocol).toBe('https:');
          expect(url.username + url.password).toBe('');
          expect(checked.length).toBeLessThan(MAX_PROVIDER_URL_LENGTH);
          expect(checkProviderUrl(checked)).toBe(checked); // stable on its own output
        },
      ),
    );
  });

  it('refuses every private or loopback IPv4 address, with any port and path', () => {
    fc.assert(
      fc.property(
        privateV4,
        fc.option(fc.integer({ min: 1, max: 65535 })),
        fc.webPath(),
        (ip, port, path) => {
          const url = `https://${ip.join('.')}${port === null ? '' : `:${port}`}${path}`;
          expect(checkProviderUrl(url)).toBeNull();
        },
      ),
    );
  });

  it('refuses single-label and .local names, accepts the same names under a public domain', () => {
    fc.assert(
      fc.property(label, fc.webPath(), (name, path) => {
        expect(checkProviderUrl(`https://${name}${path}`)).toBeNull();
        expect(checkProviderUrl(`https://${name}.local${path}`)).toBeNull();
        expect(checkProviderUrl(`https://${name}.example.net${path}`)).not.toBeNull();
      }),
    );
  });
});

describe('screenStatusUrls', () => {
  const done = (extra: Partial<RemoteStatus>): RemoteStatus => ({
    state: 'completed',
    rawStatus: 'COMPLETED',
    progress: 1,
    etaSeconds: null,
    resultUrl: 'https://cdn.example.net/r.png',
    ...extra,
  });

  it('keeps good URLs, normalised', () => {
    const { status, error } = screenStatusUrls(
      done({
        resultUrl: 'HTTPS://CDN.example.net/a b.png',
        maskUrl: 'https://cdn.example.net/m.png',
        previewUrls: { before: 'https://cdn.example.net/b.mp4', after: 'https://cdn.example.net/a.mp4' },
      }),
      'HitPaw',
    );
    expect(error).toBeUndefined();
    expect(status.resultUrl).toBe('https://cdn.example.net/a%20b.png');
    expect(status.maskUrl).toBe('https://cdn.example.net/m.png');
    expect(status.previewUrls).toEqual({
      before: 'https://cdn.example.net/b.mp4',
      after: 'https://cdn.example.net/a.mp4',
    });
  });

  it('a refused result URL is a final, readable error', () => {
    const { error } = screenStatusUrls(done({ resultUrl: 'https://127.0.0.1/r.png' }), 'HitPaw');
    expect(error).toEqual({
      kind: 'refused_url',
      retryable: false,
      message:
        'HitPaw sent a result link that was not used: it points to a private or local address (127.0.0.1).',
    });
  });

  it('a refused mask or preview is dropped and the result kept', () => {
    const { status, error } = screenStatusUrls(
      done({
        maskUrl: 'https://10.0.0.2/m.png',
        previewUrls: { before: 'https://cdn.example.net/b.mp4', after: 'http://cdn.example.net/a.mp4' },
      }),
      'TensorPix',
    );
    expect(error).toBeUndefined();
    expect(status.resultUrl).toBe('https://cdn.example.net/r.png');
    expect(status.maskUrl).toBeUndefined();
    expect(status.previewUrls).toEqual({ before: 'https://cdn.example.net/b.mp4' });
  });
});
