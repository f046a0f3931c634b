/**
 * The files of the page code as the extension ships them (unlisted scripts, in no manifest entry): the
 * core a click injects, and the files that join it when a job needs them (see entrypoints/page/index.ts).
 * Pure data, so the build's size check can read it too.
 */
export const PAGE_SCRIPT = '/page.js';
export const PAGE_PARTS = {
  result: '/page-result.js',
  video: '/page-video.js',
  background: '/page-background.js',
  'read-bytes': '/page-read-bytes.js',
  notice: '/page-notice.js',
  progress: '/page-progress.js',
  compare: '/page-compare.js',
} as const;
export type PagePart = keyof typeof PAGE_PARTS;
export type PageFile = typeof PAGE_SCRIPT | (typeof PAGE_PARTS)[PagePart];
