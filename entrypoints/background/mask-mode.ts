import { browser, type Browser } from 'wxt/browser';
import { deleteBlob } from '@/utils/jobs/blobs';
import { createIntake, type IntakeDeps } from '@/utils/jobs/intake';
import { StorageFullError } from '@/utils/jobs/quota';
import { keepBlob } from '@/utils/jobs/retention';
import { readPngDataUrl } from '@/utils/mask/drawn-mask';
import {
  maskEditorQuery,
  maskMessaging,
  maskSubmitRequest,
  type MaskSubmitReply,
} from '@/utils/messages/mask';
import type { CredentialId, Operation, Provider } from '@/utils/providers/types';
import { fromExtensionPage } from '@/utils/sender';
import { readInputBytes } from './input-bytes';
import { inspectMedia, showNotice } from './page-bridge';
import { t } from '@/utils/i18n';

type ClickInfo = Browser.contextMenus.OnClickData;
type Tab = Pick<Browser.tabs.Tab, 'id'> | undefined;
type Choice = { provider: Provider; operation: Operation };
type Intake = (info: ClickInfo, tab: Tab) => Promise<void>;

export interface MaskModeDeps {
  bootId: string;
  resolve(menuItemId: string): Promise<Choice | undefined>;
  hasKey(credential: CredentialId): Promise<boolean>;
  /** Opens Options saying which key is missing, for this click. */
  askForKey(credential: CredentialId, operation: string, info: ClickInfo, tab: Tab): Promise<void>;
  /** Runs a new job's first step (the submit). */
  start(jobId: string): Promise<void>;
}

/**
 * Mask mode (EnhanceCraft "Remove object…" and "Remove text…"): the menu choice opens the viewer on the
 * clicked image to paint the mask; its Remove sends the job through the normal intake — same checks,
 * same page inspection and bytes, same record and start — with the drawn mask kept beside the input
 * (blob kind `drawn-mask`), where the provider adapter takes it at submit.
 */
export function registerMaskMode(deps: MaskModeDeps) {
  /** Opens the editor in a tab next to the page; without the key, Options first (nothing to draw for). */
  async function open(info: ClickInfo, tab: Tab, { provider, operation }: Choice) {
    if (tab?.id === undefined || tab.id < 0 || !info.srcUrl) return;
    if (provider.credential && !(await deps.hasKey(provider.credential))) {
      await deps.askForKey(provider.credential, operation.label, info, tab);
      return;
    }
    const query = maskEditorQuery(String(info.menuItemId), info.srcUrl, tab.id, info.frameId ?? 0);
    await browser.tabs.create({
      url: `${browser.runtime.getURL('/viewer.html')}${query}`,
      openerTabId: tab.id,
    });
  }

  /** Menu choices (and picks) of a drawn-mask operation open the editor; all others go to `intake`. */
  function route(intake: Intake): Intake {
    return async (info, tab) => {
      const choice = await deps.resolve(String(info.menuItemId));
      if (choice?.operation.drawnMask) return open(info, tab, choice);
      return intake(info, tab);
    };
  }

  async function submit(data: unknown): Promise<MaskSubmitReply> {
    const parsed = maskSubmitRequest.safeParse(data);
    if (!parsed.success) return { ok: false, message: t('mask_not_understood') };
    const { menuItemId, srcUrl, tabId, frameId, mask } = parsed.data;
    const choice = await deps.resolve(menuItemId);
    if (!choice?.operation.drawnMask) return { ok: false, message: t('mask_no_mask_op') };
    const png = readPngDataUrl(mask);
    if (!png) return { ok: false, message: t('mask_not_png') };
    const maskBlob = new Blob([png.png as Uint8Array<ArrayBuffer>], { type: 'image/png' });

    const notes: { message: string; tone: 'info' | 'error' }[] = [];
    const kept: string[] = [];
    let needsKey = false;
    const maskDeps: IntakeDeps = {
      bootId: deps.bootId,
      now: Date.now,
      resolve: (id) => deps.resolve(String(id)),
      hasKey: deps.hasKey,
      askForKey: async (credential, operation) => {
        needsKey = true;
        await deps.askForKey(credential, operation, info, { id: tabId });
      },
      inspect: inspectMedia,
      // The mask is kept with the input, before the job record is written: the job never exists without it.
      readBytes: async (target, jobId, url) => {
        const bytes = await readInputBytes(target, jobId, url);
        if (!bytes.ok) return bytes;
        try {
          await keepBlob(jobId, 'drawn-mask', maskBlob);
        } catch (error) {
          if (error instanceof StorageFullError) return { ok: false, reason: error.message };
          throw error;
        }
        kept.push(jobId);
        return bytes;
      },
      notify: async (target, message, tone) => {
        notes.push({ message, tone });
        await showNotice(target, message, tone);
      },
      start: deps.start,
    };
    const info = { menuItemId, srcUrl, frameId, editable: false, pageUrl: undefined } as ClickInfo;
    await createIntake(maskDeps)(info, { id: tabId });

    const refusal = notes.find((note) => note.tone === 'error');
    const started = !refusal && notes.some((note) => note.tone === 'info');
    if (!started) {
      // Nothing was sent: no mask stays behind without its job.
      await Promise.all(kept.map((jobId) => deleteBlob(jobId, ['drawn-mask']).catch(() => undefined)));
      if (needsKey) return { ok: false, message: t('mask_add_key', choice.provider.name) };
      return { ok: false, message: refusal?.message ?? t('mask_nothing_sent') };
    }
    // Back to the page, where the result replaces the image.
    await browser.tabs.update(tabId, { active: true }).catch(() => undefined);
    return { ok: true };
  }

  maskMessaging.onMessage('maskSubmit', async ({ data, sender }) => {
    if (!fromExtensionPage(sender)) return { ok: false, message: t('not_from_extension') };
    return submit(data);
  });

  return { route, open };
}
