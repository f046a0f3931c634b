/**
 * `npm run bench:on-device [-- --sizes 256,512 --scale 2 --repeats 3 --tile 256]`
 *
 * The same model (ESRGAN-slim from @upscalerjs/esrgan-slim) on the same images, in one run: through our
 * tiled engine (utils/on-device/upscale.ts) and through a plain UpscalerJS call (whole image, and with
 * UpscalerJS's own patching at our tile size), on tfjs's WebAssembly backend in headless Chromium, the
 * backend these machines have (no GPU: WebGL and WebGPU run in software here). Prints time (the
 * variants interleaved round after round in one page, median), ms per megapixel of input, the ratio to
 * our engine, and peak memory (each variant alone in a fresh browser so peaks do not carry over): the
 * renderer's peak RSS (VmHWM), the JS heap and tfjs's tensor bytes as sampled between steps.
 * Then background removal through our segmenter: first call (model load) and warm time per size.
 *
 * The page is bundled with Vite into .tmp/bench-on-device (removed afterwards: `eslint .` would read it)
 * and served through Playwright's request routing from there and node_modules: no server, no network.
 */
import { chromium, type Browser } from '@playwright/test';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { extname, join, resolve } from 'node:path';
import { build } from 'vite';
import { ensureBrowserSetup } from './browser-setup';

const root = resolve(import.meta.dirname, '..');
const work = join(root, '.tmp/bench-on-device');
const ORIGIN = 'http://bench.invalid';
const arg = (name: string, fallback: string) => {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? process.argv[at + 1]! : fallback;
};
const sizes = arg('sizes', '256,512').split(',').map(Number);
const scale = Number(arg('scale', '2'));
/** Timed runs per case after the warm-up; the median is reported (the machines are shared and noisy). */
const repeats = Number(arg('repeats', '3'));
/** Our engine's tile size (overlap stays 8), to compare settings: `--tile 192`. */
const tile = Number(arg('tile', '256'));
const VARIANTS = ['ours', 'upscalerjs-whole', 'upscalerjs-patched'] as const;
type Variant = (typeof VARIANTS)[number];

// The page: one global `bench(variant, size, scale)` that loads, warms up, then times one upscale.
const ENTRY = `
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import Upscaler from 'upscaler';
import slim2x from '@upscalerjs/esrgan-slim/2x';
import slim4x from '@upscalerjs/esrgan-slim/4x';
import { createUpscaleEngine } from '../../utils/on-device/upscale';
import { loadUpscalerModel } from '../../utils/on-device/model';
import { createSelfieSegmenter } from '../../utils/on-device/selfie-segmenter';

const definitions = { 2: slim2x, 4: slim4x };
const modelUrl = (scale) => '/models/x' + scale + '/model.json';
let peakHeap = 0, peakTensorBytes = 0;
const sample = () => {
  peakHeap = Math.max(peakHeap, performance.memory?.usedJSHeapSize ?? 0);
  peakTensorBytes = Math.max(peakTensorBytes, tf.memory().numBytes);
};
function picture(size) {
  const data = new Uint8ClampedArray(size * size * 4);
  for (let i = 0, s = 1; i < data.length; i += 4) {
    const x = (i / 4) % size, y = Math.floor(i / 4 / size);
    s = (s * 1664525 + 1013904223) >>> 0;
    data[i] = 128 + 100 * Math.sin(x / 9) + (s & 15);
    data[i + 1] = 128 + 100 * Math.cos(y / 13) + ((s >> 4) & 15);
    data[i + 2] = (x ^ y) & 255;
    data[i + 3] = 255;
  }
  return { width: size, height: size, data };
}
const rgbTensor = (image) => tf.tidy(() => tf.browser.fromPixels(new ImageData(image.data, image.width)).toFloat());

async function runner(variant, scale, tile) {
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  setWasmPaths('/wasm/');
  await tf.setBackend('wasm');
  await tf.ready();
  if (variant === 'ours') {
    const engine = createUpscaleEngine({
      tf, backendOrder: ['wasm'], tiling: { tile, overlap: 8 },
      loadModel: (s) => loadUpscalerModel(tf, definitions[s], modelUrl(s)),
    });
    return (image) => engine.upscale(image, scale, { onProgress: sample });
  }
  const upscaler = new Upscaler({ model: { ...definitions[scale], path: modelUrl(scale) } });
  const options = variant === 'upscalerjs-patched'
    ? { output: 'tensor', patchSize: tile, padding: 8, progress: sample }
    : { output: 'tensor' };
  return async (image) => {
    const input = rgbTensor(image);
    const output = await upscaler.execute(input, options);
    input.dispose();
    sample();
    const data = await output.data();
    output.dispose();
    return data;
  };
}

// Memory of one variant, alone in a fresh browser: warm-up, then one run with peaks sampled.
window.bench = async (variant, size, scale, tile) => {
  const run = await runner(variant, scale, tile);
  await run(picture(64)); // model load, kernel set-up, wasm heap growth for small inputs
  peakHeap = 0; peakTensorBytes = 0; sample();
  const started = performance.now();
  await run(picture(size));
  const ms = performance.now() - started;
  sample();
  const wasmHeap = tf.backend().wasm?.HEAPU8?.buffer.byteLength ?? 0;
  return { ms, peakHeap, peakTensorBytes, wasmHeap, backend: tf.getBackend() };
};
const median = (list) => list.sort((a, b) => a - b)[Math.floor(list.length / 2)];
// Time of every variant, interleaved in one page (round after round, median per variant): on a shared
// machine, variants timed in turn in separate browsers drift apart by more than they differ.
window.race = async (variants, size, scale, tile, repeats) => {
  const runs = [];
  for (const variant of variants) runs.push([variant, await runner(variant, scale, tile)]);
  const image = picture(size);
  for (const [, run] of runs) await run(image); // warm each at this size
  const times = Object.fromEntries(variants.map((v) => [v, []]));
  for (let r = 0; r < repeats; r++) {
    for (const [variant, run] of runs) {
      const started = performance.now();
      await run(image);
      times[variant].push(performance.now() - started);
    }
  }
  return Object.fromEntries(variants.map((v) => [v, median(times[v])]));
};
// Same model, same picture: how far apart are our tiled output and UpscalerJS's whole-image output?
window.agree = async (size, scale) => {
  const image = picture(size);
  const ours = await (await runner('ours', scale, 128))(image); // several tiles: seams would show
  const theirs = await (await runner('upscalerjs-whole', scale, 128))(image);
  let sum = 0, max = 0, n = 0;
  for (let p = 0; p < theirs.length / 3; p++) {
    for (let c = 0; c < 3; c++) {
      const d = ours.data[p * 4 + c] - Math.min(255, Math.max(0, Math.round(theirs[p * 3 + c])));
      sum += d * d; max = Math.max(max, Math.abs(d)); n++;
    }
  }
  return { psnr: sum === 0 ? Infinity : 10 * Math.log10((255 * 255) / (sum / n)), max };
};
// Background removal through our segmenter (MediaPipe selfie segmentation, its own WebGL graph): the
// first call includes loading the 5.7 MB wasm; the rest are warm.
window.segment = async (size) => {
  const segmenter = createSelfieSegmenter((file) => '/mediapipe/' + file);
  let started = performance.now();
  await segmenter.removeBackground(picture(size));
  const first = performance.now() - started;
  const warm = [];
  for (let i = 0; i < 3; i++) {
    started = performance.now();
    await segmenter.removeBackground(picture(size));
    warm.push(performance.now() - started);
  }
  return { first, warm: median(warm) };
};
window.ready = true;
`;

