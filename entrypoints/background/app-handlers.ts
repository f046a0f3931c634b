import type { Runner } from '@/utils/jobs/runner';
import type { Scheduler } from '@/utils/jobs/scheduler';
import { deleteJob, getJob, updateJob } from '@/utils/jobs/store';
import { ACTIVE_STATES, type Job } from '@/utils/jobs/schema';
import { appMessaging, jobDecisionRequest, jobIdRequest, jobShowRequest } from '@/utils/messages';
import { deleteBlobs } from '@/utils/jobs/blobs';
import { getProvider } from '@/utils/providers';
import { keyFor } from '@/utils/secrets';
import { showVersion } from './page-bridge';
import { providerContext } from './provider-memory';
import { fromExtensionPage } from './sender';

function resetForResubmit(job: Job, bootId: string): Job {
  return {
    ...job,
    state: 'submitting',
    bootId,
    error: undefined,
    rawStatus: undefined,
    providerJobId: undefined,
    result: undefined,
    page: undefined,
    progress: null,
    etaSeconds: null,
    cost: undefined,
    polls: 0,
    failures: 0,
    incompletePolls: 0,
    nextAttemptAt: null,
    submittedAt: undefined,
    finishedAt: undefined,
    updatedAt: Date.now(),
  };
}

export function registerAppHandlers(deps: {
  runner: Runner;
  scheduler: Scheduler;
  bootId: string;
  /** A key was saved or removed: the menus reorder (a keyed provider leads its groups). */
  onKeysChanged: () => Promise<void>;
}) {
  const { runner, scheduler, bootId } = deps;

  /** Only providers that can stop a job offer it; the job is marked canceled before anything else. */
  async function cancelJob(jobId: string) {
    const job = await getJob(jobId);
    const provider = job && getProvider(job.provider);
    if (!job || !provider?.cancel || !ACTIVE_STATES.has(job.state)) return;
    await runner.exclusive(jobId, async () => {
      await updateJob(jobId, (j) =>
        ACTIVE_STATES.has(j.state)
          ? { ...j, state: 'canceled', nextAttemptAt: null, finishedAt: Date.now(), updatedAt: Date.now() }
          : undefined,
      );
    });
    const key = await keyFor(provider.credential);
    if (key !== undefined && job.providerJobId) {
      await provider.cancel(job.providerJobId, await providerContext(provider, key)).catch(() => undefined);
    }
  }

  async function resubmit(jobId: string) {
    await runner.exclusive(jobId, async () => {
      await updateJob(jobId, (job) =>
        ACTIVE_STATES.has(job.state) ? undefined : resetForResubmit(job, bootId),
      );
    });
    await scheduler.start(jobId);
  }

  appMessaging.onMessage('jobRetry', async ({ data, sender }) => {
    if (!fromExtensionPage(sender)) return;
    await resubmit(jobIdRequest.parse(data).jobId);
  });

  appMessaging.onMessage('jobDecide', async ({ data, sender }) => {
    if (!fromExtensionPage(sender)) return;
    const { jobId, action } = jobDecisionRequest.parse(data);
    if (action === 'resubmit') return resubmit(jobId);
    await updateJob(jobId, (job) =>
      job.state === 'needs_decision'
        ? { ...job, state: 'canceled', nextAttemptAt: null, updatedAt: Date.now() }
        : undefined,
    );
  });

  appMessaging.onMessage('jobCancel', async ({ data, sender }) => {
    if (!fromExtensionPage(sender)) return;
    await cancelJob(jobIdRequest.parse(data).jobId);
    await scheduler.arm();
  });

  appMessaging.onMessage('jobRemove', async ({ data, sender }) => {
    if (!fromExtensionPage(sender)) return;
    const { jobId } = jobIdRequest.parse(data);
    await runner.exclusive(jobId, async () => {
      await deleteJob(jobId);
      await deleteBlobs(jobId);
    });
    await scheduler.arm();
  });

  appMessaging.onMessage('jobShow', async ({ data, sender }) => {
    if (!fromExtensionPage(sender)) return { changed: 0 };
    const { jobId, version } = jobShowRequest.parse(data);
    const job = await getJob(jobId);
    if (!job || job.page?.status !== 'replaced') return { changed: 0 };
    const changed = await showVersion(job, version);
    if (changed > 0) await updateJob(jobId, (j) => ({ ...j, page: { status: 'replaced', shown: version } }));
    else await updateJob(jobId, (j) => ({ ...j, page: { status: 'gone' } }));
    return { changed };
  });

  // An extension page opened: the worker is awake now, so anything overdue is looked at at once.
  appMessaging.onMessage('wake', async ({ sender }) => {
    if (!fromExtensionPage(sender)) return;
    await scheduler.tick();
  });

  appMessaging.onMessage('keysChanged', async ({ sender }) => {
    if (!fromExtensionPage(sender)) return;
    await Promise.all([deps.onKeysChanged(), scheduler.tick()]);
  });
}
