import { browser, type Browser } from 'wxt/browser';
import { JOB_RECORD_VERSION, type Job } from '@/utils/jobs/schema';
import { putJob } from '@/utils/jobs/store';
import { parseMenuId } from '@/utils/providers';
import type { Operation, Provider } from '@/utils/providers/types';
import { getKey } from '@/utils/secrets';
import { checkCloudUrl } from '@/utils/url-guard';
import { inspectMedia, showNotice, type FrameTarget } from './page-bridge';

type ClickInfo = Browser.contextMenus.OnClickData;
type Tab = Browser.tabs.Tab | undefined;

export interface ClickDeps {
  bootId: string;
  /** Runs the new job's first step (the submit) and arms polling. */
  start(jobId: string): Promise<void>;
}

function newJob(provider: Provider, operation: Operation, srcUrl: string, target?: FrameTarget): Job {
  const now = Date.now();
  return {
    v: JOB_RECORD_VERSION,
    id: crypto.randomUUID(),
    provider: provider.id,
    operation: operation.id,
    label: operation.label,
    providerName: provider.name,
    media: operation.media,
    source: { url: srcUrl, tabId: target?.tabId, frameId: target?.frameId },
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
async function refuse(job: Job, message: string, target?: FrameTarget) {
  await putJob({
    ...job,
    state: 'failed',
    error: { kind: 'refused_url', message, retryable: false },
    finishedAt: job.createdAt,
  });
  await showNotice(target, `Not sent: ${message}`, 'error');
}

/**
 * The one handler registered with contextMenus.onClicked (and exposed to tests as
 * `self.onContextMenuClick`). Order matters: key check, then the URL guard, both before any request.
 */
export function createMenuClickHandler(deps: ClickDeps) {
  return async function onContextMenuClick(info: ClickInfo, tab: Tab): Promise<void> {
    const choice = parseMenuId(info.menuItemId);
    if (!choice || !info.srcUrl) return;
    const { provider, operation } = choice;

    if (!(await getKey(provider.credential))) {
      const params = new URLSearchParams({ missing: provider.credential, operation: operation.label });
      await browser.tabs.create({ url: `${browser.runtime.getURL('/options.html')}?${params}` });
      return;
    }

    const target =
      tab?.id !== undefined && tab.id >= 0 ? { tabId: tab.id, frameId: info.frameId ?? 0 } : undefined;
    const job = newJob(provider, operation, info.srcUrl, target);
    const verdict = checkCloudUrl(info.srcUrl);
    if (!verdict.ok) return refuse(job, verdict.message, target);

    const seen = target ? await inspectMedia(target, job.id, info.srcUrl) : undefined;
    // The page's best candidate (widest srcset entry) is sent only if it passes the same guard.
    const best = seen && checkCloudUrl(seen.bestUrl).ok ? seen.bestUrl : verdict.url;
    const media = {
      url: best,
      width: seen?.naturalWidth ?? null,
      height: seen?.naturalHeight ?? null,
      hasAlpha: seen?.hasAlpha ?? null,
    };
    const problem = provider.precheck({ operation, media });
    if (problem) return refuse(job, problem, target);

    await putJob({
      ...job,
      bootId: deps.bootId,
      source: {
        ...job.source,
        sentUrl: best,
        width: media.width,
        height: media.height,
        hasAlpha: media.hasAlpha,
      },
    });
    await showNotice(
      target,
      `Enhancing with ${provider.name} · ${operation.label}… Progress is in the toolbar popup.`,
      'info',
    );
    await deps.start(job.id);
  };
}
