import { useSyncExternalStore } from 'react';
import { browser } from 'wxt/browser';
import { fromBase64 } from '@/utils/base64';
import type { MessageSender } from '@/utils/sender';
import {
  pageMessaging,
  pageReplaceRequest,
  pageShowRequest,
  type PageReplaceReply,
  type PageShowReply,
} from '@/utils/messages';

/**
 * The "Try it" image lives on this extension page, where the page code cannot be injected. The
 * background still sends it the result the usual way (the page protocol, to this tab), so this page
 * answers the two messages a finished job needs: put the result in place, and show one version or
 * the other (the popup's toggle). Only the extension's own worker is listened to.
 */
export interface DemoStatus {
  state: 'idle' | 'replaced';
  width?: number;
  height?: number;
  label?: string;
}

let status: DemoStatus = { state: 'idle' };
const listeners = new Set<() => void>();
function setStatus(next: DemoStatus) {
  status = next;
  listeners.forEach((listener) => listener());
}

export function useDemoStatus(): DemoStatus {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => status,
  );
}

/** The worker: this extension, not from a tab (content scripts and pages in tabs carry one). */
const fromWorker = (sender: MessageSender) => sender.id === browser.runtime.id && !sender.tab;

const versions = new Map<string, { img: HTMLImageElement; original: string; enhanced: string }>();

function loaded(img: HTMLImageElement): Promise<boolean> {
  return new Promise((resolve) => {
    img.addEventListener('load', () => resolve(true), { once: true });
    img.addEventListener('error', () => resolve(false), { once: true });
  });
}

const NOT_FOUND: PageReplaceReply = {
  outcome: 'not-found',
  replacedCount: 0,
  naturalWidth: null,
  naturalHeight: null,
};

export function receiveDemoResults() {
  pageMessaging.onMessage('pageReplace', async ({ data, sender }) => {
    const request = pageReplaceRequest.safeParse(data);
    if (!fromWorker(sender) || !request.success) return NOT_FOUND;
    const { jobId, srcUrl, resultUrl, resultData, label } = request.data;
    const img = [...document.querySelectorAll<HTMLImageElement>('img[data-demo]')].find(
      (candidate) => candidate.currentSrc === srcUrl || candidate.src === srcUrl,
    );
    if (!img) return NOT_FOUND;
    const enhanced = resultData
      ? URL.createObjectURL(new Blob([fromBase64(resultData.base64)], { type: resultData.type }))
      : resultUrl!;
    const original = img.src;
    const done = loaded(img);
    img.src = enhanced;
    if (!(await done)) {
      img.src = original;
      return { ...NOT_FOUND, outcome: 'refused' };
    }
    versions.set(jobId, { img, original, enhanced });
    const size = { width: img.naturalWidth, height: img.naturalHeight };
    setStatus({ state: 'replaced', label, ...size });
    return { outcome: 'replaced', replacedCount: 1, naturalWidth: size.width, naturalHeight: size.height };
  });

  pageMessaging.onMessage('pageShow', ({ data, sender }): PageShowReply => {
    const request = pageShowRequest.safeParse(data);
    const entry = request.success && fromWorker(sender) ? versions.get(request.data.jobId) : undefined;
    if (!entry || !request.success) return { changed: 0 };
    entry.img.src = request.data.version === 'original' ? entry.original : entry.enhanced;
    return { changed: 1 };
  });
}
