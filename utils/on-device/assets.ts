/**
 * Files the on-device engine loads from inside the extension, and where they come from in node_modules.
 * Nothing is fetched from the network: UpscalerJS model definitions fall back to public CDNs and tfjs's
 * wasm backend looks next to its script unless told otherwise, so both are pointed here explicitly.
 */

export const MODEL_PACKAGE = '@upscalerjs/esrgan-slim';

/** Extension path of the model for one scale (copied from `<MODEL_PACKAGE>/models/x<scale>/`). */
export const modelPath = (scale: number) => `/models/esrgan-slim/x${scale}/model.json`;

export const WASM_PACKAGE = '@tensorflow/tfjs-backend-wasm';
export const WASM_DIR = '/tfjs-wasm/';
/**
 * Plain and SIMD builds. The threaded build is left out on purpose: its workers load from blob: URLs,
 * which the extension CSP blocks, and tfjs then hangs (shared/on-device.md), so threads are switched off.
 */
export const WASM_FILES = ['tfjs-backend-wasm.wasm', 'tfjs-backend-wasm-simd.wasm'] as const;
