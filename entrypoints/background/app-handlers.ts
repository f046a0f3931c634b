import type { Runner } from '@/utils/jobs/runner';
import { deleteJob, getJob, updateJob } from '@/utils/jobs/store';
import { ACTIVE_STATES } from '@/utils/jobs/schema';
import { canceled, discarded, pageShown, resubmitted } from '@/utils/jobs/transitions';
import { appMessaging, jobDecisionRequest, jobIdRequest, jobShowRequest } from '@/utils/messages';
import { deleteBlobs } from '@/utils/jobs/blobs';
import { getProvider } from '@/utils/providers';
import { keyFor } from '@/utils/secrets';
import { fromExtensionPage } from '@/utils/sender';
import { registerKeyTest } from './key-test';
import { showVersion } from './page-bridge';
import { providerContext } from './provider-memory';

export interface AppHandlerDeps {
  runner: Runner;
  bootId: string;
  /** Sends a job written as `submitting` for this worker, under the scheduler's deadline. */
  start(jobId: string): Promise<void>;
  /** Looks at every due job now. */
  tick(): Promise<void>;
  /** Re-arms the wake-up after a job left or changed its times. */
  arm(): Promise<void>;
  /** A key was saved or removed: the menus reorder (a keyed provider leads its groups). */
  onKeysChanged(): Promise<void>;
  /** The popup opened: what the badge announced has been seen. */
  popupOpened?(): Promise<void>;
}

/** What the popup, Options and the viewer may ask of the background; each sender checked, each payload parsed. */
export function registerAppHandlers(deps: AppHandlerDeps) {
  const { runner, bootId } = deps;
  const now = () => Date.now();

  /** Only providers that can stop a job offer it; the job is marked canceled before anything else. */
  async function cancelJob(jobId: string) {
    const job = await getJob(jobId);
    const provider = job && getProvider(job.provider);
    if (!job || !provider?.cancel || !ACTIVE_STATES.has(job.state)) return;
    await runner.exclusive(jobId, async () => {
      await updateJob(jobId, (j) => canceled(j, now()));
    });
    const key = await keyFor(provider.credential);
    if (key !== undefined && job.providerJobId) {
      await provider.cancel(job.providerJobId, await providerContext(provider, key)).catch(() => undefined);
    }
  }

  async function resubmit(jobId: string) {
    await runner.exclusive(jobId, async () => {
      await updateJob(jobId, (job) => resubmitted(job, bootId, now()));
    });
    await deps.start(jobId);
  }

  appMessaging.onMessage('jobRetry', async ({ data, sender }) => {
    if (!fromExtensionPage(sender)) return;
    await resubmit(jobIdRequest.parse(data).jobId);
  });

  appMessaging.onMessage('jobDecide', async ({ data, sender }) => {
    if (!fromExtensionPage(sender)) return;
    const { jobId, action } = jobDecisionRequest.parse(data);
    if (action === 'resubmit') return resubmit(jobId);
    await runner.exclusive(jobId, async () => {
      await updateJob(jobId, (job) => discarded(job, now()));
    });
  });

  appMessaging.onMessage('jobCancel', async ({ data, sender }) => {
    if (!fromExtensionPage(sender)) return;
    await cancelJob(jobIdRequest.parse(data).jobId);
    await deps.arm();
  });

  appMessaging.onMessage('jobRemove', async ({ data, sender }) => {
    if (!fromExtensionPage(sender)) return;
    const { jobId } = jobIdRequest.parse(data);
    await runner.exclusive(jobId, async () => {
      await deleteJob(jobId);
      await deleteBlobs(jobId);
    });
    await deps.arm();
  });

  appMessaging.onMessage('jobShow', async ({ data, sender }) => {
    if (!fromExtensionPage(sender)) return { changed: 0 };
    const { jobId, version } = jobShowRequest.parse(data);
    const job = await getJob(jobId);
    if (!job || job.page?.status !== 'replaced') return { changed: 0 };
    const changed = await showVersion(job, version);
    await updateJob(jobId, (j) => pageShown(j, version, changed, now()));
    return { changed };
  });

  // An extension page opened: the worker is awake now, so anything overdue is looked at at once.
  appMessaging.onMessage('wake', async ({ sender }) => {
    if (!fromExtensionPage(sender)) return;
    if (sender.url && new URL(sender.url).pathname === '/popup.html') await deps.popupOpened?.();
    await deps.tick();
  });

  appMessaging.onMessage('keysChanged', async ({ sender }) => {
    if (!fromExtensionPage(sender)) return;
    await Promise.all([deps.onKeysChanged(), deps.tick()]);
  });

  registerKeyTest(); // Options' "Test key"
}
