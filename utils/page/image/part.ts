import type { KindPart } from '../common/world';
import { replaceImage } from './replace';

export const imagePart: KindPart = {
  replace: (el, request, { loadTimeoutMs, waitForLoad }) =>
    replaceImage(el as HTMLImageElement, request, { loadTimeoutMs, waitForLoad }),
  size: (el) => [(el as HTMLImageElement).naturalWidth, (el as HTMLImageElement).naturalHeight],
};
