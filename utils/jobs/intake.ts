import type { Browser } from 'wxt/browser';
import type { PageInspectReply } from '../messages';
import {
  BYTES_WANTED,
  type CredentialId,
  type MediaInfo,
  type Operation,
  type Provider,
} from '../providers/types';
import { checkCloudUrl, checkVideoUrl } from '../url-guard';
import { deleteBlob } from './blobs';
import { StorageFullError } from './quota';
import { keepBlob, writeWithRoom } from './retention';
import { SUBMIT_WATCHDOG_MS } from './schedule';
import type { Job } from './schema';
import { getJob, putJob, updateJob } from './store';
import {
  accepted,
  drafted,
  inLine,
  notRecorded,
  refused,
  resubmitted,
  sending,
  type FrameTarget,
} from './transitions';
import { t } from '../i18n';
import { operationLabel, providerLabel } from '../operation-text';

type ClickInfo = Browser.contextMenus.OnClickData;
/** Only the tab's id is read: the frame the result goes back to is the click's. */
type Tab = Pick<Browser.tabs.Tab, 'id'> | undefined;

export type BytesResult = { ok: true; blob: Blob } | { ok: false; reason: string };

/** What intake needs from the browser and the page; injected so unit tests drive it without either. */
export interface IntakeDeps {
  bootId: string;
  now(): number;
  /** Finds the provider and operation of a menu item (static ones and the person's pipelines). */
  resolve(menuItemId: string | number): Promise<{ provider: Provider; operation: Operation } | undefined>;
  hasKey(credential: CredentialId): Promise<boolean>;
  /** Opens Options saying which key is missing for what the person asked. */
  askForKey(credential: CredentialId, operationLabel: string): Promise<void>;
  /** Injects page code and describes the clicked media (best srcset candidate, size, duration). */
  inspect(target: FrameTarget, jobId: string, srcUrl: string): Promise<PageInspectReply | undefined>;
  /** The clicked image's bytes, for providers that take an upload. */
  readBytes(target: FrameTarget | undefined, jobId: string, srcUrl: string): Promise<BytesResult>;
  /** A short note in the page, beside what the person clicked. */
  notify(target: FrameTarget | undefined, message: string, tone: 'info' | 'error'): Promise<void>;
  /** Runs the new job's first step (the submit); `written` is the write-ahead record just stored. */
  start(jobId: string, written?: Job): Promise<void>;
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

/** What will be sent (and the bytes, for an upload), or why it cannot be: all before any request. */
async function problemWith(
  job: Job,
  choice: { provider: Provider; operation: Operation },
  target: FrameTarget | undefined,
  deps: IntakeDeps,
): Promise<{ problem: string } | { media: MediaInfo; bytes?: Blob }> {
  const { provider, operation } = choice;
  const srcUrl = job.source.url;
  // 'url-or-bytes' (HitPaw images): a URL the provider cannot download (data:, blob:, a private host)
  // goes as bytes instead, for the provider the person chose for this very image.
  const byUrl =
    provider.input === 'url' || (provider.input === 'url-or-bytes' && guard(operation, srcUrl).ok);
  if (byUrl) {
    const verdict = guard(operation, srcUrl);
    if (!verdict.ok) return { problem: verdict.message };
  }
  const seen = target ? await deps.inspect(target, job.id, srcUrl) : undefined;
  if (seen?.stream) return { problem: t('intake_streamed_video') };
  const media = mediaInfo(operation, srcUrl, seen, byUrl);
  const refusal = provider.precheck({ operation, media });
  if (refusal) return { problem: refusal };
  if (byUrl) return { media };
  const bytes = await deps.readBytes(target, job.id, srcUrl);
  return bytes.ok ? { media, bytes: bytes.blob } : { problem: bytes.reason };
}

/**
 * The browser's storage is full: nothing is sent, and the job is recorded as failed saying so when even
 * that fits (its record is small; the kept copies it could not take were cleared first).
 */
async function storageFull(
  job: Job,
  error: StorageFullError,
  target: FrameTarget | undefined,
  deps: IntakeDeps,
) {
  await deleteBlob(job.id, ['input']).catch(() => undefined);
  await putJob(notRecorded(job, error.toJobError(), deps.now())).catch(() => undefined);
  await deps.notify(target, t('notice_not_sent', error.message), 'error');
}

/**
 * The provider could not use the URL it was sent (BYTES_WANTED): nothing ran there, so the bytes are
 * read now, while the click's page and host grant are at hand, and the job goes again with them. When
 * they cannot be read or kept, the job keeps the provider's own reason.
 */
async function sendBytesInstead(job: Job, target: FrameTarget | undefined, deps: IntakeDeps) {
  const wanted = (j: Job | undefined) => j?.state === 'failed' && j.error?.code === BYTES_WANTED;
  if (!wanted(await getJob(job.id))) return;
  const bytes = await deps.readBytes(target, job.id, job.source.url);
  if (!bytes.ok) return;
  try {
    await keepBlob(job.id, 'input', bytes.blob);
  } catch (error) {
    if (error instanceof StorageFullError) return;
    throw error;
  }
  const again = await updateJob(job.id, (j) =>
    wanted(j) ? resubmitted(j, deps.bootId, deps.now()) : undefined,
  );
  if (again) await deps.start(job.id);
}

/** The longest the in-page notice of a click waits for its submit to be answered. */
export const NOTICE_HOLD_MS = 300;

/** A job started with others ("Enhance all images on this page…"): the batch's id and size. */
export interface BatchRef {
  id: string;
  size: number;
}

/**
 * Menu click → job record: the key check, then the URL guard, page inspection and the provider's own
 * precheck, then the input bytes — all before any request — then the write-ahead record, then the start.
 * A refused job is recorded too, with the reason, so the person sees what happened.
 *
 * A job of a batch goes through the very same checks and carries the batch on its record; it is stored
 * `waiting` (in line) rather than started, so the scheduler sends the batch a few at a time per provider,
 * and the batch's one notice replaces the per-image one.
 */
export function createIntake(deps: IntakeDeps) {
  return async function onContextMenuClick(info: ClickInfo, tab: Tab, batch?: BatchRef): Promise<void> {
    const choice = await deps.resolve(info.menuItemId);
    if (!choice || !info.srcUrl) return;
    const { provider, operation } = choice;

    if (provider.credential && !(await deps.hasKey(provider.credential))) {
      await deps.askForKey(provider.credential, operation.label);
      return;
    }

    const target =
      tab?.id !== undefined && tab.id >= 0 ? { tabId: tab.id, frameId: info.frameId ?? 0 } : undefined;
    const request = { id: crypto.randomUUID(), provider, operation, srcUrl: info.srcUrl, target, batch };
    const job = drafted(request, deps.now());
    const checked = await problemWith(job, choice, target, deps);
    if ('problem' in checked) {
      await writeWithRoom(() => putJob(refused(job, checked.problem, deps.now())), 'newJob').catch(
        () => undefined, // nothing was sent either way; the notice below still says why
      );
      await deps.notify(target, t('notice_not_sent', checked.problem), 'error');
      return;
    }
    // The write-ahead record in one write: `submitting` for this worker with its watchdog time, so the
    // submit goes without writing the job again (a batch job is stored in line instead).
    const at = deps.now();
    const record = batch
      ? inLine(job, checked.media, at)
      : sending(accepted(job, checked.media, deps.bootId, at), deps.bootId, at + SUBMIT_WATCHDOG_MS, at);
    let stored: Job;
    try {
      if (checked.bytes) await keepBlob(job.id, 'input', checked.bytes);
      stored = await writeWithRoom(() => putJob(record), 'newJob');
    } catch (error) {
      if (!(error instanceof StorageFullError)) throw error;
      await storageFull(job, error, target, deps);
      return;
    }
    if (batch) return; // in line: the scheduler sends it in its turn, the batch says one notice
    const what = `${providerLabel(provider.name)} · ${operationLabel(operation.label)}`;
    // The submit goes first; the in-page notice follows once it is answered, or after NOTICE_HOLD_MS at
    // most (a slow provider). Injecting the notice while the request is on its way slowed the request
    // (measured: 23 ms from fetch to the provider with the notice alongside, 14.5 ms without).
    const started = deps.start(job.id, stored);
    let hold: ReturnType<typeof setTimeout> | undefined;
    await Promise.race([started, new Promise((moment) => (hold = setTimeout(moment, NOTICE_HOLD_MS)))]);
    clearTimeout(hold);
    await Promise.all([deps.notify(target, t('notice_enhancing', what), 'info'), started]);
    if (provider.input === 'url-or-bytes' && !checked.bytes) await sendBytesInstead(job, target, deps);
  };
}
