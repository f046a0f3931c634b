// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest';
import { createPageHandlers } from '@/utils/page/handlers';
import { recordsOf } from '@/utils/page/common/records';
import { frameSize, loadsVideo, metadata, player, refusesVideo } from './stubs';

const BASE = 'https://gallery.example.org/films/';
const R1 = 'https://cdn.example.net/results/one.mp4';
const $ = (selector: string) => document.querySelector(selector) as HTMLVideoElement;

beforeEach(() => {
  document.head.innerHTML = `<base href="${BASE}">`;
  document.body.innerHTML = `
    <video id="a" src="clip.mp4"></video>
    <video id="b"><source src="clip.webm" type="video/webm"><source src="/films/clip.mp4"></video>
    <video id="c" src="other.mp4"></video>`;
});

describe('pageInspect for video', () => {
  it('tags every copy and reports kind, frame size, duration and stream', () => {
    frameSize($('#b'), { '': [1920, 1080] });
    Object.defineProperty($('#b'), 'duration', { get: () => 95.2 });
    // The source the browser chose (happy-dom chooses none).
    Object.defineProperty($('#b'), 'currentSrc', { get: () => `${BASE}clip.mp4` });
    const reply = createPageHandlers(document).inspect({ jobId: 'j1', srcUrl: `${BASE}clip.mp4` });
    expect(reply).toEqual({
      count: 2,
      bestUrl: `${BASE}clip.mp4`, // what the widest copy plays
      naturalWidth: 1920,
      naturalHeight: 1080,
      hasAlpha: null,
      kind: 'video',
      duration: 95.2,
      stream: false,
    });
    expect(
      recordsOf(document)
        .tagged('j1')
        .map((el) => el.id),
    ).toEqual(['a', 'b']);
  });

  it('says when the video is a stream, with unknown size and duration', () => {
    document.body.innerHTML = `<video id="s" src="blob:https://gallery.example.org/4c2e"></video>`;
    const reply = createPageHandlers(document).inspect({
      jobId: 'j1',
      srcUrl: 'blob:https://gallery.example.org/4c2e',
    });
    expect(reply).toMatchObject({
      count: 1,
      kind: 'video',
      stream: true,
      duration: null,
      naturalWidth: null,
    });
  });

  it('prefers images when an image and a video share the URL, so a job never mixes the two', () => {
    document.body.innerHTML = `<video id="v" src="still.jpg"></video><img id="i" src="still.jpg">`;
    const reply = createPageHandlers(document).inspect({ jobId: 'j1', srcUrl: 'still.jpg' });
    expect(reply.kind).toBeUndefined();
    expect(reply.count).toBe(1);
    expect(
      recordsOf(document)
        .tagged('j1')
        .map((el) => el.id),
    ).toEqual(['i']);
  });
});

describe('pageReplace and pageShow for video', () => {
  it('replaces the tagged videos, keeps playback, and reports the frame size of the result', async () => {
    const handlers = createPageHandlers(document, { waitForMetadata: loadsVideo });
    const players = ['a', 'b'].map((id) => player($(`#${id}`), { time: 7, paused: false }));
    handlers.inspect({ jobId: 'j1', srcUrl: 'clip.mp4' });
    frameSize($('#a'), { [R1]: [3840, 2160] });
    const reply = await handlers.replace({ jobId: 'j1', srcUrl: 'clip.mp4', resultUrl: R1, label: 'x' });
    expect(reply).toEqual({ outcome: 'replaced', replacedCount: 2, naturalWidth: 3840, naturalHeight: 2160 });
    expect(players.map((p) => p.state.time)).toEqual([7, 7]);

    expect(handlers.show({ jobId: 'j1', version: 'original' })).toEqual({ changed: 2 });
    expect($('#a').getAttribute('src')).toBe('clip.mp4');
    expect($('#b').hasAttribute('src')).toBe(false);
    metadata($('#a'));
    expect(players[0]!.state).toMatchObject({ time: 7, paused: false });
  });

  it('finds videos by srcUrl when nothing is tagged, and reports a refused result', async () => {
    player($('#c'));
    const handlers = createPageHandlers(document, { waitForMetadata: refusesVideo });
    const reply = await handlers.replace({ jobId: 'j2', srcUrl: 'other.mp4', resultUrl: R1, label: '' });
    expect(reply).toEqual({ outcome: 'refused', replacedCount: 0, naturalWidth: null, naturalHeight: null });
    expect($('#c').getAttribute('src')).toBe('other.mp4');
  });
});
