/** Resolves true once `img` has loaded (and, where supported, decoded) its current source; false on error or timeout. */
export type WaitForLoad = (img: HTMLImageElement, timeoutMs: number) => Promise<boolean>;

/**
 * decode() is preferred: it settles after the pixels are ready, so the swap shows no half-painted frame
 * (https://html.spec.whatwg.org/multipage/embedded-content.html#dom-img-decode). Events back it up where
 * decode is missing, and also decide when decode rejects for a reason other than a broken image (it rejects
 * too when the source changes meanwhile). A page CSP that refuses the URL (`img-src`) fires `error`.
 */
export const waitForImage: WaitForLoad = (img, timeoutMs) =>
  new Promise((resolve) => {
    let settled = false;
    const finish = (loaded: boolean) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      img.removeEventListener('load', onLoad);
      img.removeEventListener('error', onError);
      resolve(loaded);
    };
    const onLoad = () => finish(true);
    const onError = () => finish(false);
    const timer = setTimeout(() => finish(false), timeoutMs);
    img.addEventListener('load', onLoad);
    img.addEventListener('error', onError);
    if (typeof img.decode === 'function') {
      img.decode().then(
        () => finish(true),
        () => {
          if (img.complete && img.naturalWidth === 0) finish(false); // the request is broken
        },
      );
    }
  });

/** Resolves true once `video` has the metadata of its current source; false on error or timeout. */
export type WaitForMetadata = (video: HTMLVideoElement, timeoutMs: number) => Promise<boolean>;

/**
 * `loadedmetadata` is enough: from then on the size, duration and seeking are known, which is all a swap
 * needs (frames follow as playback does). A source the browser cannot play, or that a page CSP
 * `media-src` refuses, fires `error` on the element (src-attribute mode, as the page code always uses).
 */
export const waitForVideo: WaitForMetadata = (video, timeoutMs) =>
  new Promise((resolve) => {
    const finish = (loaded: boolean) => {
      clearTimeout(timer);
      video.removeEventListener('loadedmetadata', onLoad);
      video.removeEventListener('error', onError);
      resolve(loaded);
    };
    const onLoad = () => finish(true);
    const onError = () => finish(false);
    const timer = setTimeout(() => finish(false), timeoutMs);
    video.addEventListener('loadedmetadata', onLoad);
    video.addEventListener('error', onError);
  });
