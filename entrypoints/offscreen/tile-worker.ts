import * as core from '@tensorflow/tfjs-core';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { loadLayersModel } from '@tensorflow/tfjs-layers';
import slim2x from '@upscalerjs/esrgan-slim/2x';
import slim4x from '@upscalerjs/esrgan-slim/4x';
import { loadUpscalerModel, type UpscalerModelDefinition } from '@/utils/on-device/model';
import { createTileWorker } from '@/utils/on-device/tile-worker';

/**
 * Wiring of one tile worker (a module worker started by the offscreen document from this file of the
 * extension): its own tfjs on WebAssembly, single-threaded (the threaded build starts blob: workers,
 * which the extension's CSP blocks), the document's cores shared out by running several of these.
 * Extension APIs do not reach a dedicated worker: the document sends the binaries' and models' URLs.
 * Only what a tile needs is imported — tfjs-core, the WebAssembly backend and the layers loader the
 * ESRGAN models use — not all of `@tensorflow/tfjs` (its WebGL and CPU backends, graph runtime and
 * data API): a smaller script for each worker to fetch, parse and start.
 */
const tf = { ...core, loadLayersModel };
const DEFINITIONS: Record<number, UpscalerModelDefinition> = { 2: slim2x, 4: slim4x };

const worker = createTileWorker({
  tf,
  async startBackend(wasmDir) {
    tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
    setWasmPaths(wasmDir);
    if (!(await tf.setBackend('wasm'))) throw new Error('the WebAssembly backend failed to initialise');
    await tf.ready();
  },
  loadModel(scale, url) {
    const definition = DEFINITIONS[scale];
    if (!definition) return Promise.reject(new Error(`No on-device model for ${scale}×.`));
    return loadUpscalerModel(tf, definition, url);
  },
});

const scope = self as unknown as {
  onmessage: ((event: MessageEvent) => void) | null;
  postMessage(message: unknown, transfer: Transferable[]): void;
};
scope.onmessage = (event) => {
  void worker.handle(event.data).then(({ reply, transfer }) => scope.postMessage(reply, transfer));
};
