import type { Results, SelfieSegmentation } from '@mediapipe/selfie_segmentation';
import { browser, type PublicPath } from 'wxt/browser';
import { oneAtATime } from '../one-at-a-time';
import { SEGMENTATION_DIR } from './assets';
import { applyMask, modelInputSize } from './cutout';
import type { BackgroundRemover, SegmentRunOptions } from './segmenter';
import type { RgbaImage } from './tiles';

/**
 * Background removal for people and portraits with MediaPipe selfie segmentation, in the offscreen
 * document. The solution is a closure-compiled script that defines a global and loads its wasm and model
 * through `locateFile`; it is added as a <script> from the extension's own files on first use (the
 * extension CSP allows 'self'), so the 6 MB engine costs nothing until someone removes a background.
 */
type SolutionConstructor = typeof SelfieSegmentation;

/** Where the solution's files are: the extension's copies (the benchmark serves them from node_modules). */
type Locate = (file: string) => string;
const extensionUrl: Locate = (file) => browser.runtime.getURL(`${SEGMENTATION_DIR}${file}` as PublicPath);

/** First load compiles 5.7 MB of wasm (4–5 s on a slow machine); a graph that never answers is an error. */
const LOAD_TIMEOUT_MS = 60_000;
const RUN_TIMEOUT_MS = 30_000;

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not finish within ${ms / 1000} s.`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function loadSolution(locate: Locate): Promise<SolutionConstructor> {
  return new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = locate('selfie_segmentation.js');
    script.onload = () => {
      const constructor = (globalThis as { SelfieSegmentation?: SolutionConstructor }).SelfieSegmentation;
      if (constructor) resolve(constructor);
      else reject(new Error('the segmentation script defined no SelfieSegmentation'));
    };
    script.onerror = () => reject(new Error('the segmentation script could not be loaded'));
    document.head.append(script);
  });
}

interface Segmentation {
  /** The subject mask for `input`, at the input's size: alpha carries the confidence. */
  mask(input: HTMLCanvasElement): Promise<CanvasImageSource>;
}

async function startSegmentation(locate: Locate): Promise<Segmentation> {
  const Solution = await loadSolution(locate);
  const solution = new Solution({ locateFile: (file) => locate(file) });
  solution.setOptions({ modelSelection: 0, selfieMode: false });
  let deliver: ((results: Results) => void) | undefined;
  solution.onResults((results) => deliver?.(results));
  await withTimeout(solution.initialize(), LOAD_TIMEOUT_MS, 'Loading the background-removal model');
  return {
    async mask(input) {
      const results = new Promise<Results>((resolve) => (deliver = resolve));
      await withTimeout(solution.send({ image: input }), RUN_TIMEOUT_MS, 'Background removal');
      return (await withTimeout(results, RUN_TIMEOUT_MS, 'Background removal')).segmentationMask;
    },
  };
}

/** The mask's alpha, scaled (smoothly) to width × height. */
function maskAlpha(mask: CanvasImageSource, width: number, height: number): Uint8ClampedArray {
  const context = new OffscreenCanvas(width, height).getContext('2d', { willReadFrequently: true });
  if (!context) throw new Error('no 2D context');
  context.imageSmoothingQuality = 'high';
  context.drawImage(mask, 0, 0, width, height);
  const rgba = context.getImageData(0, 0, width, height).data;
  const alpha = new Uint8ClampedArray(width * height);
  for (let p = 0, i = 3; p < alpha.length; p++, i += 4) alpha[p] = rgba[i]!;
  return alpha;
}

async function modelInput(image: RgbaImage): Promise<HTMLCanvasElement> {
  const size = modelInputSize(image.width, image.height);
  const bitmap = await createImageBitmap(new ImageData(image.data, image.width, image.height), {
    resizeWidth: size.width,
    resizeHeight: size.height,
    resizeQuality: 'high',
  });
  const canvas = document.createElement('canvas');
  canvas.width = size.width;
  canvas.height = size.height;
  canvas.getContext('2d')?.drawImage(bitmap, 0, 0);
  bitmap.close();
  return canvas;
}

/** One solution per document, calls one at a time (the solution delivers results to one listener). */
export function createSelfieSegmenter(locate: Locate = extensionUrl): BackgroundRemover {
  let started: Promise<Segmentation> | undefined;
  const inTurn = oneAtATime();

  async function run(image: RgbaImage, { onProgress, signal }: SegmentRunOptions): Promise<RgbaImage> {
    signal?.throwIfAborted();
    started ??= startSegmentation(locate).catch((error: unknown) => {
      started = undefined; // a later job may try again
      throw error;
    });
    const segmentation = await started;
    signal?.throwIfAborted();
    let mask: CanvasImageSource;
    try {
      mask = await segmentation.mask(await modelInput(image));
    } catch (error) {
      started = undefined; // a graph that failed once (lost GL context, timeout) is started afresh next time
      throw error;
    }
    signal?.throwIfAborted();
    const result = applyMask(image, maskAlpha(mask, image.width, image.height));
    onProgress?.(1, 1);
    return result;
  }

  return {
    removeBackground(image, options = {}) {
      options.onProgress?.(0, 1);
      return inTurn(() => run(image, options));
    },
  };
}
