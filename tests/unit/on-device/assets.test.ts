import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { modelPath, WASM_DIR, WASM_FILES } from '@/utils/on-device/assets';
import { onDevicePublicAssets } from '@/utils/on-device/build-assets';
import { backendOrderFrom } from '@/utils/on-device/browser-engine';
import { ON_DEVICE_SCALES } from '@/utils/messages';

describe('on-device assets', () => {
  it('copies every file the engine asks for, from files that exist', () => {
    const assets = onDevicePublicAssets();
    for (const { absoluteSrc } of assets) expect(existsSync(absoluteSrc), absoluteSrc).toBe(true);
    const shipped = assets.map(({ relativeDest }) => `/${relativeDest}`);
    for (const scale of ON_DEVICE_SCALES) {
      expect(shipped).toContain(modelPath(scale));
      expect(shipped).toContain(modelPath(scale).replace('model.json', 'group1-shard1of1.bin'));
    }
    for (const file of WASM_FILES) expect(shipped).toContain(`${WASM_DIR}${file}`);
    expect(shipped.some((path) => path.includes('threaded'))).toBe(false);
  });

  it('takes a backend order from the offscreen URL, defaulting to WebGPU → WebGL → WebAssembly', () => {
    expect(backendOrderFrom('')).toEqual(['webgpu', 'webgl', 'wasm']);
    expect(backendOrderFrom('?backends=wasm')).toEqual(['wasm']);
    expect(backendOrderFrom('?backends=webgl,bogus,wasm')).toEqual(['webgl', 'wasm']);
    expect(backendOrderFrom('?backends=bogus')).toEqual(['webgpu', 'webgl', 'wasm']);
  });
});
