import { useEffect, useState, type FormEvent } from 'react';
import { storageUse } from '@/utils/jobs/retention';
import { watchJobs } from '@/utils/jobs/store';
import { keptBudgetMb, keptBudgetSchema } from '@/utils/storage';
import { useSetting } from './use-setting';
import { t } from '@/utils/i18n';

const MB = 1024 * 1024;
const MIN_MB = keptBudgetSchema.minValue ?? 0;
const MAX_MB = keptBudgetSchema.maxValue ?? Infinity;

/** "312", "4.2", "0.1": whole MB once it is more than a few. */
export function formatMb(bytes: number): string {
  if (bytes <= 0) return '0';
  const mb = bytes / MB;
  return mb < 10 ? String(Math.max(0.1, Math.round(mb * 10) / 10)) : String(Math.round(mb));
}

/** Bytes the kept images take now; read again whenever a job changes (that is when copies come and go). */
function useKeptBytes(budget: number): number | undefined {
  const [used, setUsed] = useState<number>();
  useEffect(() => {
    let live = true;
    const refresh = () => {
      storageUse()
        .then((use) => live && setUsed(use.usedBytes))
        .catch(() => undefined);
    };
    refresh();
    const stop = watchJobs(refresh);
    return () => {
      live = false;
      stop();
    };
  }, [budget]);
  return used;
}

/** The budget for kept results, with what they take now. Saved on Save only: typing "5" on the way to "500" must not clear anything. */
export function StorageBudgetField() {
  const [budget, setBudget] = useSetting(keptBudgetMb, keptBudgetSchema);
  const [draft, setDraft] = useState<string | null>(null);
  const [status, setStatus] = useState('');
  const used = useKeptBytes(budget);

  function save(event: FormEvent) {
    event.preventDefault();
    const parsed = keptBudgetSchema.safeParse(Number(draft ?? budget));
    if (!parsed.success) {
      setStatus(t('budget_invalid', [MIN_MB, MAX_MB]));
      return;
    }
    setBudget(parsed.data);
    setDraft(null);
    setStatus(t('budget_saved'));
  }

  return (
    <form className="setting" onSubmit={save} noValidate>
      <label htmlFor="kept-budget">{t('budget_label')}</label>
      <input
        id="kept-budget"
        type="number"
        inputMode="numeric"
        min={MIN_MB}
        max={MAX_MB}
        step={50}
        value={draft ?? String(budget)}
        onChange={(event) => {
          setDraft(event.target.value);
          setStatus('');
        }}
      />{' '}
      {t('budget_mb')} <button type="submit">{t('budget_save')}</button>
      <p className="muted" aria-live="polite" data-testid="kept-usage">
        {used === undefined ? t('budget_measuring') : t('budget_used', [formatMb(used), budget])} {status}
      </p>
      <p className="muted">{t('budget_help')}</p>
    </form>
  );
}