async function bundle(): Promise<void> {
  mkdirSync(work, { recursive: true });
  writeFileSync(join(work, 'entry.ts'), ENTRY);
  writeFileSync(join(work, 'index.html'), '<!doctype html><script type="module" src="./entry.ts"></script>');
  await build({
    configFile: false,
    root: work,
    logLevel: 'warn',
    build: { outDir: 'dist', emptyOutDir: true, target: 'es2022', chunkSizeWarningLimit: 4096 },
  });
}

const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.bin': 'application/octet-stream',
};

/** URL path → file: the bundle, the model files and the wasm binaries, straight from node_modules. */
function fileFor(path: string): string | undefined {
  const model = /^\/models\/(x\d)\/([\w.-]+)$/.exec(path);
  if (model) return join(root, 'node_modules/@upscalerjs/esrgan-slim/models', model[1]!, model[2]!);
  const segmentation = /^\/mediapipe\/([\w.-]+)$/.exec(path);
  if (segmentation) return join(root, 'node_modules/@mediapipe/selfie_segmentation', segmentation[1]!);
  const wasm = /^\/wasm\/([\w.-]+\.wasm)$/.exec(path);
  if (wasm) return join(root, 'node_modules/@tensorflow/tfjs-backend-wasm/dist', wasm[1]!);
  const file = join(work, 'dist', path === '/' ? 'index.html' : path);
  return file.startsWith(join(work, 'dist')) ? file : undefined;
}

