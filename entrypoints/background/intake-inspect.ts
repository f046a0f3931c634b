import { pageMessaging, type PageInspectReply } from '@/utils/messages';
import { injectPageCode, type FrameTarget } from './page-bridge';

/**
 * The clicked media, described by the page code in the clicked frame, with one round trip where two
 * were. Page code injected once stays in its document, so the question goes out together with the
 * injection: where a running page code answers it (any later click in that page, and a first click
 * whose injection got there first), that answer is the one; where nothing answered yet, it is asked
 * again once the injection has settled. The injection stands down where page code already runs, so
 * sending it regardless costs nothing there. The answer is checked by intake like any page answer.
 */
export async function inspectClicked(
  target: FrameTarget,
  jobId: string,
  srcUrl: string,
): Promise<PageInspectReply | undefined> {
  const ask = () =>
    pageMessaging.sendMessage('pageInspect', { jobId, srcUrl }, target).catch(() => undefined);
  const injected = injectPageCode(target);
  const early = await ask();
  if (early) return early;
  if (!(await injected)) return undefined;
  return (await ask()) ?? undefined;
}
