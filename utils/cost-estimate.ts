import { t } from './i18n';

/**
 * What an operation is expected to cost, before anything is sent, as plain data (a rule) so the page
 * code can price each image it lists without the provider registry: the background sends one rule per
 * operation, the page applies it to each image's natural size. It imports only the small message reader.
 */
export type CostUnit = 'coins' | 'credits';

export type CostRule =
  /** Runs in this browser. */
  | { kind: 'device' }
  /** Free at the provider (EnhanceCraft's convert, compress, crop-resize). */
  | { kind: 'free' }
  | { kind: 'flat'; unit: CostUnit; amount: number }
  /** Priced by the result's size: `tiers` are [up to this many megapixels (exclusive), amount]. */
  | { kind: 'by-output'; unit: CostUnit; scale: number; tiers: [number, number][] }
  /** The provider publishes no price for it. */
  | { kind: 'unknown'; unit: CostUnit };

export type Estimate =
  | { kind: 'device' }
  | { kind: 'free' }
  /** `from`: the image's size is unknown, so this is the cheapest tier. */
  | { kind: 'amount'; unit: CostUnit; amount: number; from?: boolean }
  | { kind: 'unknown'; unit: CostUnit };

export interface PixelSize {
  width: number;
  height: number;
}

const MP = 1_000_000;

/** The expected cost of one image of `size` (natural pixels; null or 0 when unknown). */
export function estimate(rule: CostRule, size: PixelSize | null): Estimate {
  if (rule.kind !== 'by-output') return rule.kind === 'flat' ? { kind: 'amount', ...pick(rule) } : rule;
  const known = size && size.width > 0 && size.height > 0;
  const output = known ? size.width * rule.scale * size.height * rule.scale : 0;
  const tier = rule.tiers.find(([upTo]) => output < upTo * MP) ?? rule.tiers[rule.tiers.length - 1]!;
  return { kind: 'amount', unit: rule.unit, amount: tier[1], ...(known ? {} : { from: true }) };
}

const pick = ({ unit, amount }: { unit: CostUnit; amount: number }) => ({ unit, amount });

/** One image's cost as a person reads it: "10 coins", "from 10 coins", "free", "free, on device". */
export function describeEstimate(e: Estimate): string {
  if (e.kind === 'device') return t('cost_device');
  if (e.kind === 'free') return t('cost_free');
  if (e.kind === 'unknown') return t('cost_unpublished');
  const amount = amountText(e.unit, e.amount);
  return e.from ? t('cost_from', amount) : amount;
}

/** "1 coin", "20 coins", "3 credits" (each unit and number its own message: plurals differ by language). */
function amountText(unit: CostUnit, amount: number): string {
  if (unit === 'coins') return amount === 1 ? t('cost_coins_one') : t('cost_coins_many', amount);
  return amount === 1 ? t('cost_credits_one') : t('cost_credits_many', amount);
}

/**
 * The total for the images ticked: "Total: 40 coins", "Total: free, on device", "Total: free",
 * "Total: from 30 coins" (some sizes unknown), or the known part and how many have no published price.
 */
export function describeTotal(estimates: readonly Estimate[]): string {
  if (estimates.length === 0) return t('cost_total_nothing');
  if (estimates.every((e) => e.kind === 'device')) return t('cost_total', t('cost_device'));
  const amounts = estimates.filter((e) => e.kind === 'amount');
  const unpriced = estimates.filter((e) => e.kind === 'unknown');
  if (amounts.length === 0 && unpriced.length === 0) return t('cost_total', t('cost_free'));
  const parts: string[] = [];
  if (amounts.length > 0) {
    const sum = amounts.reduce((total, e) => total + e.amount, 0);
    const from = amounts.some((e) => e.from);
    parts.push(describeEstimate({ kind: 'amount', unit: amounts[0]!.unit, amount: sum, from }));
  }
  if (unpriced.length > 0) {
    const unit = unpriced[0]!.unit === 'coins' ? t('cost_unit_coins') : t('cost_unit_credits');
    parts.push(
      unpriced.length === 1 ? t('cost_unpriced_one', unit) : t('cost_unpriced_many', [unit, unpriced.length]),
    );
  }
  return t('cost_total', parts.join(' + '));
}
