import { applyPin, measure, pinFor, type Pin } from '../common/inline-style';
import { waitForVideo, type WaitForMetadata } from '../common/load-wait';
import { shownVersion, type Entry } from '../common/records';
import {
  oncePerElement,
  priorResult,
  type ReplaceOutcome,
  type ReplaceRequest,
} from '../common/replace-request';
import { isUnrestorable } from './find';
import { capturePlayback, carryPlayback } from './playback';
import {
  applyVideoResult,
  captureVideo,
  restoreVideo,
  unpinVideo,
  videoKind,
  type VideoOriginal,
} from './state';

export interface VideoReplaceOptions {
  loadTimeoutMs: number;
  /** Injectable because test DOMs do not load media. */
  waitForMetadata?: WaitForMetadata;
}

/**
 * Plays `resultUrl` in place of `video`, at the same position and in the same paused/playing state, keeping
 * its layout box. 'refused' when the result does not load (error, e.g. a page CSP `media-src`, or timeout)
 * or when the original could not be put back (a stream): the element is then as it was. Replacing again
 * with the same job and result is a no-op. The backdrop does not apply: cut-outs are images.
 */
export function replaceVideo(
  video: HTMLVideoElement,
  request: ReplaceRequest,
  options: VideoReplaceOptions,
): Promise<ReplaceOutcome> {
  return oncePerElement(video, request, () => swap(video, request, options));
}

async function swap(video: HTMLVideoElement, request: ReplaceRequest, options: VideoReplaceOptions) {
  if (shownVersion(video) !== 'enhanced' && isUnrestorable(video)) return 'refused';
  const { records, previous } = priorResult(video, videoKind as Entry['kind']);
  const original = (previous?.original as VideoOriginal | undefined) ?? captureVideo(video);

  const playback = capturePlayback(video);
  const before = measure(video);
  // Until its metadata arrives the new source has no size, and a bare <video> lays out at 300×150:
  // hold the current box meanwhile, then keep the pin only if the result would change the box.
  const hold = previous?.record.pin ?? (before.width > 0 && before.height > 0 ? px(before) : undefined);
  let pin: Pin | undefined = previous?.record.pin;
  let measured = false;
  const keepBox = () => {
    if (measured || video.getAttribute('src') !== request.resultUrl || previous?.record.pin) return;
    measured = true;
    unpinVideo(video, original);
    pin = pinFor(video, before);
    if (pin) applyPin(video, pin);
  };
  video.addEventListener('loadedmetadata', keepBox); // in the event's task: before the next paint
  applyVideoResult(video, request.resultUrl, hold);
  const stopCarry = carryPlayback(video, playback);
  const loaded = await (options.waitForMetadata ?? waitForVideo)(video, options.loadTimeoutMs);
  video.removeEventListener('loadedmetadata', keepBox);

  if (video.getAttribute('src') !== request.resultUrl) {
    // The page set its own source meanwhile: it wins. Only our hold on the box is ours to undo.
    stopCarry();
    unpinVideo(video, original);
    videoKind.release(video, original);
    records.drop(video);
    return 'refused';
  }
  if (loaded) {
    keepBox();
    const { jobId: job, resultUrl: url, label, srcUrl } = request;
    const record = { job, url, label, srcUrl, ...(pin ? { pin } : {}) };
    const replaced: Entry = { kind: videoKind as Entry['kind'], record, shown: 'enhanced', original };
    records.set(video, replaced);
    return 'replaced';
  }
  stopCarry();
  if (previous) {
    unpinVideo(video, original);
    applyVideoResult(video, previous.record.url, previous.record.pin);
  } else {
    restoreVideo(video, original);
  }
  carryPlayback(video, playback);
  return 'refused';
}

const px = (box: { width: number; height: number }): Pin => ({
  width: `${box.width}px`,
  height: `${box.height}px`,
});
