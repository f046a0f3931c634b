/**
 * What "Test key" found: the key works, and what is left where the provider's API can say so. The
 * background makes the call (entrypoints/background/key-test.ts); Options only shows this.
 */
export interface KeyCheck {
  /** Credits left, for a provider whose API documents a balance call. */
  balance?: { amount: number; unit: 'credits' };
  /** Otherwise, the provider's page that shows what is left. */
  balancePage?: string;
}

/** "1,234.5 credits" in the person's own number format, at most two decimals. */
export function formatBalance({ amount, unit }: NonNullable<KeyCheck['balance']>, locale?: string): string {
  const number = amount.toLocaleString(locale, { maximumFractionDigits: 2 });
  return `${number} ${unit}`;
}
