import { migrateData } from '@/utils/jobs/migrate';
import type { Runner } from '@/utils/jobs/runner';
import { listJobs } from '@/utils/jobs/store';
import { DATA_VERSION, dataVersion } from '@/utils/storage';

/**
 * Runs on every worker start. Data migrations are keyed on the stored data version (not on
 * onInstalled, which command-line loads fire on every launch), and job records are brought forward as
 * they are read. Then every job left in `submitting` by a previous worker (another boot id) is stepped,
 * which turns it into "needs your decision" — never a silent re-POST. Polling of the other active jobs
 * resumes through the scheduler's tick.
 */
export async function reconcile(runner: Runner, bootId: string): Promise<void> {
  const stored = await dataVersion.getValue();
  if (stored < DATA_VERSION) {
    await migrateData(stored, DATA_VERSION);
    await dataVersion.setValue(DATA_VERSION);
  }
  const jobs = await listJobs();
  await Promise.all(
    jobs
      .filter((job) => job.state === 'submitting' && job.bootId !== bootId)
      .map((job) => runner.step(job.id)),
  );
}
