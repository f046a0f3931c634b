import { backendOrderFrom, createOffscreenEngine } from '@/utils/on-device/browser-engine';
import { decodeImage, encodeImage } from '@/utils/on-device/codec';
import { createOffscreenHost } from '@/utils/on-device/host';
import { createSelfieSegmenter } from '@/utils/on-device/selfie-segmenter';
import { engineMessaging, offscreenMessaging } from '@/utils/messages';
import { fromExtensionPage } from '@/utils/sender';

/**
 * Wiring only: one engine (and its tile workers) for the document's lifetime, requests from the extension itself (never from
 * page code), reports back as their own messages.
 */
const host = createOffscreenHost({
  // A module worker from a file of the extension (Vite emits ./tile-worker.ts as its own chunk).
  engine: createOffscreenEngine(
    backendOrderFrom(location.search),
    () => new Worker(new URL('./tile-worker.ts', import.meta.url), { type: 'module' }),
  ),
  segmenter: () => createSelfieSegmenter(),
  decode: decodeImage,
  encode: encodeImage,
  // The report's name and payload are checked together by EngineReport; TypeScript cannot follow that
  // pairing into sendMessage's overloads.
  post: (type, data) => engineMessaging.sendMessage(type, data as never),
});

offscreenMessaging.onMessage('offscreenRun', ({ data, sender }) => {
  if (fromExtensionPage(sender)) host.run(data); // answered at once; the job reports as it goes
});
offscreenMessaging.onMessage('offscreenCancel', ({ data, sender }) => {
  if (fromExtensionPage(sender)) host.cancel(data);
});
offscreenMessaging.onMessage('offscreenStatus', ({ sender }) => {
  if (!fromExtensionPage(sender)) throw new Error('Refused a message from an untrusted sender.');
  return host.status();
});
