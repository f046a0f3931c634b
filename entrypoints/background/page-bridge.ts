import { browser } from 'wxt/browser';
import type { Job } from '@/utils/jobs/schema';
import type { FrameTarget, PageOutcome } from '@/utils/jobs/transitions';
import { toBase64 } from '@/utils/base64';
import { getBlob } from '@/utils/jobs/blobs';
import { pageMessaging, type PageInspectReply } from '@/utils/messages';
import { getProvider } from '@/utils/providers';
import { currentBackdrop, isCutout } from './backdrop';
import { PAGE_PARTS, PAGE_SCRIPT, type PageFile, type PagePart } from '@/utils/page/files';
import { freshResultUrl } from './result-handlers';

/**
 * The background's side of page code: inject it on demand (after the person's click, under activeTab)
 * and talk to it in one frame. A tab that was closed or navigated has no receiver: the library then
 * resolves `undefined`, which we read as "gone".
 *
 * What a click injects is only the small core (`/page.js`: find and describe the clicked media, keep the
 * memory). The other files join it when a job needs them, each injected only where that core still runs
 * (a file finding no live core stands down): the result code when a result is ready, the video or CSS
 * background code for those kinds, the byte reader for an upload, the notice for a notice.
 */
export { PAGE_PARTS, PAGE_SCRIPT, type PagePart };

export type { FrameTarget };

async function inject(target: FrameTarget, files: PageFile[]): Promise<boolean> {
  try {
    await browser.scripting.executeScript({
      target: { tabId: target.tabId, frameIds: [target.frameId] },
      files,
    });
    return true;
  } catch {
    return false; // no access to this page (e.g. the Web Store, or a click without activeTab)
  }
}

export const injectPageCode = (target: FrameTarget): Promise<boolean> => inject(target, [PAGE_SCRIPT]);

/** One file joining the page code in that frame (it stands down where the core does not run). */
export const injectPagePart = (target: FrameTarget, part: PagePart): Promise<boolean> =>
  inject(target, [PAGE_PARTS[part]]);

/**
 * The files the frame's page code says it still needs before `job`'s result goes in, injected there. The
 * question runs in the extension's isolated world and injects nothing; the answer is only ever a choice
 * among PAGE_PARTS. Nothing is injected where no live page code answers (closed, navigated).
 */
export async function joinResultParts(target: FrameTarget, job: Job): Promise<void> {
  const asked = await browser.scripting
    .executeScript({
      target: { tabId: target.tabId, frameIds: [target.frameId] },
      func: (jobId: string, srcUrl: string) => {
        type Running = { alive?(): boolean; partsFor?(jobId: string, srcUrl: string): unknown };
        const running = (window as unknown as Record<symbol, Running | undefined>)[
          Symbol.for('enhance-in-place.page')
        ];
        return running?.alive?.() ? (running.partsFor?.(jobId, srcUrl) ?? null) : null;
      },
      args: [job.id, job.source.url],
    })
    .catch(() => undefined);
  const names = asked?.[0]?.result;
  if (!Array.isArray(names)) return;
  const files = names
    .filter((name): name is PagePart => typeof name === 'string' && Object.hasOwn(PAGE_PARTS, name))
    .map((name) => PAGE_PARTS[name]);
  if (files.length > 0) await inject(target, files);
}

export async function inspectMedia(
  target: FrameTarget,
  jobId: string,
  srcUrl: string,
): Promise<PageInspectReply | undefined> {
  if (!(await injectPageCode(target))) return undefined;
  return (
    (await pageMessaging.sendMessage('pageInspect', { jobId, srcUrl }, target).catch(() => undefined)) ??
    undefined
  );
}

export async function showNotice(target: FrameTarget | undefined, message: string, tone: 'info' | 'error') {
  if (!target || !(await inject(target, [PAGE_SCRIPT, PAGE_PARTS.notice]))) return;
  await pageMessaging.sendMessage('pageNotice', { message, tone }, target).catch(() => undefined);
}

export function targetOf(job: Job): FrameTarget | undefined {
  const { tabId, frameId } = job.source;
  return tabId === undefined ? undefined : { tabId, frameId: frameId ?? 0 };
}

/**
 * What the page loads: our kept bytes for a result that needs the key (EnhanceCraft: a page can never be
 * handed the key) or that has no link at all (made in this browser); any other result as a fresh link.
 */
async function resultForPage(
  job: Job,
): Promise<{ resultUrl?: string; resultData?: { type: string; base64: string } }> {
  const needsKey = getProvider(job.provider)?.resultAccess === 'bearer';
  if (needsKey || !job.result?.url) {
    const blob = await getBlob(job.id, 'result');
    if (!blob) return {};
    return { resultData: { type: blob.type, base64: toBase64(new Uint8Array(await blob.arrayBuffer())) } };
  }
  return { resultUrl: await freshResultUrl(job) };
}

/**
 * Swaps a completed job's result into its page. Never injects the page code again, so a navigated tab
 * stays untouched: only the files the running page code asks for join it there.
 */
export async function swapIntoPage(job: Job): Promise<PageOutcome> {
  const target = targetOf(job);
  if (!target || !job.result) return { page: { status: 'gone' } };
  const result = await resultForPage(job);
  if (!result.resultUrl && !result.resultData) return { page: { status: 'not-found' } };
  const backdrop = isCutout(job.provider, job.operation) ? await currentBackdrop() : undefined;
  const label = `${job.providerName} · ${job.label}`;
  await joinResultParts(target, job);
  const reply = await pageMessaging
    .sendMessage('pageReplace', { jobId: job.id, srcUrl: job.source.url, label, backdrop, ...result }, target)
    .catch(() => undefined);
  if (!reply) return { page: { status: await silentPage(target) } };
  if (reply.outcome !== 'replaced') return { page: { status: reply.outcome } };
  const size = { width: reply.naturalWidth, height: reply.naturalHeight };
  return { page: { status: 'replaced', shown: 'enhanced' }, ...size };
}

/**
 * No reply: the tab was closed, or its frame is gone or moved on ('gone'), or our page code is still in
 * that document but did not answer ('no-listener'). Checked with a function run in the extension's
 * isolated world, which injects nothing: it only looks for the running page code's handle there.
 */
export async function silentPage(target: FrameTarget): Promise<'gone' | 'no-listener'> {
  if (!(await browser.tabs.get(target.tabId).catch(() => undefined))) return 'gone';
  const probe = await browser.scripting
    .executeScript({
      target: { tabId: target.tabId, frameIds: [target.frameId] },
      func: () => Symbol.for('enhance-in-place.page') in window,
    })
    .catch(() => undefined);
  return probe?.[0]?.result === true ? 'no-listener' : 'gone';
}

export async function showVersion(job: Job, version: 'original' | 'enhanced'): Promise<number> {
  const target = targetOf(job);
  if (!target) return 0;
  const reply = await pageMessaging
    .sendMessage('pageShow', { jobId: job.id, version }, target)
    .catch(() => undefined);
  return reply?.changed ?? 0;
}
