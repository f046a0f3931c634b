// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { WaitForMetadata } from '@/utils/page/common/load-wait';
import { entryOf, shownVersion as shownVideoVersion } from '@/utils/page/common/records';
import { showVersion } from '@/utils/page/common/show-version';
import { replaceVideo } from '@/utils/page/video/replace';
import { bookkeeping, loadsVideo, metadata, player, refusesVideo, snapshot } from './stubs';

const BASE = 'https://gallery.example.org/films/';
const R1 = 'https://cdn.example.net/results/one.mp4';
const R2 = 'https://cdn.example.net/results/two.mp4';
const opts = (waitForMetadata: WaitForMetadata) => ({ loadTimeoutMs: 1000, waitForMetadata });
const $ = (selector: string) => document.querySelector(selector) as HTMLVideoElement;
const SRC = `${BASE}clip.mp4`;
const request = (jobId = 'j1', resultUrl = R1) => ({
  jobId,
  resultUrl,
  label: 'TensorPix · 2×',
  srcUrl: SRC,
});

const WITH_SOURCES = `<div id="box"><video id="v" class="clip" controls muted playsinline preload="metadata"
  poster="poster.jpg"><source src="clip.webm" type="video/webm"><source src="clip.mp4" type="video/mp4">
  <track kind="captions" src="clip.vtt" srclang="en"></video></div>`;

beforeEach(() => {
  document.head.innerHTML = `<base href="${BASE}">`;
});
afterEach(() => {
  document.body.innerHTML = '';
});

describe('replaceVideo + showVersion', () => {
  it('plays the result alone where the person was, and restores the original exactly', async () => {
    document.body.innerHTML = WITH_SOURCES;
    const before = snapshot($('#box'));
    const video = $('#v');
    video.volume = 0.4;
    const { state, play, load } = player(video, { time: 12.5, paused: false, rate: 1.5 });

    expect(await replaceVideo(video, request(), opts(loadsVideo))).toBe('replaced');
    expect(video.getAttribute('src')).toBe(R1);
    expect(Array.from(video.querySelectorAll('source')).map((s) => s.getAttribute('src'))).toEqual(['', '']);
    expect(video.querySelector('track')!.getAttribute('src')).toBe('clip.vtt'); // captions are not a source
    expect(state).toMatchObject({ time: 12.5, paused: false, rate: 1.5 });
    expect(play).toHaveBeenCalledTimes(1);
    expect([video.volume, video.muted]).toEqual([0.4, true]); // never written
    expect(shownVideoVersion(video)).toBe('enhanced');
    expect(entryOf(video)?.record).toEqual({ job: 'j1', url: R1, label: 'TensorPix · 2×', srcUrl: SRC });

    state.time = 20;
    expect(showVersion(document, 'j1', 'original')).toBe(1);
    expect(snapshot($('#box'))).toEqual(before);
    expect(bookkeeping($('#box'))).toEqual([]);
    expect(load).toHaveBeenCalledTimes(1); // removing src alone would not make the browser go back
    expect(state.time).toBe(0);
    metadata(video);
    expect(state).toMatchObject({ time: 20, paused: false, rate: 1.5 });

    state.time = 33;
    expect(showVersion(document, 'j1', 'enhanced')).toBe(1);
    expect(video.getAttribute('src')).toBe(R1);
    metadata(video);
    expect(state).toMatchObject({ time: 33, paused: false });
  });

  it('keeps a paused video paused, even one that autoplays', async () => {
    document.body.innerHTML = `<video id="v" autoplay src="clip.mp4"></video>`;
    const video = $('#v');
    const { state, play, pause } = player(video, { time: 4, paused: true });
    expect(await replaceVideo(video, request(), opts(loadsVideo))).toBe('replaced');
    // pause() right after the switch clears the element's "can autoplay" flag.
    expect(pause).toHaveBeenCalled();
    expect(play).not.toHaveBeenCalled();
    expect(state).toMatchObject({ time: 4, paused: true });

    showVersion(document, 'j1', 'original');
    expect(video.getAttribute('src')).toBe('clip.mp4'); // setting src back reloads by itself
    metadata(video);
    expect(state).toMatchObject({ time: 4, paused: true });
  });

  it('on a refused result puts the original back exactly, at the same position and state', async () => {
    document.body.innerHTML = WITH_SOURCES;
    const before = snapshot($('#box'));
    const video = $('#v');
    const { state } = player(video, { time: 30, paused: false });
    expect(await replaceVideo(video, request(), opts(refusesVideo))).toBe('refused');
    expect(snapshot($('#box'))).toEqual(before);
    expect(bookkeeping($('#box'))).toEqual([]);
    metadata(video); // the original's metadata, loaded again
    expect(state).toMatchObject({ time: 30, paused: false });
    expect(showVersion(document, 'j1', 'original')).toBe(0);
  });

  it.each([
    [
      'a blob: URL (e.g. a MediaSource)',
      `<video id="v" src="blob:https://gallery.example.org/9f1c"></video>`,
    ],
    ['a srcObject', `<video id="v"></video>`],
  ])('never replaces a stream, %s: it could not be put back', async (_name, html) => {
    document.body.innerHTML = html;
    const video = $('#v');
    if (!video.hasAttribute('src')) Object.defineProperty(video, 'srcObject', { value: {} });
    const before = video.outerHTML;
    const wait = vi.fn(loadsVideo);
    expect(await replaceVideo(video, request(), opts(wait))).toBe('refused');
    expect(wait).not.toHaveBeenCalled();
    expect(video.outerHTML).toBe(before);
  });

  it('keeps the first original through a second job, and goes back to the first result if it fails', async () => {
    document.body.innerHTML = WITH_SOURCES;
    const before = snapshot($('#box'));
    const video = $('#v');
    player(video);
    await replaceVideo(video, request('j1', R1), opts(loadsVideo));
    expect(await replaceVideo(video, request('j2', R2), opts(refusesVideo))).toBe('refused');
    expect(video.getAttribute('src')).toBe(R1);
    expect(shownVideoVersion(video)).toBe('enhanced');
    expect(await replaceVideo(video, request('j2', R2), opts(loadsVideo))).toBe('replaced');
    expect(showVersion(document, 'j1', 'original')).toBe(0); // j2 owns the element now
    expect(showVersion(document, 'j2', 'original')).toBe(1);
    expect(snapshot($('#box'))).toEqual(before);
  });

  it('is a no-op when the same job replaces again, even while the first swap is loading', async () => {
    document.body.innerHTML = `<video id="v" src="clip.mp4"></video>`;
    const video = $('#v');
    player(video);
    const wait = vi.fn(loadsVideo);
    const [a, b] = [replaceVideo(video, request(), opts(wait)), replaceVideo(video, request(), opts(wait))];
    expect(await Promise.all([a, b])).toEqual(['replaced', 'replaced']);
    expect(await replaceVideo(video, request(), opts(wait))).toBe('replaced');
    expect(wait).toHaveBeenCalledTimes(1);
  });

  it('lets the page win when it sets its own source during the swap, leaving nothing of ours', async () => {
    document.body.innerHTML = WITH_SOURCES;
    const video = $('#v');
    player(video);
    const pageTakesOver: WaitForMetadata = async (el) => {
      el.setAttribute('src', 'next-episode.mp4');
      return true;
    };
    expect(await replaceVideo(video, request(), opts(pageTakesOver))).toBe('refused');
    expect(video.getAttribute('src')).toBe('next-episode.mp4');
    expect(Array.from(video.querySelectorAll('source')).map((s) => s.getAttribute('src'))).toEqual([
      'clip.webm',
      'clip.mp4',
    ]);
    expect(bookkeeping(document.body)).toEqual([]);
  });

  it('shows the original again when a re-shown result no longer loads', async () => {
    document.body.innerHTML = `<video id="v" src="clip.mp4"></video>`;
    const video = $('#v');
    const { state } = player(video, { time: 8, paused: false });
    await replaceVideo(video, request(), opts(loadsVideo));
    showVersion(document, 'j1', 'original');
    metadata(video);
    showVersion(document, 'j1', 'enhanced');
    video.dispatchEvent(new Event('error')); // e.g. the result link expired
    expect(video.getAttribute('src')).toBe('clip.mp4');
    expect(shownVideoVersion(video)).toBe('original');
    metadata(video);
    expect(state).toMatchObject({ time: 8, paused: false });
  });
});

