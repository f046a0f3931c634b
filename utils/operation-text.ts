import { optionalMessage, t } from './i18n';

/**
 * Operation labels, the on-device provider's name and price hints in the browser's language. The adapters
 * keep their English labels (the README's menu table and the job records use them); these turn one into
 * what a person reads, at the moment it is shown, so a record made in one language reads in another.
 * A label with no message (a pipeline the person named) is shown as it is.
 */

/** `op_` and the English label in lower case, `×` as x, `…` as "more", other runs of signs as `_`. */
export const labelKey = (label: string): string =>
  'op_' +
  label
    .toLowerCase()
    .replace(/…/g, ' more')
    .replace(/×/g, 'x')
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');

export const operationLabel = (label: string): string => optionalMessage(labelKey(label)) ?? label;

/** Brand names stay; only "On device" is words. */
export const providerLabel = (name: string): string =>
  name === 'On device' ? t('provider_on_device') : name;

/** "from 10 coins", "20 coins", "from 10 coins/s", "over 10 coins/s", "free", "free, on this device". */
export function costHintText(hint: string): string {
  if (hint === 'free') return t('cost_free');
  if (hint === 'free, on this device') return t('hint_free_on_device');
  const found = /^(from |over )?(\d+) coins(\/s)?$/.exec(hint);
  if (!found) return hint;
  const [, prefix, count, perSecond] = found;
  if (perSecond) return prefix === 'over ' ? t('hint_over_coins_s', count!) : t('hint_from_coins_s', count!);
  if (prefix === 'from ') return t('hint_from_coins', count!);
  return prefix ? hint : t('hint_coins', count!);
}
