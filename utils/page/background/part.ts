import type { KindPart } from '../common/world';
import { backgroundResultSize, replaceBackground } from './replace';

export const backgroundPart: KindPart = {
  replace: (el, request, { loadTimeoutMs, waitForLoad }) =>
    replaceBackground(el, request, { loadTimeoutMs, waitForLoad }),
  size: backgroundResultSize,
};