describe('video layout box', () => {
  /** Lays the video out at its frame size unless inline width/height hold it; a bare one is 300×150. */
  function layout(video: HTMLVideoElement, fixed = false) {
    let frame = { width: 640, height: 360 };
    vi.spyOn(video, 'getBoundingClientRect').mockImplementation(() => {
      const width = fixed ? 640 : Number.parseFloat(video.style.width) || frame.width;
      const height = fixed ? 360 : Number.parseFloat(video.style.height) || frame.height;
      return { width, height, top: 0, left: 0, right: width, bottom: height, x: 0, y: 0 } as DOMRect;
    });
    const held: string[] = [];
    const wait =
      (result: { width: number; height: number }): WaitForMetadata =>
      async (el) => {
        frame = { width: 300, height: 150 }; // no metadata yet
        held.push(`${el.style.width}×${el.style.height}`);
        frame = result;
        metadata(el);
        return true;
      };
    return { wait, held };
  }

  it('holds the box while the result loads, and pins it when the result would change it', async () => {
    document.body.innerHTML = `<video id="v" src="clip.mp4" style="border: 1px solid red;"></video>`;
    const video = $('#v');
    const style = video.getAttribute('style');
    player(video);
    const { wait, held } = layout(video);
    await replaceVideo(video, request(), opts(wait({ width: 1280, height: 720 })));
    expect(held).toEqual(['640px×360px']);
    expect([video.style.width, video.style.height]).toEqual(['640px', '360px']);
    showVersion(document, 'j1', 'original');
    expect(video.getAttribute('style')).toBe(style);
    showVersion(document, 'j1', 'enhanced');
    expect([video.style.width, video.style.height]).toEqual(['640px', '360px']);
  });

  it('lets go of the box once the result is known to keep it', async () => {
    document.body.innerHTML = `<video id="v" src="clip.mp4"></video>`;
    const video = $('#v');
    player(video);
    const { wait, held } = layout(video);
    await replaceVideo(video, request(), opts(wait({ width: 640, height: 360 })));
    expect(held).toEqual(['640px×360px']);
    expect(video.hasAttribute('style')).toBe(false);
  });
});
