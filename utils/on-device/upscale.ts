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
import { predictRect } from './predict';
import { dealTiles } from './deal';
import { DEFAULT_TILING, planTiles, type RgbaImage, type Tile } from './tiles';

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
  /**
   * Optional: starts what a `scale`× job will need (backend, workers, model) without waiting, so it
   * overlaps the work before the call (decoding the image). Failures are left for the job to report.
   */
  warm?(scale: number): void;
  /** The backend in use once one has started, with the ones that failed before it (for Options). */
  backend(): BackendChoice | undefined;
  dispose(): void;
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
    return predictRect(tf, await modelFor(scale), image, tile.input, scale);
  }

  async function run(image: RgbaImage, scale: number, { onProgress, signal }: UpscaleRunOptions) {
    signal?.throwIfAborted();
    const refusal = sizeRefusal(image.width, image.height, scale, limits);
    if (refusal) throw new ProviderError({ kind: 'limit_exceeded', message: refusal, retryable: false });
    await start();
    const tiles = planTiles(image.width, image.height, tiling);
    const runOne = (tile: Tile) =>
      withTextureFallback(tf, () => runTile(image, tile, scale), {
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
    // One lane: tfjs on this thread runs one tile at a time, so memory stays that of one tile.
    return dealTiles(tiles, image.width, image.height, scale, runOne, { lanes: 1, onProgress, signal });
  }

  return {
    upscale(image, scale, runOptions = {}) {
      return inTurn(() => run(image, scale, runOptions));
    },
    backend: () => chosen,
    dispose: disposeModels,
  };
}
