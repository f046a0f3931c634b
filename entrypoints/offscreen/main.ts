import { browser } from 'wxt/browser';
import { backendOrderFrom, createBrowserEngine } from '@/utils/on-device/browser-engine';
import { decodeImage, encodeImage } from '@/utils/on-device/codec';
import { createOffscreenHost } from '@/utils/on-device/host';
import { createSelfieSegmenter } from '@/utils/on-device/selfie-segmenter';

/**
 * Wiring only: one engine for the document's lifetime, requests from the extension's own background
 * (not from page code: sender.tab is set for content scripts), events back as runtime messages.
 */
const host = createOffscreenHost({
  engine: createBrowserEngine(backendOrderFrom(location.search)),
  segmenter: () => createSelfieSegmenter(),
  decode: decodeImage,
  encode: encodeImage,
  post: (event) => browser.runtime.sendMessage(event),
});

browser.runtime.onMessage.addListener((message, sender) => {
  if (sender.id !== browser.runtime.id || sender.tab) return undefined;
  const handled = host.handle(message);
  return handled?.reply ? Promise.resolve(handled.reply) : undefined;
});
