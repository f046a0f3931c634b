import type { JobError } from '../../errors';
import type { MediaInfo, Operation, Provider } from '../../providers/types';
import { JOB_RECORD_VERSION, type Job } from '../schema';

/** Where the clicked media is: the tab and frame the result goes back to. */
export interface FrameTarget {
  tabId: number;
  frameId: number;
}

/** What a menu click asks for, before anything is checked or stored. */
export interface JobRequest {
  id: string;
  provider: Pick<Provider, 'id' | 'name'>;
  operation: Pick<Operation, 'id' | 'label' | 'media'>;
  srcUrl: string;
  target?: FrameTarget;
  /** The batch ("Enhance all images on this page…") the job was started in. */
  batch?: { id: string; size: number };
}

/** The draft of a job a click asked for; not stored until it is accepted or refused. */
export function drafted(request: JobRequest, now: number): Job {
  const { provider, operation, target } = request;
  return {
    v: JOB_RECORD_VERSION,
    id: request.id,
    provider: provider.id,
    operation: operation.id,
    label: operation.label,
    providerName: provider.name,
    media: operation.media,
    source: { url: request.srcUrl, tabId: target?.tabId, frameId: target?.frameId },
    ...(request.batch ? { batch: request.batch } : {}),
    state: 'submitting',
    progress: null,
    createdAt: now,
    updatedAt: now,
    polls: 0,
    failures: 0,
    incompletePolls: 0,
    nextAttemptAt: null,
  };
}

/** A job that never left the browser: kept in the list so the person sees what happened and why. */
export function refused(job: Job, message: string, now: number): Job {
  return {
    ...job,
    state: 'failed',
    error: { kind: 'refused_url', message, retryable: false },
    nextAttemptAt: null,
    finishedAt: now,
    updatedAt: now,
  };
}

/** A job that could not be recorded or given its input (the browser's storage is full): nothing sent. */
export function notRecorded(job: Job, error: JobError, now: number): Job {
  return { ...job, state: 'failed', error, nextAttemptAt: null, finishedAt: now, updatedAt: now };
}

/**
 * Every check passed: the write-ahead record, `submitting` for this worker (`bootId`), with what will be
 * sent. A worker that dies before the submit leaves it for the start-up reconcile to decide.
 */
export function accepted(job: Job, media: MediaInfo, bootId: string, now: number): Job {
  const { url, width, height, hasAlpha, duration } = media;
  return {
    ...job,
    state: 'submitting',
    bootId,
    source: { ...job.source, sentUrl: url, width, height, hasAlpha, duration },
    updatedAt: now,
  };
}

/**
 * Every check passed for a job of a batch: stored `waiting`, due now, with what will be sent. The
 * scheduler sends it when a submit slot for its provider is free; nothing was sent yet, so a worker that
 * dies meanwhile leaves a job the next one simply sends.
 */
export function inLine(job: Job, media: MediaInfo, now: number): Job {
  const { bootId: _unsent, ...ready } = accepted(job, media, '', now);
  return { ...ready, state: 'waiting', nextAttemptAt: now };
}
