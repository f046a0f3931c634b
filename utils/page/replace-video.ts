import type { MediaVersion } from '../messages';
import { JOB_ATTR } from './find-media';
import { isUnrestorable } from './find-video';
import { applyPin, measure, pinFor, type Pin } from './inline-style';
import { waitForVideo, type WaitForMetadata } from './load-wait';
import { ENHANCED_ATTR, readEnhanced, writeEnhanced } from './media-record';
import type { ReplaceOutcome, ReplaceRequest } from './replace-media';
import { capturePlayback, carryPlayback, type Playback } from './video-playback';
import {
  applyVideoResult,
  forgetVideo,
  recordVideoOriginal,
  restoreVideoOriginal,
  shownVideoVersion,
  unpinVideo,
} from './video-state';

export interface VideoReplaceOptions {
  loadTimeoutMs: number;
  /** Injectable because test DOMs do not load media. */
  waitForMetadata?: WaitForMetadata;
}

/** Swaps in flight, so a repeated request for the same job waits for the first instead of starting over. */
const inflight = new WeakMap<HTMLVideoElement, { key: string; done: Promise<ReplaceOutcome> }>();

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
  const key = `${request.jobId}\n${request.resultUrl}`;
  const pending = inflight.get(video);
  if (pending?.key === key) return pending.done;
  const current = readEnhanced(video);
  if (current?.job === request.jobId && current.url === request.resultUrl && shownVideoVersion(video)) {
    return Promise.resolve('replaced'); // also when the person chose to see the original meanwhile
  }
  const run = () => swap(video, request, options);
  const done = (pending ? pending.done.then(run) : run()).finally(() => {
    if (inflight.get(video)?.done === done) inflight.delete(video);
  });
  inflight.set(video, { key, done });
  return done;
}

async function swap(video: HTMLVideoElement, request: ReplaceRequest, options: VideoReplaceOptions) {
  video.setAttribute(JOB_ATTR, request.jobId);
  const shown = shownVideoVersion(video);
  if (shown !== 'enhanced' && isUnrestorable(video)) return 'refused';
  const previous = shown === 'enhanced' ? readEnhanced(video) : null;
  if (!shown) forgetVideo(video); // stale records from an element the page has reused since
  recordVideoOriginal(video);

  const playback = capturePlayback(video);
  const before = measure(video);
  // Until its metadata arrives the new source has no size, and a bare <video> lays out at 300×150:
  // hold the current box meanwhile, then keep the pin only if the result would change the box.
  const hold = previous?.pin ?? (before.width > 0 && before.height > 0 ? px(before) : undefined);
  let pin: Pin | undefined = previous?.pin;
  let measured = false;
  const keepBox = () => {
    if (measured || video.getAttribute('src') !== request.resultUrl || previous?.pin) return;
    measured = true;
    unpinVideo(video);
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
    unpinVideo(video);
    forgetVideo(video);
    return 'refused';
  }
  if (loaded) {
    keepBox();
    const { jobId: job, resultUrl: url, label } = request;
    writeEnhanced(video, { job, url, label, ...(pin ? { pin } : {}) }, 'enhanced');
    return 'replaced';
  }
  stopCarry();
  if (previous) {
    unpinVideo(video);
    applyVideoResult(video, previous.url, previous.pin);
  } else {
    restoreVideoOriginal(video);
  }
  carryPlayback(video, playback);
  return 'refused';
}

const px = (box: { width: number; height: number }): Pin => ({
  width: `${box.width}px`,
  height: `${box.height}px`,
});

/** Shows one version of every video `jobId` replaced, where it was; returns how many elements changed. */
export function showVideoVersion(doc: Document, jobId: string, version: MediaVersion): number {
  let changed = 0;
  for (const video of Array.from(doc.querySelectorAll<HTMLVideoElement>(`video[${ENHANCED_ATTR}]`))) {
    const record = readEnhanced(video);
    if (record?.job !== jobId) continue;
    const shown = shownVideoVersion(video);
    if (!shown) {
      forgetVideo(video); // the page replaced the element's source itself: leave it alone
      continue;
    }
    if (shown === version) continue;
    const playback = capturePlayback(video);
    if (version === 'original') {
      restoreVideoOriginal(video);
    } else {
      recordVideoOriginal(video);
      applyVideoResult(video, record.url, record.pin);
      fallBackOnError(video, record.url, playback);
    }
    carryPlayback(video, playback);
    writeEnhanced(video, record, version);
    changed++;
  }
  return changed;
}

/** A result that no longer loads (an expired link) must not leave a broken player: show the original. */
function fallBackOnError(video: HTMLVideoElement, url: string, playback: Playback): void {
  const onError = () => {
    video.removeEventListener('loadedmetadata', onLoad);
    if (shownVideoVersion(video) !== 'enhanced' || video.getAttribute('src') !== url) return;
    const record = readEnhanced(video);
    restoreVideoOriginal(video);
    carryPlayback(video, playback);
    if (record) writeEnhanced(video, record, 'original');
  };
  const onLoad = () => video.removeEventListener('error', onError);
  video.addEventListener('error', onError, { once: true });
  video.addEventListener('loadedmetadata', onLoad, { once: true });
}