/** Peak resident memory of the renderer processes, from /proc (Linux), via CDP's process list. */
async function rendererPeakBytes(browser: Browser): Promise<number> {
  const session = await browser.newBrowserCDPSession();
  const { processInfo } = (await session.send('SystemInfo.getProcessInfo')) as {
    processInfo: { type: string; id: number }[];
  };
  let peak = 0;
  for (const { type, id } of processInfo) {
    if (type !== 'renderer' || !existsSync(`/proc/${id}/status`)) continue;
    const kb = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${id}/status`, 'utf8'))?.[1];
    peak = Math.max(peak, Number(kb ?? 0) * 1024);
  }
  return peak;
}

interface Measured {
  ms: number;
  peakHeap: number;
  peakTensorBytes: number;
  wasmHeap: number;
  backend: string;
  rendererPeak: number;
}

async function inPage<T>(task: (page: import('@playwright/test').Page) => Promise<T>, browser: Browser) {
  const page = await browser.newPage();
  await page.route(`${ORIGIN}/**`, async (route) => {
    const file = fileFor(new URL(route.request().url()).pathname);
    if (!file || !existsSync(file)) return route.fulfill({ status: 404, body: 'not found' });
    await route.fulfill({ body: readFileSync(file), contentType: TYPES[extname(file)] ?? 'text/plain' });
  });
  page.on('pageerror', (error) => console.error(`[page] ${error.message}`));
  await page.goto(`${ORIGIN}/`);
  await page.waitForFunction(() => (window as unknown as { ready?: boolean }).ready === true);
  return task(page);
}

async function withBrowser<T>(task: (browser: Browser) => Promise<T>): Promise<T> {
  const browser = await chromium.launch({
    executablePath: ensureBrowserSetup([]),
    headless: true,
    // As tests/e2e/harness/browser.ts, plus precise (unquantised) performance.memory.
    args: [
      '--disable-gpu',
      '--disable-quic',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--enable-precise-memory-info',
    ],
  });
  try {
    return await task(browser);
  } finally {
    await browser.close();
  }
}

/** Called inside the page: evaluate() sends the function's source, so no helpers from here. */
type PageApi = {
  bench(v: string, s: number, k: number, t: number): Promise<Omit<Measured, 'rendererPeak'>>;
  race(v: readonly string[], s: number, k: number, t: number, r: number): Promise<Record<string, number>>;
  agree(s: number, k: number): Promise<{ psnr: number; max: number }>;
  segment(s: number): Promise<{ first: number; warm: number }>;
};

const measure = (variant: Variant, size: number) =>
  withBrowser(async (browser) => {
    const result = await inPage(
      (page) =>
        page.evaluate(([v, s, k, t]) => (window as unknown as PageApi).bench(v, s, k, t), [
          variant,
          size,
          scale,
          tile,
        ] as const),
      browser,
    );
    return { ...result, rendererPeak: await rendererPeakBytes(browser) };
  });

const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MB`;

async function main() {
  console.log(`Bundling the bench page (Vite) …`);
  await bundle();
  console.log(
    `ESRGAN-slim ${scale}×, tfjs WebAssembly backend, headless Chromium; ` +
      `times: median of ${repeats} interleaved rounds in one page after a warm-up; memory: each variant ` +
      `alone in a fresh browser; our tiles ${tile} px (overlap 8).\n`,
  );
  const header = [
    'input',
    'variant',
    'backend',
    'time',
    'ms/MP',
    'vs ours',
    'renderer peak',
    'JS heap peak',
    'tensor peak',
    'wasm heap',
  ];
  const rows: string[][] = [header];
  for (const size of sizes) {
    const times = await withBrowser((browser) =>
      inPage(
        (page) =>
          page.evaluate(([v, s, k, t, r]) => (window as unknown as PageApi).race(v, s, k, t, r), [
            VARIANTS,
            size,
            scale,
            tile,
            repeats,
          ] as const),
        browser,
      ),
    );
    for (const variant of VARIANTS) {
      const m = await measure(variant, size);
      const ms = times[variant]!;
      rows.push([
        `${size}²`,
        variant,
        m.backend,
        `${(ms / 1000).toFixed(2)} s`,
        (ms / ((size * size) / 1e6)).toFixed(0),
        `${(ms / times.ours!).toFixed(2)}×`,
        mb(m.rendererPeak),
        mb(m.peakHeap),
        mb(m.peakTensorBytes),
        mb(m.wasmHeap),
      ]);
      console.log(rows.at(-1)!.join('  '));
    }
  }
  const agreement = await withBrowser((browser) =>
    inPage(
      (page) =>
        page.evaluate(([s, k]) => (window as unknown as PageApi).agree(s, k), [sizes[0]!, scale] as const),
      browser,
    ),
  );
  const widths = header.map((_, i) => Math.max(...rows.map((row) => row[i]!.length)));
  console.log('\n' + rows.map((row) => row.map((cell, i) => cell.padEnd(widths[i]!)).join('  ')).join('\n'));
  console.log(
    `\nOurs vs UpscalerJS whole-image on the same ${sizes[0]}² picture: PSNR ${agreement.psnr.toFixed(1)} dB, ` +
      `largest difference ${agreement.max} levels (same model; differences are tile seams and rounding).`,
  );
  console.log('"vs ours" is that variant\'s time divided by our engine\'s (above 1: ours is faster).');

  console.log(
    '\nBackground removal (MediaPipe selfie segmentation, our segmenter), each size in a fresh browser:',
  );
  for (const size of [512, 1024, 2048]) {
    const { first, warm, peak } = await withBrowser(async (browser) => {
      const times = await inPage(
        (page) => page.evaluate((s) => (window as unknown as PageApi).segment(s), size),
        browser,
      );
      return { ...times, peak: await rendererPeakBytes(browser) };
    });
    const perMp = warm / ((size * size) / 1e6);
    console.log(
      `${size}²  first ${(first / 1000).toFixed(2)} s (loads the model)  warm ${(warm / 1000).toFixed(2)} s` +
        `  ${perMp.toFixed(0)} ms/MP  renderer peak ${mb(peak)}`,
    );
  }
}

main()
  .catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  })
  .finally(() => rmSync(work, { recursive: true, force: true }));
