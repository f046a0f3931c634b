import { randomUUID } from 'node:crypto';
import type { HitPawConfig } from './config';
import type { ForcedOutcome } from './input';

export type JobKind = 'photo' | 'segmentation' | 'video';
export type JobStatus =
  | 'WAITING'
  | 'INPUT_PREPARING'
  | 'CONVERTING'
  | 'CONVERT_COMPLETED'
  | 'OUTPUT_SAVED'
  | 'COMPLETED'
  | ForcedOutcome;

/** Result URLs once processing has finished; null when processing failed. */
export type Outputs = { resUrl: string; maskUrl?: string } | null;

/** How the input fetch went, which decides the job's course. */
export type InputState = 'ok' | 'unreachable' | 'unusable';

export interface Job {
  id: string;
  key: string;
  kind: JobKind;
  model: string | null;
  inputUrl: string;
  createdAt: number;
  coins: number;
  /** The status reported at poll n is `plan[min(n, plan.length - 1)]`. */
  plan: JobStatus[];
  polls: number;
  /** Processing, started at submit. The COMPLETED poll awaits it, so COMPLETED never comes early. */
  work: Promise<Outputs>;
  outputs?: Outputs;
  /** Timed jobs: when (emulator clock) the job is done; before it, polls report the working steps. */
  doneAt?: number;
}

/** A read-only view for tests: `emu.hitpaw.jobs()`. */
export interface JobSnapshot {
  id: string;
  key: string;
  kind: JobKind;
  model: string | null;
  inputUrl: string;
  createdAt: number;
  coins: number;
  polls: number;
  /** The status the last poll reported (`null` before the first poll). */
  lastStatus: JobStatus | null;
  /** Statuses the job will report, one per poll; the last one repeats. */
  plan: readonly JobStatus[];
  /**
   * Timed jobs: when (emulator clock) the job is done — the first status call arriving at or after it
   * reports the final status — and how long after the submit that is. null for jobs counted in polls.
   */
  doneAt: number | null;
  durationMs: number | null;
}

/**
 * Builds the per-poll course of a job. Counting polls instead of time keeps tests deterministic:
 * a test that polls N times sees exactly the documented sequence, however slow the machine.
 */
export function planJob(
  config: HitPawConfig,
  input: InputState,
  outcome: ForcedOutcome | undefined,
  slow: boolean,
): JobStatus[] {
  const per = config.pollsPerStep * (slow ? config.slowFactor : 1);
  const repeat = (status: JobStatus, n: number): JobStatus[] => Array<JobStatus>(n).fill(status);
  const full = config.progression === 'full';
  if (input === 'unreachable') {
    // The FAQ's "stuck" behaviour: the source never answers, the job sits, then fails.
    const waiting = full ? repeat('WAITING', per) : [];
    return [
      ...waiting,
      ...repeat(full ? 'INPUT_PREPARING' : 'CONVERTING', config.unreachableErrorAfterPolls),
      'ERROR',
    ];
  }
  const steps: JobStatus[] = full
    ? ['WAITING', 'INPUT_PREPARING', 'CONVERTING', 'CONVERT_COMPLETED', 'OUTPUT_SAVED']
    : ['CONVERTING'];
  if (input === 'unusable') {
    // The bytes arrived but are not a usable image: the job dies while decoding.
    const upTo = full ? steps.slice(0, 3) : steps;
    return [...upTo.flatMap((s) => repeat(s, per)), 'ERROR'];
  }
  return [...steps.flatMap((s) => repeat(s, per)), outcome ?? 'COMPLETED'];
}

export class JobTable {
  private readonly jobs = new Map<string, Job>();

  /** A fresh job id (UUID v4), taken before the job exists so its processing can name its files. */
  newId(): string {
    return randomUUID();
  }

  create(fields: Omit<Job, 'polls'>): Job {
    const job: Job = { ...fields, polls: 0 };
    void job.work.then((outputs) => (job.outputs = outputs));
    this.jobs.set(job.id, job);
    return job;
  }

  get(id: string): Job | undefined {
    return this.jobs.get(id);
  }

  /**
   * Counts one poll and returns the status to report, waiting for processing before COMPLETED. A timed
   * job reports its working steps (spread over its duration) until `doneAt`, then its final status.
   */
  async poll(job: Job, now: number): Promise<{ status: JobStatus; outputs: Outputs }> {
    const planned =
      job.doneAt === undefined ? job.plan[Math.min(job.polls, job.plan.length - 1)]! : timed(job, now);
    job.polls += 1;
    if (planned !== 'COMPLETED') return { status: planned, outputs: null };
    const outputs = await job.work;
    if (outputs) return { status: 'COMPLETED', outputs };
    job.plan = job.plan.map((s) => (s === 'COMPLETED' ? 'ERROR' : s)); // processing failed: ERROR from now on
    return { status: 'ERROR', outputs: null };
  }

  snapshots(): JobSnapshot[] {
    return [...this.jobs.values()].map(({ work: _work, outputs: _outputs, doneAt, ...job }) => ({
      ...job,
      lastStatus: job.polls === 0 ? null : job.plan[Math.min(job.polls - 1, job.plan.length - 1)]!,
      doneAt: doneAt ?? null,
      durationMs: doneAt === undefined ? null : doneAt - job.createdAt,
    }));
  }
}

/** A timed job's status at `now`: the working steps in equal shares of its duration, then the final one. */
function timed(job: Job, now: number): JobStatus {
  const done = job.doneAt as number;
  const last = job.plan.length - 1;
  if (now >= done) return job.plan[last]!;
  const steps = job.plan.slice(0, last);
  if (steps.length === 0) return job.plan[last]!;
  const share = (now - job.createdAt) / Math.max(1, done - job.createdAt);
  return steps[Math.min(steps.length - 1, Math.max(0, Math.floor(share * steps.length)))]!;
}

/** mulberry32: a small seeded generator, so the noise of timed jobs repeats from run to run. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
