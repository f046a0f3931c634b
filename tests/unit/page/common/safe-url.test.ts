// @vitest-environment happy-dom
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_RESULT_URL_LENGTH, checkResultUrl } from '@/utils/page/common/safe-url';
import { isPrivateHost } from '@/utils/url-guard';

describe('checkResultUrl', () => {
  it.each([
    'https://cdn.example.com/results/abc.png',
    'https://cdn.example.com/r.png?X-Amz-Signature=abc&X-Amz-Expires=3600',
    'https://[2001:db8::1]:8443/r.webp',
  ])('accepts %s', (url) => {
    expect(checkResultUrl(url)).toBe(new URL(url).href);
  });

  it('returns the normalised form', () => {
    expect(checkResultUrl('HTTPS://CDN.Example.com/a b.png')).toBe('https://cdn.example.com/a%20b.png');
  });

  it.each([
    'http://cdn.example.com/r.png',
    'HTTP://cdn.example.com/r.png',
    'javascript:alert(1)',
    'data:image/png;base64,iVBORw0KGgo=',
    'blob:https://cdn.example.com/0f1e',
    'file:///etc/passwd',
    'ftp://cdn.example.com/r.png',
    'https://user:secret@cdn.example.com/r.png',
    'https://user@cdn.example.com/r.png',
    'https://:pw@cdn.example.com/r.png',
    '//cdn.example.com/r.png',
    '/results/r.png',
    '',
    'https://',
    `https://cdn.example.com/${'a'.repeat(MAX_RESULT_URL_LENGTH)}`,
    'https://127.0.0.1/r.png',
    'https://[::1]/r.png',
    'https://192.168.1.10/r.png',
    'https://printer.local/r.png',
    'https://intranet/r.png',
  ])('refuses %s', (url) => {
    expect(checkResultUrl(url)).toBeNull();
  });
});

const httpsUrl = fc.webUrl({ validSchemes: ['https'], withQueryParameters: true, withFragments: true });

describe('checkResultUrl properties', () => {
  it('never throws; whatever it accepts is https, without credentials, under the length limit', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.webUrl({ authoritySettings: { withUserInfo: true } })), (raw) => {
        const checked = checkResultUrl(raw);
        if (checked === null) return;
        const url = new URL(checked);
        expect(url.protocol).toBe('https:');
        expect(url.username + url.password).toBe('');
        expect(checked.length).toBeLessThan(MAX_RESULT_URL_LENGTH);
      }),
    );
  });

  it('accepts every plain https URL on a public host and is stable on its own output', () => {
    fc.assert(
      fc.property(httpsUrl, (raw) => {
        const checked = checkResultUrl(raw);
        // fast-check's domains may end in .local, .lan or .corp now and then: those are refused.
        if (isPrivateHost(new URL(raw).hostname)) return void expect(checked).toBeNull();
        expect(checked).toBe(new URL(raw).href);
        expect(checkResultUrl(checked!)).toBe(checked);
      }),
    );
  });

  it('refuses the same URL over http:, or with a user name or password', () => {
    const userinfo = fc.tuple(
      fc.stringMatching(/^[a-z0-9]{1,8}$/),
      fc.option(fc.stringMatching(/^[a-z0-9]{1,8}$/)),
    );
    fc.assert(
      fc.property(httpsUrl, userinfo, (raw, [user, password]) => {
        expect(checkResultUrl(raw.replace(/^https:/, 'http:'))).toBeNull();
        const withCredentials = raw.replace('https://', `https://${user}${password ? `:${password}` : ''}@`);
        expect(checkResultUrl(withCredentials)).toBeNull();
      }),
    );
  });

  it('refuses anything as long as the limit', () => {
    fc.assert(
      fc.property(httpsUrl, fc.integer({ min: 0, max: 2000 }), (raw, extra) => {
        const padded = `${raw.split('#')[0]}${raw.includes('?') ? '&' : '?'}p=${'x'.repeat(MAX_RESULT_URL_LENGTH + extra)}`;
        expect(checkResultUrl(padded)).toBeNull();
      }),
    );
  });
});
