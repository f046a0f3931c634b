/** Where the person was in the video, whether it was playing, and how fast. */
export interface Playback {
  time: number;
  paused: boolean;
  rate: number;
}

export const capturePlayback = (video: HTMLVideoElement): Playback => ({
  time: video.currentTime,
  paused: video.paused,
  rate: video.playbackRate,
});

/**
 * Call right after switching the source. The load that a new source starts resets the position to 0,
 * pauses, and sets playbackRate back to defaultPlaybackRate (HTML "media element load algorithm"); this
 * puts all three back once the new metadata is there, which is the earliest a seek lands. Volume and
 * muting survive a load, so they are never written. Returns a function that cancels (the switch was undone
 * meanwhile).
 *
 * A paused video is paused again at once: pause() clears the element's "can autoplay" flag, so an
 * `autoplay` video the person had paused does not start by itself. A playing one is resumed with play();
 * if the browser's autoplay policy refuses, it stays paused, which is the safe side.
 */
export function carryPlayback(video: HTMLVideoElement, playback: Playback): () => void {
  if (playback.paused) video.pause();
  const resume = () => {
    cancel();
    if (video.playbackRate !== playback.rate) video.playbackRate = playback.rate;
    if (playback.time > 0) {
      const { duration } = video;
      video.currentTime = Number.isFinite(duration) ? Math.min(playback.time, duration) : playback.time;
    }
    if (!playback.paused) video.play().catch(() => undefined);
  };
  const cancel = () => {
    video.removeEventListener('loadedmetadata', resume);
    video.removeEventListener('error', cancel);
  };
  video.addEventListener('loadedmetadata', resume);
  video.addEventListener('error', cancel);
  return cancel;
}
