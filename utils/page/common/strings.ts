import { t } from '../../i18n';

/**
 * The words the page code's progress ring, "Enhanced" notice and compare overlay show, kept together and
 * read from the extension's messages (public/_locales) in the browser's language when they are shown.
 */
export const PAGE_STRINGS = {
  get ringRunning() {
    return t('page_ring_running');
  },
  get ringFailed() {
    return t('page_ring_failed');
  },
  get noticeEnhanced() {
    return t('page_enhanced');
  },
  get noticeOriginal() {
    return t('page_original');
  },
  get showOriginal() {
    return t('page_show_original');
  },
  get showEnhanced() {
    return t('page_show_enhanced');
  },
  get compare() {
    return t('page_compare');
  },
  get compareGroup() {
    return t('page_compare_group');
  },
  get compareDivider() {
    return t('page_compare_divider');
  },
  get compareClose() {
    return t('page_compare_close');
  },
  get compareHint() {
    return t('page_compare_hint');
  },
  get layerOriginal() {
    return t('page_original');
  },
  get layerEnhanced() {
    return t('page_enhanced');
  },
  compareValue: (split: number) => t('compare_divider_value', Math.round(split)),
} as const;
