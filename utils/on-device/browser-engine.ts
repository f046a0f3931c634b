import * as tf from '@tensorflow/tfjs';
import slim2x from '@upscalerjs/esrgan-slim/2x';
import slim4x from '@upscalerjs/esrgan-slim/4x';
import { browser, type PublicPath } from 'wxt/browser';
import { modelPath, WASM_DIR } from './assets';
import { DEFAULT_BACKEND_ORDER, type BackendName } from './backend';
import { loadUpscalerModel, type UpscalerModelDefinition } from './model';
import { ON_DEVICE_SCALES, type OnDeviceScale } from '../messages';
import { createParallelEngine } from './parallel-engine';
import { createUpscaleEngine, type UpscaleEngine } from './upscale';
import { workerCount } from './worker-count';
import { createTilePool, type WorkerLike } from './worker-pool';

/**
 * The real engine for an extension page: tfjs with ESRGAN-slim, every file loaded from the extension
 * (paths come from the build hook in build-assets.ts, so WXT's PublicPath type does not know them).
 */
const DEFINITIONS: Record<OnDeviceScale, UpscalerModelDefinition> = { 2: slim2x, 4: slim4x };

const extensionUrl = (path: string) => browser.runtime.getURL(path as PublicPath);

/**
 * WebGL drawn by the CPU (SwiftShader, llvmpipe) starts fine and is then ~20× slower than WebAssembly:
 * 15 s against 0.7 s for a 128² tile at 2× on the project's machines. Treat it as a failed start.
 */
export const SOFTWARE_RENDERER = /swiftshader|llvmpipe|softpipe|software rasterizer|microsoft basic render/i;

function webglRenderer(): string | undefined {
  const gl = new OffscreenCanvas(1, 1).getContext('webgl2');
  const info = gl?.getExtension('WEBGL_debug_renderer_info');
  const renderer = gl && info ? String(gl.getParameter(info.UNMASKED_RENDERER_WEBGL)) : undefined;
  gl?.getExtension('WEBGL_lose_context')?.loseContext(); // free the probe's context at once
  return renderer;
}

export async function prepareBackend(name: BackendName): Promise<void> {
  if (name === 'webgl') {
    const renderer = webglRenderer();
    if (renderer && SOFTWARE_RENDERER.test(renderer)) throw new Error(`WebGL runs in software (${renderer})`);
  } else if (name === 'webgpu') {
    if (!('gpu' in navigator)) throw new Error('WebGPU is not available');
    // Imported only when tried: ~320 KB that browsers without WebGPU never load.
    await import('@tensorflow/tfjs-backend-webgpu');
  } else if (name === 'wasm') {
    const wasm = await import('@tensorflow/tfjs-backend-wasm');
    // Before the backend starts: the threaded build's blob: workers are blocked by the CSP and tfjs
    // then hangs without an error.
    tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
    // A directory, not a file map: tfjs rejects a map without the threaded binary, which we do not ship
    // (WASM_FILES); with threads off it is never requested.
    wasm.setWasmPaths(extensionUrl(WASM_DIR));
  }
}

/**
 * `?backends=wasm` (or `webgl,wasm`) on the offscreen document's URL overrides the order: the e2e machines
 * have no GPU, and WebGL/WebGPU on SwiftShader there are slow or broken.
 */
export function backendOrderFrom(search: string): readonly BackendName[] {
  const known = new Set<string>(['webgpu', 'webgl', 'wasm', 'cpu']);
  const asked = (new URLSearchParams(search).get('backends') ?? '').split(',').filter((b) => known.has(b));
  return asked.length > 0 ? (asked as BackendName[]) : DEFAULT_BACKEND_ORDER;
}

export function createBrowserEngine(
  backendOrder: readonly BackendName[] = DEFAULT_BACKEND_ORDER,
): UpscaleEngine {
  return createUpscaleEngine({
    tf,
    backendOrder,
    prepareBackend,
    loadModel: async (scale) => {
      const definition = DEFINITIONS[scale as OnDeviceScale];
      if (!definition) throw new Error(`No on-device model for ${scale}×.`);
      return loadUpscalerModel(tf, definition, extensionUrl(modelPath(scale)));
    },
  });
}

/**
 * The offscreen document's engine: a GPU backend on the document's thread when one starts, else
 * WebAssembly in `workerCount` tile workers made by `createWorker` (a module worker from a file of the
 * extension: blob: workers are blocked by the extension's CSP).
 */
export function createOffscreenEngine(
  backendOrder: readonly BackendName[] = DEFAULT_BACKEND_ORDER,
  createWorker?: () => WorkerLike,
): UpscaleEngine {
  const size = workerCount({
    cores: navigator.hardwareConcurrency,
    deviceMemoryGb: (navigator as { deviceMemory?: number }).deviceMemory,
  });
  const models = Object.fromEntries(ON_DEVICE_SCALES.map((scale) => [scale, extensionUrl(modelPath(scale))]));
  const pool = createWorker
    ? createTilePool({ createWorker, size, start: { wasmDir: extensionUrl(WASM_DIR), models } })
    : undefined;
  return createParallelEngine({
    tf,
    backendOrder,
    prepareBackend,
    single: (rest) => createBrowserEngine(rest),
    pool,
  });
}
