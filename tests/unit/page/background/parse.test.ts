import { describe, expect, it } from 'vitest';
import { cssUrl, parseBackgroundImage } from '@/utils/page/background/parse';

const urls = (value: string) => parseBackgroundImage(value).map((layer) => layer.url);

describe('parseBackgroundImage', () => {
  it('reads nothing from none or an empty value', () => {
    expect(parseBackgroundImage('none')).toEqual([]);
    expect(parseBackgroundImage('  ')).toEqual([]);
  });

  it('keeps every layer as its text, gradients included, with the URL each shows', () => {
    const value =
      'url("https://a.example/one.png"), linear-gradient(rgba(0, 0, 0, 0.5), rgb(255, 255, 255)), ' +
      'url("https://a.example/two,comma.jpg"), radial-gradient(circle at 10% 20%, red, blue)';
    expect(parseBackgroundImage(value)).toEqual([
      { text: 'url("https://a.example/one.png")', url: 'https://a.example/one.png' },
      { text: 'linear-gradient(rgba(0, 0, 0, 0.5), rgb(255, 255, 255))', url: null },
      { text: 'url("https://a.example/two,comma.jpg")', url: 'https://a.example/two,comma.jpg' },
      { text: 'radial-gradient(circle at 10% 20%, red, blue)', url: null },
    ]);
  });

  it('undoes quoting and CSS escapes, and takes unquoted url()', () => {
    expect(urls(String.raw`url("https://a.example/say \"hi\" \\ there.png")`)).toEqual([
      'https://a.example/say "hi" \\ there.png',
    ]);
    expect(urls(String.raw`url('https://a.example/\28 paren\29 .png')`)).toEqual([
      'https://a.example/(paren).png',
    ]);
    expect(urls('url(https://a.example/plain.png)')).toEqual(['https://a.example/plain.png']);
    expect(urls('url("")')).toEqual([null]);
  });

  it('picks the densest supported candidate of image-set() and -webkit-image-set()', () => {
    expect(urls('image-set(url("https://a.example/1x.jpg") 1x, url("https://a.example/2x.jpg") 2x)')).toEqual(
      ['https://a.example/2x.jpg'],
    );
    expect(urls('-webkit-image-set("https://a.example/lo.png" 1x, "https://a.example/hi.png" 3x)')).toEqual([
      'https://a.example/hi.png',
    ]);
    expect(urls('image-set("https://a.example/a.png" 192dpi, "https://a.example/b.png" 1.5dppx)')).toEqual([
      'https://a.example/a.png',
    ]);
    // A type a provider cannot take is skipped, however dense; no resolution means 1x.
    expect(
      urls(
        'image-set("https://a.example/big.avif" type("image/avif") 4x, "https://a.example/ok.webp" type("image/webp") 2x, "https://a.example/plain.jpg")',
      ),
    ).toEqual(['https://a.example/ok.webp']);
  });

  it('shows no file for functions that are not one image', () => {
    expect(urls('cross-fade(url("https://a.example/a.png") 50%, url("https://a.example/b.png"))')).toEqual([
      null,
    ]);
    expect(urls('conic-gradient(from 0deg, red, blue)')).toEqual([null]);
  });

  it('round-trips what cssUrl writes', () => {
    for (const url of [
      'https://a.example/x.png',
      'https://a.example/"quoted"\\back.png',
      'blob:https://a/1',
    ]) {
      expect(urls(cssUrl(url))).toEqual([url]);
    }
  });
});
