import { browser } from 'wxt/browser';
import { ACTIVE_STATES, type Job } from '@/utils/jobs/schema';
import { getJob, watchJobs } from '@/utils/jobs/store';
import {
  pageCompareOpenRequest,
  pageMessaging,
  pageRequestMessaging,
  type PageProgressRequest,
} from '@/utils/messages';
import { getProvider } from '@/utils/providers';
import { injectPagePart, targetOf, type FrameTarget } from './page-bridge';

/**
 * The job's page is told where the job stands, for the ring on its media and the "Enhanced" notice after
 * it (`/page-progress.js`). Follows the job records, as the badge and notifications do.
 */

export type PageProgress = Omit<PageProgressRequest, 'jobId'>;

/**
 * What the job's page should show now. `measured`: the provider's progress measures the work (TensorPix,
 * on-device tiles), so the ring shows its percentage; other providers' steps are phases, and the ring
 * spins. A completed job keeps its ring until its result is in the page.
 */
export function progressFor(job: Job, measured: boolean): PageProgress {
  const percent = measured && job.progress !== null ? Math.round(job.progress * 100) : null;
  if (ACTIVE_STATES.has(job.state)) return { phase: 'running', percent };
  if (job.state === 'completed') {
    const page = job.page?.status;
    if (page === undefined || page === 'pending') return { phase: 'running', percent: measured ? 100 : null };
    return { phase: page === 'replaced' ? 'done' : 'ended', percent: null };
  }
  if (job.state === 'canceled') return { phase: 'ended', percent: null };
  return { phase: 'failed', percent: null }; // failed, expired, or a submit whose outcome is unknown
}

/** The provider measures its progress: the ring can show a percentage. */
export function measuredProgress(job: Job): boolean {
  const provider = getProvider(job.provider);
  return Boolean(provider?.measuredProgress || provider?.resultAccess === 'local');
}

export interface PageProgressDeps {
  get(jobId: string): Promise<Job | undefined>;
  measured(job: Job): boolean;
  /** Brings the progress code into the frame (it stands down where the click's page code does not run). */
  join(target: FrameTarget): Promise<boolean>;
  send(target: FrameTarget, data: PageProgressRequest): Promise<void>;
}

/**
 * Tells each running job's page what changed, in the order the changes come. Only a job seen running by
 * this worker is followed (so a finished job's later writes, e.g. the person flipping it back, show no
 * second notice), and each frame is told only when what it shows changes.
 */
export function createPageProgress(deps: PageProgressDeps) {
  const followed = new Map<string, { said: string; joined: boolean }>();
  let queue: Promise<void> = Promise.resolve();

  async function look(jobId: string): Promise<void> {
    const job = await deps.get(jobId);
    const target = job && targetOf(job);
    if (!job || !target) return void followed.delete(jobId);
    const now = progressFor(job, deps.measured(job));
    let seen = followed.get(jobId);
    if (!seen) {
      if (now.phase !== 'running') return;
      seen = { said: '', joined: false };
      followed.set(jobId, seen);
    }
    const said = `${now.phase}:${now.percent}`;
    if (said === seen.said) return;
    seen.said = said;
    if (now.phase !== 'running') followed.delete(jobId);
    if (!seen.joined) seen.joined = await deps.join(target);
    await deps.send(target, { jobId, ...now });
  }

  return {
    changed(jobId: string): Promise<void> {
      queue = queue.then(() => look(jobId)).catch((error: unknown) => console.warn('Page progress', error));
      return queue;
    },
  };
}

interface Sender {
  id?: string;
  tab?: { id?: number };
  frameId?: number;
}

/**
 * Where the compare code may go for a Compare click: only this extension's page code, in the very tab and
 * frame of a completed image job. Anything else (another extension, an extension page, a job of another
 * tab) gets nothing.
 */
export function compareTarget(job: Job | undefined, sender: Sender, extensionId: string): FrameTarget | null {
  const tabId = sender.tab?.id;
  if (sender.id !== extensionId || tabId === undefined || tabId < 0 || !job) return null;
  if (job.media !== 'image' || job.state !== 'completed') return null;
  const target = targetOf(job);
  return target && target.tabId === tabId && target.frameId === (sender.frameId ?? 0) ? target : null;
}

/** Wiring: follow every job write; load the compare code when the person asks for it. */
export function registerPageProgress(): () => void {
  const progress = createPageProgress({
    get: getJob,
    measured: measuredProgress,
    join: (target) => injectPagePart(target, 'progress'),
    send: async (target, data) => {
      await pageMessaging.sendMessage('pageProgress', data, target).catch(() => undefined);
    },
  });
  pageRequestMessaging.onMessage('pageCompareOpen', async ({ data, sender }) => {
    const request = pageCompareOpenRequest.safeParse(data);
    if (!request.success) return false;
    const target = compareTarget(await getJob(request.data.jobId), sender as Sender, browser.runtime.id);
    return target ? injectPagePart(target, 'compare') : false;
  });
  return watchJobs((jobId) => void progress.changed(jobId));
}
