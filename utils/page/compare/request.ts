import type { PageRequestProtocol } from '../../messages/page-protocol';
import { send } from '../common/channel';
import type { PageRuntime } from '../common/extension-api';
import type { PageWorld } from '../common/world';

/** Where the compare code, once joined, leaves its opener, and where a Compare click waits for it. */
export const COMPARE_OPEN = 'compare-open';
export const COMPARE_PENDING = 'compare-pending';

export type CompareOpener = (jobId: string) => void;

/**
 * Compare on the "Enhanced" notice: opens the overlay at once when the compare code is here, else asks the
 * background to load it (`/page-compare.js`, joining only where this page code runs), which then opens
 * the job left waiting here. The page itself never sees this: the world is this extension's own.
 */
export function requestCompare(world: PageWorld, runtime: PageRuntime, jobId: string): void {
  const opener = world.state.get(COMPARE_OPEN) as CompareOpener | undefined;
  if (opener) return opener(jobId);
  world.state.set(COMPARE_PENDING, jobId);
  void send<PageRequestProtocol, 'pageCompareOpen'>(runtime, 'pageCompareOpen', { jobId }).catch(
    () => undefined,
  );
}

/** The compare code's side: leaves its opener for later clicks and opens the job a click left waiting. */
export function joinCompare(world: PageWorld, open: CompareOpener): void {
  world.state.set(COMPARE_OPEN, open);
  const pending = world.state.get(COMPARE_PENDING);
  world.state.delete(COMPARE_PENDING);
  if (typeof pending === 'string') open(pending);
}
