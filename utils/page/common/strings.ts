/**
 * The words the page code's progress ring, "Enhanced" notice and compare overlay show, kept together so
 * they can be translated in one place. Plain English for now.
 */
export const PAGE_STRINGS = {
  ringRunning: 'Enhancing this picture',
  ringFailed: 'Enhancing failed: the toolbar popup says why',
  noticeEnhanced: 'Enhanced',
  noticeOriginal: 'Original',
  showOriginal: 'Show original',
  showEnhanced: 'Show enhanced',
  compare: 'Compare',
  compareGroup: 'Compare the original with the enhanced picture',
  compareDivider: 'Original | enhanced divider',
  compareValue: (split: number) => `${Math.round(split)} % original`,
  compareClose: 'Close compare',
  compareHint: 'Drag or use the arrow keys; Esc closes.',
  layerOriginal: 'Original',
  layerEnhanced: 'Enhanced',
} as const;
