import { ProviderError } from '../errors';
import { oneAtATime } from '../one-at-a-time';
import {
  chooseBackend,
  DEFAULT_BACKEND_ORDER,
  withTextureFallback,
  type BackendChoice,
  type BackendName,
  type PrepareBackend,
} from './backend';
import { ON_DEVICE_LIMITS, sizeRefusal, type SizeLimits } from './limits';
import type { LoadTileModel, TileModel, Tf } from './model';
import { rgbaFromModel, rgbOf } from './pixels';
import { createImage, DEFAULT_TILING, pasteTile, planTiles, type RgbaImage, type Tile } from './tiles';

export interface UpscaleEngineOptions {
  tf: Tf;
  /** Loads the model for one scale; called once per scale, and again after a backend switch. */
  loadModel: LoadTileModel;
  backendOrder?: readonly BackendName[];
  prepareBackend?: PrepareBackend;
  tiling?: typeof DEFAULT_TILING;
  limits?: SizeLimits;
}

export interface UpscaleRunOptions {
  /** Tiles done out of tiles total: (0, n) before the first tile, then after each one. */
  onProgress?: (done: number, total: number) => void;
  /** Checked before every tile: a cancel takes effect within one tile's time. */
  signal?: AbortSignal;
}

export interface UpscaleEngine {
  upscale(image: RgbaImage, scale: number, options?: UpscaleRunOptions): Promise<RgbaImage>;
  /** The backend in use once one has started, with the ones that failed before it (for Options). */
  backend(): BackendChoice | undefined;
  dispose(): void;
}

/**
 * Lets queued messages (a cancel) run between tiles. A MessageChannel task, not setTimeout: hidden and
 * offscreen documents clamp chained timers to ≥ 1 s, which would add a second per tile.
 */
function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(undefined);
  });
}

/**
 * One engine per offscreen document: picks a backend once, keeps one model per scale, and runs calls one
 * at a time (a second `upscale` waits for the first), tile by tile, so memory stays that of one tile.
 */
export function createUpscaleEngine(options: UpscaleEngineOptions): UpscaleEngine {
  const { tf, loadModel, prepareBackend: prepare } = options;
  const order = options.backendOrder ?? DEFAULT_BACKEND_ORDER;
  const tiling = options.tiling ?? DEFAULT_TILING;
  const limits = options.limits ?? ON_DEVICE_LIMITS;
  const models = new Map<number, Promise<TileModel>>();
  let chosen: BackendChoice | undefined;
  let starting: Promise<BackendChoice> | undefined;
  const inTurn = oneAtATime();

  const disposeModels = () => {
    for (const model of models.values()) void model.then((m) => m.dispose()).catch(() => undefined);
    models.clear();
  };

  const start = () =>
    (starting ??= chooseBackend(tf, order, { prepare }).then(
      (choice) => (chosen = choice),
      (error: unknown) => {
        starting = undefined; // let the next job try again (e.g. after a GPU reset)
        throw error;
      },
    ));

  const modelFor = (scale: number): Promise<TileModel> => {
    let model = models.get(scale);
    if (!model) {
      model = loadModel(scale);
      models.set(scale, model);
      model.catch(() => models.delete(scale));
    }
    return model;
  };

  async function runTile(image: RgbaImage, tile: Tile, scale: number): Promise<RgbaImage> {
    const model = await modelFor(scale);
    if (model.scale !== scale) throw new Error(`Model for ${scale}× upscales ${model.scale}×.`);
    const { input } = tile;
    const output = tf.tidy(() =>
      model.predict(tf.tensor4d(rgbOf(image, input), [1, input.height, input.width, 3])),
    );
    try {
      return rgbaFromModel(await output.data(), image, input, scale);
    } finally {
      output.dispose();
    }
  }

  async function run(image: RgbaImage, scale: number, { onProgress, signal }: UpscaleRunOptions) {
    signal?.throwIfAborted();
    const refusal = sizeRefusal(image.width, image.height, scale, limits);
    if (refusal) throw new ProviderError({ kind: 'limit_exceeded', message: refusal, retryable: false });
    await start();
    const tiles = planTiles(image.width, image.height, tiling);
    const result = createImage(image.width * scale, image.height * scale);
    onProgress?.(0, tiles.length);
    for (const tile of tiles) {
      signal?.throwIfAborted();
      const output = await withTextureFallback(tf, () => runTile(image, tile, scale), {
        order,
        prepare,
        onSwitch: (choice, cause) => {
          const ranOut = chosen
            ? [{ name: chosen.name, reason: String((cause as Error)?.message ?? cause) }]
            : [];
          chosen = {
            name: choice.name,
            failures: [...(chosen?.failures ?? []), ...ranOut, ...choice.failures],
          };
          // Weights live on the backend that loaded them: reload on the new one rather than trust a move.
          disposeModels();
        },
      });
      pasteTile(result, tile, output, scale);
      onProgress?.(tile.index + 1, tiles.length);
      await yieldToEventLoop();
    }
    return result;
  }

  return {
    upscale(image, scale, runOptions = {}) {
      return inTurn(() => run(image, scale, runOptions));
    },
    backend: () => chosen,
    dispose: disposeModels,
  };
}
