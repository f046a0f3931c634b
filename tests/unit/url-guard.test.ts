import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkCloudUrl, checkVideoUrl, isPrivateHost } from '@/utils/url-guard';

describe('checkCloudUrl', () => {
  it.each([
    ['http://localhost/cat.jpg', 'private'],
    ['http://127.0.0.1:8080/cat.jpg', 'private'],
    ['http://0x7f.1/cat.jpg', 'private'], // WHATWG URL normalises it to 127.0.0.1
    ['http://10.1.2.3/a.png', 'private'],
    ['http://172.20.0.5/a.png', 'private'],
    ['http://192.168.1.20/cat.jpg', 'private'],
    ['http://169.254.169.254/latest', 'private'],
    ['http://[::1]/a.png', 'private'],
    ['http://[fd00::1]/a.png', 'private'],
    ['http://[::ffff:192.168.0.1]/a.png', 'private'],
    ['http://printer.local/scan.jpg', 'private'],
    ['http://nas/photos/1.jpg', 'private'],
    ['data:image/png;base64,iVBORw0KGgo=', 'inline'],
    ['blob:https://gallery.example.org/5f1c', 'page-local'],
    ['file:///home/me/a.png', 'scheme'],
    ['https://user:pass@gallery.example.org/a.png', 'credentials'],
    ['not a url', 'invalid'],
  ])('refuses %s (%s) with a sentence', (url, reason) => {
    const verdict = checkCloudUrl(url);
    expect(verdict.ok).toBe(false);
    if (!verdict.ok) {
      expect(verdict.reason).toBe(reason);
      expect(verdict.message.length).toBeGreaterThan(20);
    }
  });

  it.each([
    'https://gallery.example.org/images/photo.jpg',
    'http://photos.example.com/a.png?size=large',
    'https://172.15.0.1/a.png',
    'https://8.8.8.8/a.png',
    'https://[2001:db8::1]/a.png',
  ])('accepts the public address %s', (url) => {
    expect(checkCloudUrl(url).ok).toBe(true);
  });

  it('refuses every private IPv4 address, whatever the path (property)', () => {
    const privateV4 = fc.oneof(
      fc.tuple(fc.constant(10), fc.nat(255), fc.nat(255), fc.nat(255)),
      fc.tuple(fc.constant(127), fc.nat(255), fc.nat(255), fc.nat(255)),
      fc.tuple(fc.constant(172), fc.integer({ min: 16, max: 31 }), fc.nat(255), fc.nat(255)),
      fc.tuple(fc.constant(192), fc.constant(168), fc.nat(255), fc.nat(255)),
    );
    fc.assert(
      fc.property(privateV4, fc.webPath(), (parts, path) => {
        expect(checkCloudUrl(`http://${parts.join('.')}${path}`).ok).toBe(false);
      }),
    );
  });

  it('never throws and always explains a refusal (property)', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string(), fc.webUrl({ withQueryParameters: true, withFragments: true })),
        (raw) => {
          const verdict = checkCloudUrl(raw);
          if (!verdict.ok) expect(verdict.message).toMatch(/\S/);
          else expect(['http:', 'https:']).toContain(new URL(verdict.url).protocol);
        },
      ),
    );
  });

  it('treats single-label and .local names as private but dotted public names as public', () => {
    expect(isPrivateHost('intranet')).toBe(true);
    expect(isPrivateHost('cam.local.')).toBe(true);
    expect(isPrivateHost('example.org')).toBe(false);
  });
});

describe('checkVideoUrl', () => {
  it.each([
    ['blob:https://www.example.com/9a1c', 'streamed into the page'],
    ['https://www.youtube.com/watch?v=abc', 'youtube.com'],
    ['https://youtu.be/abc', 'youtu.be'],
    ['https://player.vimeo.com/video/1', 'vimeo.com'],
    ['http://10.0.0.2/movie.mp4', 'private or local address'],
  ])('refuses %s, saying why', (url, words) => {
    const verdict = checkVideoUrl(url);
    expect(verdict.ok).toBe(false);
    if (!verdict.ok) expect(verdict.message).toContain(words);
  });

  it('accepts a direct video file on a public host', () => {
    expect(checkVideoUrl('https://gallery.example.org/videos/clip.mp4').ok).toBe(true);
  });
});
