import type { Provider, ProviderContext } from '../providers/types';
import { StorageFullError } from './quota';
import { keepResults } from './results';
import type { Job } from './schema';
import { updateJob as updateStored } from './store';
import { dropInput, writeWithRoom } from './retention';
import {
  delivered,
  deliveryFailed,
  notKept,
  resultKept,
  stepTimedOut,
  type Clock,
  type PageOutcome,
} from './transitions';

/** Every write of a step: on a full storage, finished jobs' copies are cleared and it is tried once more. */
const updateJob: typeof updateStored = (id, change) =>
  writeWithRoom(() => updateStored(id, change), 'jobUpdate', { protect: id });

/** What delivery needs from the outside world; injected so unit tests drive it without a browser. */
export interface DeliveryDeps {
  clock(): Clock;
  /** Puts a completed job's result into its page; returns the swap status and the result's pixel size. */
  swap(job: Job): Promise<PageOutcome>;
}

/** An image result with a link and no copy of ours yet (videos stay links: too large to keep). */
const needsKeeping = (job: Job) => job.media === 'image' && Boolean(job.result?.url) && !job.result?.cached;

/** A page that cannot be reached (tab closed, navigated, no receiver) is recorded as gone. */
async function swapOrGone(job: Job, deps: DeliveryDeps): Promise<PageOutcome> {
  try {
    return await deps.swap(job);
  } catch (error) {
    console.warn('Page swap failed', error instanceof Error ? error.message : error);
    return { page: { status: 'gone' } };
  }
}

/**
 * A completed job's way to the person: its result kept as our own copy (links expire or need the key),
 * then put into its page, then the outcome recorded. Each part is persisted before the next, and a
 * transient failure (a rate-limited download, a step out of time) is tried again later.
 */
export async function deliver(
  job: Job,
  provider: Provider,
  ctx: ProviderContext,
  deps: DeliveryDeps,
): Promise<void> {
  const outOfTime = () => ctx.signal?.aborted ?? false;
  const tryAgainLater = (error: unknown) =>
    updateJob(job.id, (j) =>
      deliveryFailed(j, outOfTime() ? stepTimedOut(provider.name) : error, deps.clock()),
    );

  if (needsKeeping(job)) {
    try {
      const kept = await keepResults(job, provider, ctx);
      const stored = await updateJob(job.id, (j) => resultKept(j, kept, deps.clock().now));
      if (!stored) return; // removed meanwhile
      job = stored;
    } catch (error) {
      if (!(error instanceof StorageFullError)) {
        await tryAgainLater(error);
        return;
      }
      // No room for our copy. A public link can still go into the page; a keyed or locally made result
      // existed only as that copy, so there is nothing to show: the job says so and ends there.
      const linkOnly = provider.resultAccess === 'public';
      const stored = await updateJob(job.id, (j) => notKept(j, error.situation, linkOnly, deps.clock().now));
      if (!stored || !linkOnly) return;
      job = stored;
    }
  }
  // The page swap cannot be called back once sent: a step already out of time leaves it for the next.
  if (outOfTime()) {
    await tryAgainLater(undefined);
    return;
  }
  const outcome = job.page?.status === 'pending' ? await swapOrGone(job, deps) : undefined;
  await updateJob(job.id, (j) => delivered(j, outcome, deps.clock().now));
  // A completed job is never sent again (Retry is for failed ones): the uploaded input can go.
  await dropInput(job.id).catch(() => undefined);
}
