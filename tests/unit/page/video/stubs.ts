import { vi } from 'vitest';
import type { WaitForMetadata } from '@/utils/page/common/load-wait';

export interface PlayerState {
  time: number;
  paused: boolean;
  rate: number;
  /** How many loads the element started (a src set or changed, or load()). */
  loads: number;
}

/**
 * happy-dom plays no media: this stands in for the browser's media element as far as a swap can see.
 * Like the HTML load algorithm, a src attribute that is set or changed, or a load() call, resets the
 * position to 0, pauses, and puts playbackRate back to defaultPlaybackRate; removing src does not load.
 */
export function player(video: HTMLVideoElement, init: Partial<PlayerState> = {}) {
  const state: PlayerState = { time: 0, paused: true, rate: 1, loads: 0, ...init };
  const reset = () => {
    state.time = 0;
    state.paused = true;
    state.rate = 1;
    state.loads++;
  };
  Object.defineProperties(video, {
    currentTime: { configurable: true, get: () => state.time, set: (t: number) => (state.time = t) },
    paused: { configurable: true, get: () => state.paused },
    playbackRate: { configurable: true, get: () => state.rate, set: (r: number) => (state.rate = r) },
  });
  const setAttribute = video.setAttribute.bind(video);
  video.setAttribute = (name: string, value: string) => {
    setAttribute(name, value);
    if (name === 'src') reset();
  };
  const play = vi.fn(async () => {
    state.paused = false;
  });
  const pause = vi.fn(() => {
    state.paused = true;
  });
  const load = vi.fn(reset);
  Object.assign(video, { play, pause, load });
  return { state, play, pause, load };
}

/** The frame size the browser reports for what the element now plays (happy-dom has no videoWidth). */
export function frameSize(video: HTMLVideoElement, sizes: Record<string, [number, number]>) {
  const of = () => sizes[video.getAttribute('src') ?? ''] ?? [0, 0];
  Object.defineProperty(video, 'videoWidth', { configurable: true, get: () => of()[0] });
  Object.defineProperty(video, 'videoHeight', { configurable: true, get: () => of()[1] });
}

export const metadata = (video: HTMLVideoElement) => video.dispatchEvent(new Event('loadedmetadata'));

export const loadsVideo: WaitForMetadata = async (video) => {
  metadata(video);
  return true;
};
export const refusesVideo: WaitForMetadata = async (video) => {
  video.dispatchEvent(new Event('error')); // what a CSP `media-src` refusal or a broken file looks like
  return false;
};

/** Every attribute of `root` and its descendants except the page code's own bookkeeping. */
export function snapshot(root: Element): string[] {
  return [root, ...Array.from(root.querySelectorAll('*'))].map(
    (el) =>
      `${el.localName}: ` +
      Array.from(el.attributes)
        .filter((a) => !a.name.startsWith('data-eip-'))
        .map((a) => `${a.name}=${JSON.stringify(a.value)}`)
        .join(' '),
  );
}

export const bookkeeping = (root: Element) =>
  [root, ...Array.from(root.querySelectorAll('*'))].flatMap((el) =>
    el.getAttributeNames().filter((n) => n.startsWith('data-eip-')),
  );
