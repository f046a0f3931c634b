import * as z from 'zod/mini';
import { jobErrorSchema } from '../errors';

/**
 * One stored record per job (IndexedDB via idb-keyval). The zod schema is the type source; `v` is the
 * record version that migrations (utils/jobs/migrate.ts) bring forward. Written with zod/mini: the popup
 * checks the rows it shows against it before its first paint, and classic zod would be several times
 * more code to load first.
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

const text = () => z.string().check(z.minLength(1));
const int = (min?: number) => (min === undefined ? z.int() : z.int().check(z.gte(min)));
const maybe = <T extends z.core.SomeType>(schema: T) => z.optional(z.nullable(schema));

export const pageSwapSchema = z.object({
  status: z.enum(['pending', 'replaced', 'refused', 'not-found', 'gone', 'no-listener']),
  shown: z.optional(z.enum(['original', 'enhanced'])),
});

export const jobSchema = z.object({
  v: z.literal(JOB_RECORD_VERSION),
  id: text(),
  provider: text(),
  operation: text(),
  /** Human label, e.g. "General 2×". Kept so the popup can render a job whose provider was removed. */
  label: z.string(),
  providerName: z.string(),
  media: z.enum(['image', 'video']),
  source: z.object({
    url: z.string(),
    /** The URL actually sent (best srcset candidate). */
    sentUrl: z.optional(z.string()),
    tabId: z.optional(int()),
    frameId: z.optional(int()),
    width: maybe(z.number()),
    height: maybe(z.number()),
    hasAlpha: maybe(z.boolean()),
    duration: maybe(z.number()),
  }),
  state: z.enum(jobStates),
  rawStatus: z.optional(z.string()),
  providerJobId: z.optional(z.string()),
  model: z.optional(z.string()),
  progress: z.nullable(z.number().check(z.gte(0), z.lte(1))),
  etaSeconds: maybe(z.number()),
  result: z.optional(
    z.object({
      /** The provider's link; absent for a result made in this browser, which exists only as our copy. */
      url: z.optional(z.string()),
      maskUrl: z.optional(z.string()),
      previewUrls: z.optional(z.object({ before: z.optional(z.string()), after: z.optional(z.string()) })),
      width: maybe(z.number()),
      height: maybe(z.number()),
      /** The bytes are kept in IndexedDB (utils/jobs/blobs.ts), so Open/Download outlive the link. */
      cached: z.optional(z.boolean()),
      maskCached: z.optional(z.boolean()),
      /** Why our copy is gone (utils/jobs/retention.ts): dropped to stay within the budget, or no room. */
      cleared: z.optional(z.enum(['budget', 'storage_full'])),
    }),
  ),
  page: z.optional(pageSwapSchema),
  /** Set on the jobs started together by "Enhance all images on this page…": the popup shows them as one group. */
  batch: z.optional(z.object({ id: text(), size: z.int().check(z.positive()) })),
  error: z.optional(jobErrorSchema),
  cost: z.optional(z.object({ unit: z.enum(['coins', 'credits', 'usd']), amount: z.number() })),
  createdAt: z.number(),
  updatedAt: z.number(),
  submittedAt: z.optional(z.number()),
  finishedAt: z.optional(z.number()),
  /** When the provider last answered "still working": a finished job was done between this and finishedAt. */
  lastWorkingAt: z.optional(z.number()),
  /**
   * When the job was expected to be done, fixed when it was submitted (utils/jobs/duration-model.ts):
   * every poll of the job is planned from it, so jobs finishing meanwhile do not move its window.
   */
  forecast: z.optional(
    z.object({
      totalMs: z.number().check(z.nonnegative()),
      spread: z.number().check(z.positive(), z.lte(1)),
    }),
  ),
  /** Which worker instance wrote `submitting`; a job left there by another instance needs a decision. */
  bootId: z.optional(z.string()),
  polls: int(0),
  /** Consecutive transient failures of the current step (submit or poll). */
  failures: int(0),
  /** Polls that said "done" without a result URL yet (HitPaw: give it 3 more). */
  incompletePolls: z._default(int(0), 0),
  nextAttemptAt: z.nullable(z.number()),
});
export type Job = z.infer<typeof jobSchema>;
