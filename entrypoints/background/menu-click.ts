import { browser, type Browser } from 'wxt/browser';
import { putBlob } from '@/utils/jobs/blobs';
import { JOB_RECORD_VERSION, type Job } from '@/utils/jobs/schema';
import { putJob } from '@/utils/jobs/store';
import type { PageInspectReply } from '@/utils/messages';
import type { MediaInfo, Operation, Provider } from '@/utils/providers/types';
import { getKey } from '@/utils/secrets';
import { checkCloudUrl, checkVideoUrl } from '@/utils/url-guard';
import { readInputBytes } from './input-bytes';
import { inspectMedia, showNotice, type FrameTarget } from './page-bridge';

type ClickInfo = Browser.contextMenus.OnClickData;
type Tab = Browser.tabs.Tab | undefined;

export interface ClickDeps {
  bootId: string;
  /** Finds the provider and operation of a menu item (static ones and the person's pipelines). */
  resolve(menuItemId: string | number): Promise<{ provider: Provider; operation: Operation } | undefined>;
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

/** Providers that download the URL themselves get it only if it passes the guard for its media. */
const guard = (operation: Operation, url: string) =>
  operation.media === 'video' ? checkVideoUrl(url) : checkCloudUrl(url);

function mediaInfo(
  operation: Operation,
  srcUrl: string,
  seen: PageInspectReply | undefined,
  byUrl: boolean,
): MediaInfo {
  const best = seen && (!byUrl || guard(operation, seen.bestUrl).ok) ? seen.bestUrl : srcUrl;
  return {
    url: best,
    width: seen?.naturalWidth ?? null,
    height: seen?.naturalHeight ?? null,
    hasAlpha: seen?.hasAlpha ?? null,
    duration: seen?.duration ?? null,
  };
}

/**
 * The one handler registered with contextMenus.onClicked (and exposed to tests as
 * `self.onContextMenuClick`). Order matters: key check, then the URL guard, both before any request.
 */
export function createMenuClickHandler(deps: ClickDeps) {
  return async function onContextMenuClick(info: ClickInfo, tab: Tab): Promise<void> {
    const choice = await deps.resolve(info.menuItemId);
    if (!choice || !info.srcUrl) return;
    const { provider, operation } = choice;

    if (provider.credential && !(await getKey(provider.credential))) {
      const params = new URLSearchParams({ missing: provider.credential, operation: operation.label });
      await browser.tabs.create({ url: `${browser.runtime.getURL('/options.html')}?${params}` });
      return;
    }

    const target =
      tab?.id !== undefined && tab.id >= 0 ? { tabId: tab.id, frameId: info.frameId ?? 0 } : undefined;
    const job = newJob(provider, operation, info.srcUrl, target);
    const byUrl = provider.input === 'url';
    if (byUrl) {
      const verdict = guard(operation, info.srcUrl);
      if (!verdict.ok) return refuse(job, verdict.message, target);
    }

    const seen = target ? await inspectMedia(target, job.id, info.srcUrl) : undefined;
    if (seen?.stream) {
      return refuse(job, 'This video is streamed into the page, so there is no file to send.', target);
    }
    const media = mediaInfo(operation, info.srcUrl, seen, byUrl);
    const problem = provider.precheck({ operation, media });
    if (problem) return refuse(job, problem, target);

    if (!byUrl) {
      const bytes = await readInputBytes(target, job.id, info.srcUrl);
      if (!bytes.ok) return refuse(job, bytes.reason, target);
      await putBlob(job.id, 'input', bytes.blob);
    }

    await putJob({
      ...job,
      bootId: deps.bootId,
      source: { ...job.source, sentUrl: media.url, ...sizeOf(media) },
    });
    const what = `${provider.name} · ${operation.label}`;
    await showNotice(target, `Enhancing with ${what}… Progress is in the toolbar popup.`, 'info');
    await deps.start(job.id);
  };
}

const sizeOf = ({ width, height, hasAlpha, duration }: MediaInfo) => ({ width, height, hasAlpha, duration });
