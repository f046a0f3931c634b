import * as tf from '@tensorflow/tfjs';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TileModel } from '@/utils/on-device/model';

/**
 * Deterministic stand-ins for a super-resolution model, run by real tfjs on the CPU backend. Each looks
 * at most one pixel around the one it computes, so with ≥ 1 px of overlap a tiled run must equal a
 * whole-image run exactly.
 */
export function bilinearModel(scale = 2): TileModel & { calls: number[][] } {
  const calls: number[][] = [];
  return {
    scale,
    calls,
    predict(input) {
      const [, h, w] = input.shape;
      calls.push([h, w]);
      return tf.image.resizeBilinear(input, [h * scale, w * scale], false, true);
    },
    dispose: () => undefined,
  };
}

/** A 3×3 blur before a nearest upsample: wrong at tile seams unless the overlap gives it context. */
export function blurModel(scale = 2): TileModel {
  return {
    scale,
    predict(input) {
      const [, h, w] = input.shape;
      const blurred = tf.avgPool(input, 3, 1, 'same');
      return tf.image.resizeNearestNeighbor(blurred, [h * scale, w * scale]);
    },
    dispose: () => undefined,
  };
}

/** The shipped ESRGAN-slim weights, read from node_modules, for tf.loadLayersModel under Node. */
export function slimModelFiles(scale: number): tf.io.IOHandler {
  const dir = join(process.cwd(), 'node_modules/@upscalerjs/esrgan-slim/models', `x${scale}`);
  const json = JSON.parse(readFileSync(join(dir, 'model.json'), 'utf8'));
  const group = json.weightsManifest[0];
  const bin = readFileSync(join(dir, group.paths[0]));
  return {
    load: async () => ({
      modelTopology: json.modelTopology,
      format: json.format,
      weightSpecs: group.weights,
      weightData: bin.buffer.slice(bin.byteOffset, bin.byteOffset + bin.byteLength),
    }),
  };
}
