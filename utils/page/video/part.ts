import type { KindPart } from '../common/world';
import { replaceVideo } from './replace';

export const videoPart: KindPart = {
  replace: (el, request, { loadTimeoutMs, waitForMetadata }) =>
    replaceVideo(el as HTMLVideoElement, request, { loadTimeoutMs, waitForMetadata }),
  size: (el) => [(el as HTMLVideoElement).videoWidth, (el as HTMLVideoElement).videoHeight],
};
