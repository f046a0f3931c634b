import { randomUUID } from 'node:crypto';
import type { Operation } from './operations';

export type JobStatus = 'queued' | 'processing' | 'completed' | 'failed';

/** What processing produced: the output's storage key, or the reason it failed. */
export type WorkResult = { outputKey: string } | { error: string };

export interface Job {
  id: string;
  user: string;
  /** The API key that created it (the account's other keys may read it too). */
  apiKey: string;
  inputKey: string;
  operations: Operation[];
  credits: number;
  createdAt: number;
  updatedAt: number;
  /** The status reported at poll n is `plan[min(n, plan.length - 1)]`; the create answer is `queued`. */
  plan: JobStatus[];
  polls: number;
  status: JobStatus;
  /** Set when a forced failure decides the outcome (processing never runs). */
  forcedError?: string;
  /** Processing, started at create. The `completed` poll awaits it, so `completed` never comes early. */
  work: Promise<WorkResult>;
  outputKey: string | null;
  errorMessage: string | null;
}

/** A read-only view for tests: `emu.enhancecraft.jobs()`. */
export interface JobSnapshot {
  id: string;
  user: string;
  apiKey: string;
  inputKey: string;
  operations: Operation[];
  credits: number;
  createdAt: number;
  polls: number;
  /** The status last reported (the create answer counts: `queued`). */
  status: JobStatus;
  plan: readonly JobStatus[];
  outputKey: string | null;
  errorMessage: string | null;
}

/** Polls per step, counted not timed, so a test that polls N times sees exactly one sequence. */
export function planJob(pollsPerStep: number, failed: boolean): JobStatus[] {
  const repeat = (status: JobStatus) => Array<JobStatus>(pollsPerStep).fill(status);
  return [...repeat('queued'), ...repeat('processing'), failed ? 'failed' : 'completed'];
}

export class JobTable {
  private readonly jobs = new Map<string, Job>();

  newId(): string {
    return randomUUID();
  }

  create(fields: Omit<Job, 'polls' | 'status' | 'outputKey' | 'errorMessage'>): Job {
    const job: Job = { ...fields, polls: 0, status: 'queued', outputKey: null, errorMessage: null };
    this.jobs.set(job.id, job);
    return job;
  }

  /** The job when it exists and belongs to `user`; another user's job is "not found". */
  get(id: string, user: string): Job | undefined {
    const job = this.jobs.get(id);
    return job && job.user === user ? job : undefined;
  }

  /** Counts one poll and moves the job on; `now` stamps `updated_at` when the status changes. */
  async poll(job: Job, now: number): Promise<Job> {
    let next = job.plan[Math.min(job.polls, job.plan.length - 1)]!;
    job.polls += 1;
    if (job.status === 'completed' || job.status === 'failed') return job; // terminal: never moves again
    if (next === 'failed') {
      job.errorMessage = job.forcedError ?? 'Image processing failed';
    } else if (next === 'completed') {
      const result = await job.work;
      if ('error' in result) {
        next = 'failed';
        job.errorMessage = result.error;
      } else {
        job.outputKey = result.outputKey;
      }
    }
    if (next !== job.status) {
      job.status = next;
      job.updatedAt = now;
    }
    return job;
  }

  snapshots(): JobSnapshot[] {
    return [...this.jobs.values()].map(
      ({ work: _work, forcedError: _forced, updatedAt: _updated, ...job }) => ({ ...job }),
    );
  }
}
