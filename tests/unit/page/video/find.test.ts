// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { findVideosBySrc, isStream, videoFacts } from '@/utils/page/video/find';
import { waitForVideo } from '@/utils/page/common/load-wait';

const BASE = 'https://gallery.example.org/films/';
const ids = (videos: HTMLVideoElement[]) => videos.map((v) => v.id);
const $ = (id: string) => document.getElementById(id) as HTMLVideoElement;

function page(html: string): Document {
  document.head.innerHTML = `<base href="${BASE}">`;
  document.body.innerHTML = html;
  return document;
}
/** What the browser reports once it chose a source (happy-dom does not choose). */
function plays(
  video: HTMLVideoElement,
  facts: Partial<Record<'currentSrc' | 'videoWidth' | 'videoHeight' | 'duration', unknown>>,
) {
  for (const [name, value] of Object.entries(facts)) {
    Object.defineProperty(video, name, { configurable: true, get: () => value });
  }
}

afterEach(() => {
  document.head.innerHTML = '';
  document.body.innerHTML = '';
  vi.useRealTimers();
});

describe('findVideosBySrc', () => {
  it('matches src, a <source> child, currentSrc and relative URLs, and nothing else', () => {
    const doc = page(`
      <video id="attr" src="clip.mp4"></video>
      <video id="child"><source src="other.webm" type="video/webm"><source src="/films/clip.mp4"></video>
      <video id="chosen"></video>
      <div><video id="nested"><source src="https://gallery.example.org/films/clip.mp4"></video></div>
      <video id="poster" poster="clip.mp4" src="trailer.mp4"></video>
      <video id="other" src="clip.mp4?v=2"></video>
      <img id="img" src="clip.mp4">`);
    plays($('chosen'), { currentSrc: `${BASE}clip.mp4` });
    expect(ids(findVideosBySrc(doc, `${BASE}clip.mp4`))).toEqual(['attr', 'child', 'chosen', 'nested']);
    expect(ids(findVideosBySrc(doc, 'clip.mp4'))).toEqual(['attr', 'child', 'chosen', 'nested']);
    expect(findVideosBySrc(doc, 'http://[bad')).toEqual([]);
  });

  it('ignores <source> elements that are not children of the video', () => {
    const doc = page(`<video id="v"><div><source src="clip.mp4"></div></video>`);
    expect(findVideosBySrc(doc, 'clip.mp4')).toEqual([]);
  });
});

describe('videoFacts', () => {
  it('reports frame size and duration once known', () => {
    page(`<video id="v" src="clip.mp4"></video>`);
    plays($('v'), { videoWidth: 1920, videoHeight: 1080, duration: 61.5 });
    expect(videoFacts($('v'))).toEqual({
      naturalWidth: 1920,
      naturalHeight: 1080,
      duration: 61.5,
      stream: false,
    });
  });

  it.each([
    ['before metadata', 0, Number.NaN],
    ['for a live stream', 1280, Number.POSITIVE_INFINITY],
  ])('reports unknown values as null %s', (_when, width, duration) => {
    page(`<video id="v" src="clip.mp4"></video>`);
    plays($('v'), { videoWidth: width, videoHeight: width, duration });
    expect(videoFacts($('v'))).toMatchObject({ duration: null });
    if (width === 0) expect(videoFacts($('v'))).toMatchObject({ naturalWidth: null, naturalHeight: null });
  });
});

describe('isStream', () => {
  it('is true for a blob: source (MediaSource), a srcObject, or an HLS/DASH manifest', () => {
    page(`
      <video id="blob" src="blob:https://gallery.example.org/5b1e"></video>
      <video id="chosen-blob" src="clip.mp4"></video>
      <video id="object"></video>
      <video id="hls"><source src="live/master.m3u8?token=1" type="application/x-mpegURL"></video>
      <video id="dash" src="/manifest.MPD"></video>
      <video id="file" src="clip.mp4"></video>
      <video id="empty"></video>`);
    plays($('chosen-blob'), { currentSrc: 'blob:https://gallery.example.org/77aa' });
    Object.defineProperty($('object'), 'srcObject', { value: {} });
    const streams = ['blob', 'chosen-blob', 'object', 'hls', 'dash', 'file', 'empty'].map((id) =>
      isStream($(id)),
    );
    expect(streams).toEqual([true, true, true, true, true, false, false]);
  });
});

describe('waitForVideo', () => {
  it('resolves true on loadedmetadata and false on error', async () => {
    const ok = document.createElement('video');
    const loaded = waitForVideo(ok, 1000);
    ok.dispatchEvent(new Event('loadedmetadata'));
    await expect(loaded).resolves.toBe(true);
    const broken = document.createElement('video');
    const failed = waitForVideo(broken, 1000);
    broken.dispatchEvent(new Event('error'));
    await expect(failed).resolves.toBe(false);
  });

  it('resolves false after the timeout, and no later event changes that', async () => {
    vi.useFakeTimers();
    const slow = document.createElement('video');
    const pending = waitForVideo(slow, 5000);
    vi.advanceTimersByTime(5000);
    slow.dispatchEvent(new Event('loadedmetadata'));
    await expect(pending).resolves.toBe(false);
  });
});
