import type * as tfjs from '@tensorflow/tfjs-core';

/**
 * tfjs-core: tensors, ops and backends. The full `@tensorflow/tfjs` is a superset, so the document passes
 * that; a tile worker passes core alone and ships no WebGL/CPU backend or graph runtime it never uses.
 */
export type Tf = typeof tfjs;

/** A model loader as `@tensorflow/tfjs-layers` and `@tensorflow/tfjs-converter` export them. */
type LoadModel = (source: string | tfjs.io.IOHandler) => Promise<{
  predict(input: tfjs.Tensor): unknown;
  dispose(): unknown;
}>;

/** tfjs-core with the loader(s) of the model types it has to load. */
export type ModelTf = Tf & { loadLayersModel?: LoadModel; loadGraphModel?: LoadModel };

/**
 * One super-resolution model as the engine sees it: RGB pixels in 0–255 in, `scale`× larger RGB in
 * 0–255 out (not yet clipped). Synchronous, so the caller can wrap it in `tf.tidy`.
 */
export interface TileModel {
  readonly scale: number;
  predict(input: tfjs.Tensor4D): tfjs.Tensor4D;
  dispose(): void;
}

export type LoadTileModel = (scale: number) => Promise<TileModel>;

/**
 * The fields of an UpscalerJS model definition (e.g. `@upscalerjs/esrgan-slim/2x`) that matter here;
 * declared locally because the packages' own types reference tfjs-node, which is not installed.
 */
export interface UpscalerModelDefinition {
  scale?: number;
  modelType?: 'layers' | 'graph';
  inputRange?: [number, number];
  outputRange?: [number, number];
  divisibilityFactor?: number;
  setup?: (tf: never) => void | Promise<void>;
  preprocess?: (t: tfjs.Tensor4D) => tfjs.Tensor4D;
  postprocess?: (t: tfjs.Tensor4D) => tfjs.Tensor4D;
}

/**
 * Loads the model of an UpscalerJS definition from `source` (a URL inside the extension, or an IOHandler
 * in tests) and wraps it as a TileModel. We call the model ourselves instead of `new Upscaler()`:
 * UpscalerJS falls back to public CDNs when a path is missing (nothing may leave the browser here) and
 * concatenates every patch into one float tensor (≈ 576 MB for a 2× 12 MP photo), which the tiler
 * avoids. Range handling mirrors UpscalerJS's `scaleIncomingPixels` / `scaleOutput`.
 */
export async function loadUpscalerModel(
  tf: ModelTf,
  definition: UpscalerModelDefinition,
  source: string | tfjs.io.IOHandler,
): Promise<TileModel> {
  const scale = definition.scale ?? 1;
  if (!Number.isInteger(scale) || scale < 1) throw new Error(`Unsupported model scale: ${scale}`);
  if (definition.divisibilityFactor !== undefined && definition.divisibilityFactor > 1) {
    // Such models need inputs padded to a multiple; none of the slim/medium ESRGANs do. Refuse loudly.
    throw new Error('Models with a divisibility factor are not supported on device yet.');
  }
  const graph = definition.modelType === 'graph';
  const load = graph ? tf.loadGraphModel : tf.loadLayersModel;
  if (!load) throw new Error(`This engine was built without the ${graph ? 'graph' : 'layers'} model loader.`);
  await definition.setup?.(tf as never);
  const model = await load(source);
  const unitIn = definition.inputRange?.[1] === 1;
  const unitOut = definition.outputRange?.[1] === 1;
  return {
    scale,
    predict(input) {
      return tf.tidy(() => {
        let x = unitIn ? tf.div<tfjs.Tensor4D>(input, 255) : input;
        if (definition.preprocess) x = definition.preprocess(x);
        let y = model.predict(x) as tfjs.Tensor4D;
        if (definition.postprocess) y = definition.postprocess(y);
        return unitOut ? tf.mul<tfjs.Tensor4D>(y, 255) : y;
      });
    },
    dispose: () => model.dispose(),
  };
}
