import type { BackdropChoice } from '../common/protocol';
import {
  applyPin,
  captureInline,
  dropEmptyStyle,
  restoreInline,
  type InlineDecl,
  type InlineDecls,
  type Pin,
} from '../common/inline-style';
import type { Enhanced, MediaKind } from '../common/records';
import { BACKDROP_PROPERTIES, styleBackdrop } from './backdrop';
import { pictureSources } from './find';

/** The `<img>` as the page had it (layout-relevant inline declarations included). */
export interface ImageOriginal {
  src: string | null;
  srcset: string | null;
  sizes: string | null;
  width: InlineDecl;
  height: InlineDecl;
  hadStyle: boolean;
  /** The page's own background declarations, saved before a backdrop covers them. */
  background: InlineDecls;
  /** The `<picture>` siblings as they were, each kept by reference. */
  sources: { el: HTMLSourceElement; srcset: string | null; sizes: string | null }[];
}

export function captureImage(img: HTMLImageElement): ImageOriginal {
  const { width, height } = captureInline(img, ['width', 'height']);
  return {
    src: img.getAttribute('src'),
    srcset: img.getAttribute('srcset'),
    sizes: img.getAttribute('sizes'),
    width: width!,
    height: height!,
    hadStyle: img.hasAttribute('style'),
    background: captureInline(img, BACKDROP_PROPERTIES),
    sources: pictureSources(img).map((el) => ({
      el,
      srcset: el.getAttribute('srcset'),
      sizes: el.getAttribute('sizes'),
    })),
  };
}

/**
 * Shows `url` alone: `srcset`, `sizes` and the `<source>` siblings are cleared, or the browser would keep
 * picking the old candidate. Only ever a property/attribute write, never HTML.
 */
export function applyResult(img: HTMLImageElement, url: string, size?: Pin): void {
  for (const el of [...pictureSources(img), img]) {
    // Emptied rather than removed, so a restore puts each value back in its place (attribute order too).
    // An empty srcset offers no candidate: a <source> is skipped and an <img> falls back to src.
    for (const name of ['srcset', 'sizes']) if (el.hasAttribute(name)) el.setAttribute(name, '');
  }
  img.src = url;
  if (size) applyPin(img, size);
}

/** Shows `backdrop` behind the result in place of any earlier one; none puts the page's background back. */
export function applyBackdrop(img: HTMLImageElement, original: ImageOriginal, backdrop?: BackdropChoice) {
  clearBackdrop(img, original);
  styleBackdrop(img, backdrop);
}

function clearBackdrop(img: HTMLImageElement, original: ImageOriginal): void {
  restoreInline(img, original.background);
  dropEmptyStyle(img, original.hadStyle);
}

/** Puts back exactly what captureImage saw. */
export function restoreImage(img: HTMLImageElement, original: ImageOriginal): void {
  for (const { el, srcset, sizes } of original.sources) {
    setOrRemove(el, 'srcset', srcset);
    setOrRemove(el, 'sizes', sizes);
  }
  setOrRemove(img, 'srcset', original.srcset);
  setOrRemove(img, 'sizes', original.sizes);
  setOrRemove(img, 'src', original.src);
  restoreInline(img, { width: original.width, height: original.height, ...original.background });
  dropEmptyStyle(img, original.hadStyle);
}

function setOrRemove(el: Element, name: string, value: string | null): void {
  if (value === null) el.removeAttribute(name);
  else el.setAttribute(name, value);
}

export const imageKind: MediaKind<HTMLImageElement, ImageOriginal> = {
  holds: (img, record: Enhanced) => img.getAttribute('src') === record.url,
  capture: captureImage,
  show(img, record, original) {
    applyResult(img, record.url, record.pin);
    applyBackdrop(img, original, record.backdrop);
  },
  restore: restoreImage,
  // Only a backdrop is taken away: it belonged to our result, and would show behind the page's next image.
  release: (img, original) => original && clearBackdrop(img, original),
  watchBroken(img, record, broken) {
    const onError = () => {
      img.removeEventListener('load', onLoad);
      if (img.getAttribute('src') === record.url) broken();
    };
    const onLoad = () => img.removeEventListener('error', onError);
    img.addEventListener('error', onError, { once: true });
    img.addEventListener('load', onLoad, { once: true });
  },
};
