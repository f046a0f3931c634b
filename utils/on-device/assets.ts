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
 * which the extension CSP blocks, and tfjs then hangs without an error, so threads are switched off.
 */
export const WASM_FILES = ['tfjs-backend-wasm.wasm', 'tfjs-backend-wasm-simd.wasm'] as const;

/** Background removal: MediaPipe selfie segmentation (code and model Apache-2.0), loaded on first use. */
export const SEGMENTATION_PACKAGE = '@mediapipe/selfie_segmentation';
export const SEGMENTATION_DIR = '/mediapipe/';
/**
 * What the solution asks for with modelSelection 0 (the square "general" model, right for portraits) on
 * a browser with WebAssembly SIMD, which every Chromium that runs MV3 has. The landscape model and the
 * non-SIMD build (5.6 MB) are left out; a browser without SIMD gets a clear error instead.
 */
export const SEGMENTATION_FILES = [
  'selfie_segmentation.js',
  'selfie_segmentation.binarypb',
  'selfie_segmentation.tflite',
  'selfie_segmentation_solution_simd_wasm_bin.js',
  'selfie_segmentation_solution_simd_wasm_bin.wasm',
] as const;
