/**
 * What an operation is expected to cost, before anything is sent, as plain data (a rule) so the page
 * code can price each image it lists without the provider registry: the background sends one rule per
 * operation, the page applies it to each image's natural size. Kept free of imports for that reason.
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
  if (e.kind === 'device') return 'free, on device';
  if (e.kind === 'free') return 'free';
  if (e.kind === 'unknown') return 'price not published';
  return `${e.from ? 'from ' : ''}${e.amount} ${e.amount === 1 ? e.unit.slice(0, -1) : e.unit}`;
}

/**
 * The total for the images ticked: "Total: 40 coins", "Total: free, on device", "Total: free",
 * "Total: from 30 coins" (some sizes unknown), or the known part and how many have no published price.
 */
export function describeTotal(estimates: readonly Estimate[]): string {
  if (estimates.length === 0) return 'Total: nothing selected';
  if (estimates.every((e) => e.kind === 'device')) return 'Total: free, on device';
  const amounts = estimates.filter((e) => e.kind === 'amount');
  const unpriced = estimates.filter((e) => e.kind === 'unknown');
  if (amounts.length === 0 && unpriced.length === 0) return 'Total: free';
  const parts: string[] = [];
  if (amounts.length > 0) {
    const sum = amounts.reduce((total, e) => total + e.amount, 0);
    const from = amounts.some((e) => e.from);
    parts.push(describeEstimate({ kind: 'amount', unit: amounts[0]!.unit, amount: sum, from }));
  }
  if (unpriced.length > 0) {
    const unit = unpriced[0]!.unit;
    const images = unpriced.length === 1 ? '1 image' : `${unpriced.length} images`;
    parts.push(`${unit} for ${images} (price not published)`);
  }
  return `Total: ${parts.join(' + ')}`;
}
