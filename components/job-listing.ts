import { migrateJobRecord } from '@/utils/jobs/migrate';
import { jobStates, type Job } from '@/utils/jobs/schema';

/**
 * What the popup's list needs of a stored record to place it, count it and search it — and nothing
 * else. A row shows a whole job only once that record passed the job schema (the store does that on
 * demand, for the rows on screen); the list itself, the filter counts and the search read only these
 * fields, checked here for every record. Checked by hand rather than by the schema: zod over 1,000
 * records costs the popup's first paint tens of milliseconds (extension pages forbid the eval its fast
 * path needs), these few type checks well under one.
 */
export type ListedJob = Pick<Job, 'id' | 'state' | 'createdAt' | 'label' | 'providerName' | 'operation'> & {
  source: Pick<Job['source'], 'url'>;
  batch?: Job['batch'];
};

const STATES: ReadonlySet<unknown> = new Set(jobStates);

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null;
const text = (value: unknown): value is string => typeof value === 'string';

/** The listed fields of a stored record (older versions brought forward), or undefined when any is wrong. */
export function listedJob(raw: unknown): ListedJob | undefined {
  const record = migrateJobRecord(raw);
  if (!isRecord(record) || !text(record.id) || record.id.length === 0) return undefined;
  const { id, state, createdAt, label, providerName, operation, source, batch } = record;
  if (!STATES.has(state) || typeof createdAt !== 'number' || !Number.isFinite(createdAt)) return undefined;
  if (!text(label) || !text(providerName) || !text(operation) || operation.length === 0) return undefined;
  if (!isRecord(source) || !text(source.url)) return undefined;
  const listed: ListedJob = {
    id,
    state: state as Job['state'],
    createdAt,
    label,
    providerName,
    operation,
    source: { url: source.url },
  };
  if (batch === undefined) return listed;
  if (!isRecord(batch) || !text(batch.id) || batch.id.length === 0) return undefined;
  if (typeof batch.size !== 'number' || !Number.isInteger(batch.size) || batch.size <= 0) return undefined;
  return { ...listed, batch: { id: batch.id, size: batch.size } };
}

/** The listed fields of a job that already passed the schema. */
export function listingOf(job: Job): ListedJob {
  const { id, state, createdAt, label, providerName, operation, source, batch } = job;
  return {
    id,
    state,
    createdAt,
    label,
    providerName,
    operation,
    source: { url: source.url },
    ...(batch ? { batch } : {}),
  };
}
