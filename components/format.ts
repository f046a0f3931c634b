/** "8 s", "3 min 04 s", "1 h 02 min" — for elapsed times in the job list. */
export function formatDuration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ${String(s % 60).padStart(2, '0')} s`;
  return `${Math.floor(m / 60)} h ${String(m % 60).padStart(2, '0')} min`;
}

export function formatCost(
  cost: { unit: 'coins' | 'credits' | 'usd'; amount: number } | undefined,
): string | null {
  if (!cost) return null;
  if (cost.unit === 'usd') return `$${cost.amount.toFixed(2)}`;
  return `${cost.amount} ${cost.unit === 'coins' && cost.amount === 1 ? 'coin' : cost.unit}`;
}
