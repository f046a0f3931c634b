import { t } from '@/utils/i18n';
/** "8 s", "3 min 04 s", "1 h 02 min" — for elapsed times in the job list. */
export function formatDuration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return t('duration_s', s);
  const m = Math.floor(s / 60);
  if (m < 60) return t('duration_m_s', [m, String(s % 60).padStart(2, '0')]);
  return t('duration_h_m', [Math.floor(m / 60), String(m % 60).padStart(2, '0')]);
}

export function formatCost(
  cost: { unit: 'coins' | 'credits' | 'usd'; amount: number } | undefined,
): string | null {
  if (!cost) return null;
  if (cost.unit === 'usd') return `$${cost.amount.toFixed(2)}`;
  if (cost.unit === 'coins')
    return cost.amount === 1 ? t('cost_coins_one') : t('cost_coins_many', cost.amount);
  return cost.amount === 1 ? t('cost_credits_one') : t('cost_credits_many', cost.amount);
}
