import { z } from 'zod';
import { jobErrorSchema } from '../errors';

/**
 * One stored record per job (IndexedDB via idb-keyval). The zod schema is the type source; `v` is the
 * record version that migrations (utils/jobs/migrate.ts) bring forward.
 */
export const JOB_RECORD_VERSION = 2;

export const jobStates = [
  'submitting', // written BEFORE the submit POST (write-ahead): outcome unknown if found after a restart
  'waiting', // the submit will be tried again at nextAttemptAt (429/5xx answered before anything ran)
  'queued',
  'processing',
  'completed',
  'failed',
  'canceled',
  'expired',
  'needs_decision', // unknown submit outcome: the person decides whether to submit again
] as const;
export type JobState = (typeof jobStates)[number];

export const ACTIVE_STATES: ReadonlySet<JobState> = new Set([
  'submitting',
  'waiting',
  'queued',
  'processing',
]);
export const TERMINAL_STATES: ReadonlySet<JobState> = new Set(['completed', 'failed', 'canceled', 'expired']);

export const pageSwapSchema = z.object({
  status: z.enum(['pending', 'replaced', 'refused', 'not-found', 'gone', 'no-listener']),
  shown: z.enum(['original', 'enhanced']).optional(),
});

export const jobSchema = z.object({
  v: z.literal(JOB_RECORD_VERSION),
  id: z.string().min(1),
  provider: z.string().min(1),
  operation: z.string().min(1),
  /** Human label, e.g. "General 2×". Kept so the popup can render a job whose provider was removed. */
  label: z.string(),
  providerName: z.string(),
  media: z.enum(['image', 'video']),
  source: z.object({
    url: z.string(),
    /** The URL actually sent (best srcset candidate). */
    sentUrl: z.string().optional(),
    tabId: z.number().int().optional(),
    frameId: z.number().int().optional(),
    width: z.number().nullable().optional(),
    height: z.number().nullable().optional(),
    hasAlpha: z.boolean().nullable().optional(),
    duration: z.number().nullable().optional(),
  }),
  state: z.enum(jobStates),
  rawStatus: z.string().optional(),
  providerJobId: z.string().optional(),
  model: z.string().optional(),
  progress: z.number().min(0).max(1).nullable(),
  etaSeconds: z.number().nullable().optional(),
  result: z
    .object({
      /** The provider's link; absent for a result made in this browser, which exists only as our copy. */
      url: z.string().optional(),
      maskUrl: z.string().optional(),
      previewUrls: z.object({ before: z.string().optional(), after: z.string().optional() }).optional(),
      width: z.number().nullable().optional(),
      height: z.number().nullable().optional(),
      /** The bytes are kept in IndexedDB (utils/jobs/blobs.ts), so Open/Download outlive the link. */
      cached: z.boolean().optional(),
      maskCached: z.boolean().optional(),
      /** Why our copy is gone (utils/jobs/retention.ts): dropped to stay within the budget, or no room. */
      cleared: z.enum(['budget', 'storage_full']).optional(),
    })
    .optional(),
  page: pageSwapSchema.optional(),
  /** Set on the jobs started together by "Enhance all images on this page…": the popup shows them as one group. */
  batch: z.object({ id: z.string().min(1), size: z.number().int().positive() }).optional(),
  error: jobErrorSchema.optional(),
  cost: z.object({ unit: z.enum(['coins', 'credits', 'usd']), amount: z.number() }).optional(),
  createdAt: z.number(),
  updatedAt: z.number(),
  submittedAt: z.number().optional(),
  finishedAt: z.number().optional(),
  /** When the provider last answered "still working": a finished job was done between this and finishedAt. */
  lastWorkingAt: z.number().optional(),
  /**
   * When the job was expected to be done, fixed when it was submitted (utils/jobs/duration-model.ts):
   * every poll of the job is planned from it, so jobs finishing meanwhile do not move its window.
   */
  forecast: z.object({ totalMs: z.number().nonnegative(), spread: z.number().positive().max(1) }).optional(),
  /** Which worker instance wrote `submitting`; a job left there by another instance needs a decision. */
  bootId: z.string().optional(),
  polls: z.number().int().min(0),
  /** Consecutive transient failures of the current step (submit or poll). */
  failures: z.number().int().min(0),
  /** Polls that said "done" without a result URL yet (HitPaw: give it 3 more). */
  incompletePolls: z.number().int().min(0).default(0),
  nextAttemptAt: z.number().nullable(),
});
export type Job = z.infer<typeof jobSchema>;
