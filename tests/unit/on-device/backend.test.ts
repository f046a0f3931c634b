import { describe, expect, it, vi } from 'vitest';
import {
  chooseBackend,
  isResourceError,
  NoBackendError,
  withTextureFallback,
} from '@/utils/on-device/backend';
import { fakeBackendTf } from './fake-tf';

describe('chooseBackend', () => {
  it('tries WebGPU, then WebGL, then WebAssembly, and keeps why the others failed', async () => {
    const { tf, calls } = fakeBackendTf({ webgpu: 'throw', webgl: 'false', wasm: 'ok' });
    const prepared: string[] = [];
    const choice = await chooseBackend(tf, undefined, { prepare: (name) => void prepared.push(name) });
    expect(choice).toEqual({
      name: 'wasm',
      failures: [
        { name: 'webgpu', reason: "Backend name 'webgpu' not found in registry" },
        { name: 'webgl', reason: 'failed to initialise' },
      ],
    });
    expect(calls).toEqual(['setBackend:webgpu', 'setBackend:webgl', 'setBackend:wasm', 'ready:wasm']);
    expect(prepared).toEqual(['webgpu', 'webgl', 'wasm']);
  });

  it('stops at the first backend that starts', async () => {
    const { tf, calls } = fakeBackendTf({ webgpu: 'ok', webgl: 'ok', wasm: 'ok' });
    expect((await chooseBackend(tf)).name).toBe('webgpu');
    expect(calls).toEqual(['setBackend:webgpu', 'ready:webgpu']);
  });

  it('counts a failed preparation (e.g. no navigator.gpu) as that backend failing', async () => {
    const { tf, calls } = fakeBackendTf({ webgpu: 'ok', webgl: 'ok' });
    const prepare = (name: string) => {
      if (name === 'webgpu') throw new Error('WebGPU is not available');
    };
    const choice = await chooseBackend(tf, undefined, { prepare });
    expect(choice.name).toBe('webgl');
    expect(choice.failures).toEqual([{ name: 'webgpu', reason: 'WebGPU is not available' }]);
    expect(calls[0]).toBe('setBackend:webgl');
  });

  it('fails with every reason when nothing starts', async () => {
    const { tf } = fakeBackendTf({ webgl: 'false' });
    const error = await chooseBackend(tf).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NoBackendError);
    expect((error as NoBackendError).failures.map((f) => f.name)).toEqual(['webgpu', 'webgl', 'wasm']);
    expect((error as Error).message).toMatch(/webgl: failed to initialise; wasm: /);
  });
});

describe('withTextureFallback', () => {
  const textureError = new Error(
    'Requested texture size [16384x16640] greater than WebGL maximum on this browser / GPU [16384x16384].',
  );

  it('retries a tile on the next backend when WebGL runs out of texture size', async () => {
    const { tf, current } = fakeBackendTf({ webgpu: 'false', webgl: 'ok', wasm: 'ok' });
    await chooseBackend(tf);
    const onSwitch = vi.fn();
    const run = vi.fn(async () => {
      if (current() === 'webgl') throw textureError;
      return `tile on ${current()}`;
    });
    await expect(withTextureFallback(tf, run, { onSwitch })).resolves.toBe('tile on wasm');
    expect(run).toHaveBeenCalledTimes(2);
    expect(onSwitch).toHaveBeenCalledWith({ name: 'wasm', failures: [] }, textureError);
  });

  it('rethrows other errors at once, without switching', async () => {
    const { tf, current } = fakeBackendTf({ webgl: 'ok', wasm: 'ok' });
    await chooseBackend(tf, ['webgl', 'wasm']);
    const bug = new TypeError('model.predict is not a function');
    await expect(withTextureFallback(tf, async () => Promise.reject(bug))).rejects.toBe(bug);
    expect(current()).toBe('webgl');
  });

  it('rethrows the tile error when no later backend is left or starts', async () => {
    const { tf } = fakeBackendTf({ webgl: 'ok', wasm: 'false' });
    await chooseBackend(tf, ['webgl', 'wasm']);
    const run = vi.fn(async () => Promise.reject(textureError));
    await expect(withTextureFallback(tf, run, { order: ['webgl', 'wasm'] })).rejects.toBe(textureError);
    expect(run).toHaveBeenCalledTimes(1);
  });

  it('recognises the out-of-memory messages of each backend', () => {
    for (const message of [
      textureError.message,
      'Aborted(OOM)',
      'RangeError: WebAssembly.Memory.grow(): Maximum memory size exceeded',
      'Cannot enlarge memory arrays to size 2147549184 bytes',
      'GPUOutOfMemoryError: Out of memory',
      'WebGL context lost.',
      'Array buffer allocation failed',
    ]) {
      expect(isResourceError(new Error(message)), message).toBe(true);
    }
    expect(isResourceError(new Error('Failed to fetch'))).toBe(false);
    expect(isResourceError(new TypeError('x is undefined'))).toBe(false);
  });
});
