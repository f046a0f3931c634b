import type { JobError } from '../errors';
import { StorageFullError } from './quota';
import { keepBlob } from './retention';
import { TERMINAL_STATES } from './schema';
import { getJob, updateJob } from './store';
import { engineFailed, engineStopped, produced, progressed } from './transitions';

/**
 * What an engine running in this browser reports about a job (the on-device engine: progress per tile,
 * the result, an error), already checked by the receiver. The engine applies it as a transition, like a
 * poll answer, but as it happens instead of when asked.
 */
export type EngineReport =
  | { kind: 'progress'; done: number; total: number }
  | { kind: 'result'; result: Blob; mask?: Blob; width: number; height: number }
  | { kind: 'error'; error: JobError }
  | { kind: 'cancelled' };

export async function applyReport(jobId: string, report: EngineReport, now: number): Promise<void> {
  switch (report.kind) {
    case 'progress':
      await updateJob(jobId, (job) =>
        progressed(job, report.total > 0 ? report.done / report.total : 0, now),
      );
      return;
    case 'result': {
      // The bytes first, then the record that says they are there: a worker killed between the two
      // leaves a job still processing, never one that claims a copy it does not have.
      const job = await getJob(jobId);
      if (!job || TERMINAL_STATES.has(job.state)) return;
      try {
        await keepBlob(jobId, 'result', report.result);
        if (report.mask) await keepBlob(jobId, 'mask', report.mask);
      } catch (error) {
        // Made in this browser, the result exists nowhere else: without room for it there is nothing to show.
        if (!(error instanceof StorageFullError)) throw error;
        await updateJob(jobId, (j) => engineFailed(j, error.toJobError(), now));
        return;
      }
      const { width, height } = report;
      await updateJob(jobId, (j) => produced(j, { width, height, mask: Boolean(report.mask) }, now));
      return;
    }
    case 'error':
      await updateJob(jobId, (job) => engineFailed(job, report.error, now));
      return;
    case 'cancelled':
      await updateJob(jobId, (job) => engineStopped(job, now));
  }
}
