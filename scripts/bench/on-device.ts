/**
 * The on-device section of `npm run bench` (onDeviceBench), and the detailed view behind
 * `npm run bench:on-device [-- --sizes 256,512 --scale 2 --repeats 3 --tile 256]`.
 *
 * The same model (ESRGAN-slim from @upscalerjs/esrgan-slim) on the same images, in one run, on tfjs's
 * WebAssembly backend in headless Chromium (no GPU here: WebGL and WebGPU would run in software):
 *  - ours:             the extension's engine, tiles dealt to one tile worker per core (the worker file
 *                      of the extension, entrypoints/offscreen/tile-worker.ts);
 *  - ours-one-engine:  the one engine on the page's thread, tile after tile (the engine before workers);
 *  - upscalerjs-whole: a plain UpscalerJS call on the whole image (the figure a person would otherwise get);
 *  - wasm-threads:     our one engine on tfjs-WASM's own threads (SharedArrayBuffer), in a page made
 *                      cross-origin isolated for it: what the extension could do instead of workers.
 * Each variant runs in its own page of one browser and the pages take turns, round after round (median
 * reported): on a shared machine, variants timed one after another drift apart by more than they differ.
 * Memory: each variant alone in a fresh browser, the renderer's peak RSS (VmHWM, dedicated workers
 * included: they live in their document's renderer). Then the pixels: ours against the one engine (must
 * be identical) and against UpscalerJS. Then background removal through our segmenter.
 *
 * The page is bundled with Vite into .tmp/bench-on-device (removed afterwards: `eslint .` would read it)
 * and served through Playwright's request routing from there and node_modules: no server, no network.
 */
import { chromium, type Browser, type Page } from '@playwright/test';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { extname, join, resolve } from 'node:path';
import { build } from 'vite';
import { ensureBrowserSetup } from '../browser-setup';
import type { Bench, BenchRow } from './row';

const root = resolve(import.meta.dirname, '../..');
const work = join(root, '.tmp/bench-on-device');
// A secure context (https), so that the threads page can be cross-origin isolated.
const ORIGIN = 'https://bench.invalid';

export const VARIANTS = ['ours', 'ours-one-engine', 'upscalerjs-whole', 'wasm-threads'] as const;
export type Variant = (typeof VARIANTS)[number];

export interface OnDeviceOptions {
  sizes: number[];
  scale: number;
  /** Timed rounds after the warm-up; the median is reported. */
  repeats: number;
  /** Our tile size (overlap stays 8). */
  tile: number;
  /** The variants to time (all by default); 'ours' always runs, the others are compared with it. */
  variants?: readonly Variant[];
  /** The parts to run (all by default): a timing-only run takes a few minutes instead of ten. */
  parts?: readonly Part[];
  log?: (line: string) => void;
}

export const PARTS = ['times', 'memory', 'pixels', 'segmentation'] as const;
export type Part = (typeof PARTS)[number];

// The page: setup(variant) once, then time(size) per round; agree() and segment() for their sections.
const ENTRY = `
import * as tf from '@tensorflow/tfjs';
import { getThreadsCount, setThreadsCount, setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import Upscaler from 'upscaler';
import slim2x from '@upscalerjs/esrgan-slim/2x';
import slim4x from '@upscalerjs/esrgan-slim/4x';
import { createUpscaleEngine } from '../../utils/on-device/upscale';
import { createParallelEngine } from '../../utils/on-device/parallel-engine';
import { createTilePool } from '../../utils/on-device/worker-pool';
import { workerCount } from '../../utils/on-device/worker-count';
import { loadUpscalerModel } from '../../utils/on-device/model';
import { createSelfieSegmenter } from '../../utils/on-device/selfie-segmenter';

const definitions = { 2: slim2x, 4: slim4x };
const modelUrl = (scale) => location.origin + '/models/x' + scale + '/model.json';
let peakHeap = 0;
const sample = () => { peakHeap = Math.max(peakHeap, performance.memory?.usedJSHeapSize ?? 0); };
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
let mainWasm;
async function startWasm(threads) {
  mainWasm ??= (async () => {
    // Left to tfjs's own detection on the threads page (it needs SharedArrayBuffer); off elsewhere.
    // tfjs would take half the cores; the workers get all of them, so the threads do too.
    if (threads) setThreadsCount(navigator.hardwareConcurrency);
    else tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
    setWasmPaths('/wasm/');
    await tf.setBackend('wasm');
    await tf.ready();
  })();
  return mainWasm;
}
const workers = () => workerCount({ cores: navigator.hardwareConcurrency, deviceMemoryGb: navigator.deviceMemory });
let pool;
const threadsInfo = () => (self.crossOriginIsolated ? { isolated: true, threads: getThreadsCount() } : {});

async function runner(variant, scale, tile) {
  const tiling = { tile, overlap: 8 };
  const loadModel = (s) => loadUpscalerModel(tf, definitions[s], modelUrl(s));
  if (variant === 'ours') {
    pool ??= createTilePool({
      size: workers(),
      start: { wasmDir: location.origin + '/wasm/', models: { 2: modelUrl(2), 4: modelUrl(4) } },
      createWorker: () => new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' }),
    });
    const engine = createParallelEngine({
      tf, backendOrder: ['wasm'], pool, tiling,
      single: () => { throw new Error('the bench measures the workers'); },
    });
    return { run: (image) => engine.upscale(image, scale, { onProgress: sample }), info: () => ({ workers: pool.live() }) };
  }
  await startWasm(variant === 'wasm-threads');
  if (variant === 'ours-one-engine' || variant === 'wasm-threads') {
    const engine = createUpscaleEngine({ tf, backendOrder: ['wasm'], tiling, loadModel });
    return { run: (image) => engine.upscale(image, scale, { onProgress: sample }), info: threadsInfo };
  }
  const upscaler = new Upscaler({ model: { ...definitions[scale], path: modelUrl(scale) } });
  return {
    run: async (image) => {
      const input = tf.tidy(() => tf.browser.fromPixels(new ImageData(image.data, image.width)).toFloat());
      const output = await upscaler.execute(input, { output: 'tensor' });
      input.dispose();
      sample();
      const data = await output.data();
      output.dispose();
      return data;
    },
    info: threadsInfo,
  };
}

let current;
window.setup = async (variant, scale, tile) => {
  current = await runner(variant, scale, tile);
  await current.run(picture(64)); // model load, kernel set-up, first heap growth
  return current.info();
};
window.time = async (size) => {
  const image = picture(size);
  peakHeap = 0;
  const started = performance.now();
  await current.run(image);
  const ms = performance.now() - started;
  return { ms, peakHeap, ...current.info() };
};
// Same model, same picture: ours (workers) against the one engine (same tiles: must be identical) and
// against UpscalerJS's whole-image output (differences: tile seams and rounding).
window.agree = async (size, scale, tile) => {
  const image = picture(size);
  const ours = await (await runner('ours', scale, tile)).run(image);
  const one = await (await runner('ours-one-engine', scale, tile)).run(image);
  const theirs = await (await runner('upscalerjs-whole', scale, tile)).run(image);
  let identical = ours.data.length === one.data.length;
  for (let i = 0; identical && i < ours.data.length; i++) identical = ours.data[i] === one.data[i];
  let sum = 0, max = 0, n = 0;
  for (let p = 0; p < theirs.length / 3; p++) {
    for (let c = 0; c < 3; c++) {
      const d = ours.data[p * 4 + c] - Math.min(255, Math.max(0, Math.round(theirs[p * 3 + c])));
      sum += d * d; max = Math.max(max, Math.abs(d)); n++;
    }
  }
  return { identical, psnr: sum === 0 ? Infinity : 10 * Math.log10((255 * 255) / (sum / n)), max };
};
// Background removal (MediaPipe selfie segmentation, its own WebGL graph): the first call loads the wasm.
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
  return { first, warm: warm.sort((a, b) => a - b)[1] };
};
window.ready = true;
`;

async function bundle(): Promise<void> {
  mkdirSync(work, { recursive: true });
  writeFileSync(join(work, 'entry.ts'), ENTRY);
  // The extension's own tile worker file, unchanged.
  writeFileSync(join(work, 'worker.ts'), `import '../../entrypoints/offscreen/tile-worker';\n`);
  writeFileSync(join(work, 'index.html'), '<!doctype html><script type="module" src="./entry.ts"></script>');
  await build({
    configFile: false,
    root: work,
    logLevel: 'warn',
    resolve: { alias: { '@': root } },
    // Unminified: tfjs-WASM's threaded build hands its pthread workers the source of one of its
    // functions (Function.toString), which minification breaks ("e is not defined" in every worker).
    build: {
      outDir: 'dist',
      emptyOutDir: true,
      target: 'es2022',
      minify: false,
      chunkSizeWarningLimit: 8192,
    },
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

/** A page of the bench; `isolated` adds COOP/COEP, which tfjs-WASM threads need (SharedArrayBuffer). */
async function openPage(browser: Browser, isolated = false): Promise<Page> {
  const page = await browser.newPage();
  const headers = isolated
    ? { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' }
    : undefined;
  await page.route(`${ORIGIN}/**`, async (route) => {
    const file = fileFor(new URL(route.request().url()).pathname);
    if (!file || !existsSync(file)) return route.fulfill({ status: 404, body: 'not found' });
    const contentType = TYPES[extname(file)] ?? 'text/plain';
    await route.fulfill({ body: readFileSync(file), contentType, headers });
  });
  page.on('pageerror', (error) => console.error(`[page] ${error.message}`));
  await page.goto(`${ORIGIN}/`);
  await page.waitForFunction(() => (window as unknown as { ready?: boolean }).ready === true);
  return page;
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

interface Info {
  workers?: number;
  isolated?: boolean;
  threads?: number;
}
/** Called inside the page: evaluate() sends the function's source, so no helpers from here. */
type PageApi = {
  setup(v: string, k: number, t: number): Promise<Info>;
  time(s: number): Promise<{ ms: number; peakHeap: number } & Info>;
  agree(s: number, k: number, t: number): Promise<{ identical: boolean; psnr: number; max: number }>;
  segment(s: number): Promise<{ first: number; warm: number }>;
};

async function setUp(page: Page, variant: Variant, o: OnDeviceOptions): Promise<Info> {
  return page.evaluate(([v, k, t]) => (window as unknown as PageApi).setup(v, k, t), [
    variant,
    o.scale,
    o.tile,
  ] as const);
}
const timeOnce = (page: Page, size: number) =>
  page.evaluate((s) => (window as unknown as PageApi).time(s), size);

const median = (list: number[]) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)]!;

const variantsOf = (o: OnDeviceOptions): Variant[] =>
  VARIANTS.filter((v) => v === 'ours' || !o.variants || o.variants.includes(v));
const wants = (o: OnDeviceOptions, part: Part) => !o.parts || o.parts.includes(part);

/** Every variant in its own page of one browser, taking turns round after round; median per variant. */
async function race(size: number, o: OnDeviceOptions) {
  const variants = variantsOf(o);
  return withBrowser(async (browser) => {
    const pages = new Map<Variant, Page>();
    const info = new Map<Variant, Info>();
    for (const variant of variants) {
      const page = await openPage(browser, variant === 'wasm-threads');
      info.set(variant, await setUp(page, variant, o));
      await timeOnce(page, size); // warm at this size (heap growth, the other workers' start)
      pages.set(variant, page);
    }
    const times = new Map<Variant, number[]>(variants.map((v) => [v, []]));
    for (let round = 0; round < o.repeats; round++) {
      for (const variant of variants) {
        const { ms, ...rest } = await timeOnce(pages.get(variant)!, size);
        times.get(variant)!.push(ms);
        info.set(variant, { ...info.get(variant), ...rest });
      }
    }
    o.log?.(
      `${size}² rounds (ms): ` +
        variants
          .map(
            (v) =>
              `${v} ${times
                .get(v)!
                .map((ms) => ms.toFixed(0))
                .join('/')}`,
          )
          .join('; '),
    );
    // A round's variants ran back to back, so its ratio is the least disturbed by load that drifts over
    // the run (other work on a shared machine).
    const ours = times.get('ours')!;
    for (const v of variants.filter((name) => name !== 'ours')) {
      const ratios = times.get(v)!.map((ms, round) => ms / ours[round]!);
      const each = ratios.map((r) => r.toFixed(2)).join('/');
      o.log?.(`${size}² ${v} ÷ ours, per round: ${each} (median ${median(ratios).toFixed(2)})`);
    }
    return new Map(variants.map((v) => [v, { ms: median(times.get(v)!), info: info.get(v)! }]));
  });
}

/** One variant alone in a fresh browser: warm-up, one run at `size`, the renderer's peak. */
const peakOf = (variant: Variant, size: number, o: OnDeviceOptions) =>
  withBrowser(async (browser) => {
    const page = await openPage(browser, variant === 'wasm-threads');
    await setUp(page, variant, o);
    await timeOnce(page, size);
    return rendererPeakBytes(browser);
  });

const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MB`;
const s2 = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

export interface OnDeviceResults {
  times: Map<number, Map<Variant, { ms: number; info: Info }>>;
  peaks: Map<number, Map<Variant, number>>;
  agreement?: { size: number; identical: boolean; psnr: number; max: number };
  segmentation: { size: number; first: number; warm: number; peak: number }[];
}

export async function measureOnDevice(o: OnDeviceOptions): Promise<OnDeviceResults> {
  const log = o.log ?? (() => undefined);
  const variants = variantsOf(o);
  await bundle();
  try {
    const times: OnDeviceResults['times'] = new Map();
    const peaks: OnDeviceResults['peaks'] = new Map();
    for (const size of o.sizes) {
      if (wants(o, 'times')) {
        log(`${size}²: timing ${variants.join(', ')} (${o.repeats} interleaved rounds) …`);
        times.set(size, await race(size, o));
      }
      if (wants(o, 'memory')) {
        const sizePeaks = new Map<Variant, number>();
        for (const variant of variants) sizePeaks.set(variant, await peakOf(variant, size, o));
        peaks.set(size, sizePeaks);
      }
    }
    const agreeSize = Math.max(...o.sizes);
    let agreement: OnDeviceResults['agreement'];
    if (wants(o, 'pixels')) {
      log(`pixels at ${agreeSize}² …`);
      agreement = await withBrowser(async (browser) => {
        const page = await openPage(browser);
        const result = await page.evaluate(([s, k, t]) => (window as unknown as PageApi).agree(s, k, t), [
          agreeSize,
          o.scale,
          o.tile,
        ] as const);
        return { size: agreeSize, ...result };
      });
    }
    const segmentation: OnDeviceResults['segmentation'] = [];
    if (wants(o, 'segmentation')) {
      log('background removal …');
      for (const size of [512, 1024, 2048]) {
        segmentation.push(
          await withBrowser(async (browser) => {
            const page = await openPage(browser);
            const result = await page.evaluate((s) => (window as unknown as PageApi).segment(s), size);
            return { size, ...result, peak: await rendererPeakBytes(browser) };
          }),
        );
      }
    }
    return { times, peaks, agreement, segmentation };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** The detailed table of `npm run bench:on-device`. */
export function describeOnDevice(r: OnDeviceResults, o: OnDeviceOptions): string {
  const header = ['input', 'variant', 'time', 'ms/MP', 'vs ours', 'renderer peak', 'workers / threads'];
  const rows: string[][] = [header];
  for (const size of o.sizes) {
    const times = r.times.get(size);
    const peaks = r.peaks.get(size);
    const ours = times?.get('ours')?.ms;
    for (const variant of variantsOf(o)) {
      const timed = times?.get(variant);
      const info = timed?.info ?? {};
      const parallel =
        info.workers !== undefined
          ? `${info.workers} workers`
          : info.isolated
            ? `${info.threads} wasm threads (isolated page)`
            : timed
              ? 'one thread'
              : '';
      const peak = peaks?.get(variant);
      rows.push([
        `${size}²`,
        variant,
        timed ? s2(timed.ms) : '',
        timed ? (timed.ms / ((size * size) / 1e6)).toFixed(0) : '',
        timed && ours ? `${(timed.ms / ours).toFixed(2)}×` : '',
        peak === undefined ? '' : mb(peak),
        parallel,
      ]);
    }
  }
  const widths = header.map((_, i) => Math.max(...rows.map((row) => row[i]!.length)));
  const a = r.agreement;
  return [
    `ESRGAN-slim ${o.scale}×, tfjs WebAssembly, headless Chromium, ${o.repeats} interleaved rounds (median); ` +
      `tiles ${o.tile} px (overlap 8); memory: each variant alone in a fresh browser.`,
    '',
    ...rows.map((row) => row.map((cell, i) => cell.padEnd(widths[i]!)).join('  ')),
    '',
    '"vs ours" is that variant\'s time divided by ours (above 1: ours is faster).',
    ...(a
      ? [
          `Pixels at ${a.size}²: ours (workers) ${a.identical ? 'identical to' : 'DIFFERENT FROM'} the one engine; ` +
            `against UpscalerJS whole-image PSNR ${a.psnr.toFixed(1)} dB, at most ${a.max} levels apart.`,
        ]
      : []),
    ...(r.segmentation.length > 0
      ? [
          '',
          'Background removal (MediaPipe selfie segmentation, our segmenter), each size in a fresh browser:',
          ...r.segmentation.map(
            (s) =>
              `${s.size}²  first ${s2(s.first)} (loads the model)  warm ${s2(s.warm)}  renderer peak ${mb(s.peak)}`,
          ),
        ]
      : []),
  ].join('\n');
}

/** The rows for `npm run bench`: the goals this engine is held to, each against its same-run comparison. */
export function onDeviceRows(r: OnDeviceResults): BenchRow[] {
  const rows: BenchRow[] = [];
  const at = (size: number) => r.times.get(size);
  const big = at(512);
  const bigTheirs = big?.get('upscalerjs-whole');
  if (big && bigTheirs) {
    const ours = big.get('ours')!.ms / 1000;
    const theirs = bigTheirs.ms / 1000;
    rows.push({
      name: `On-device 2×, 512² → 1024², ${big.get('ours')!.info.workers ?? '?'} tile workers`,
      value: ours,
      unit: 's',
      goal: '≥ 1.6× faster than plain UpscalerJS',
      comparison: { name: 'UpscalerJS, whole image', value: theirs },
      met: theirs / ours >= 1.6,
    });
    const threads = big.get('wasm-threads');
    if (threads) {
      rows.push({
        name: `On-device 2×, 512², tfjs-WASM own threads (${threads.info.threads ?? 0}, isolated page)`,
        value: threads.ms / 1000,
        unit: 's',
        comparison: { name: 'ours, tile workers', value: ours },
      });
    }
  }
  const peaks = r.peaks.get(512);
  if (peaks?.has('upscalerjs-whole')) {
    rows.push({
      name: 'On-device 2×, 512²: renderer peak, tile workers',
      value: peaks.get('ours')! / 2 ** 20,
      unit: 'MB',
      goal: 'under the whole-image call',
      comparison: { name: 'UpscalerJS, whole image', value: peaks.get('upscalerjs-whole')! / 2 ** 20 },
      met: peaks.get('ours')! < peaks.get('upscalerjs-whole')!,
    });
  }
  const small = at(256);
  const smallTheirs = small?.get('upscalerjs-whole');
  if (small && smallTheirs) {
    const ours = small.get('ours')!.ms / 1000;
    const theirs = smallTheirs.ms / 1000;
    rows.push({
      name: 'On-device 2×, 256² → 512² (one tile)',
      value: ours,
      unit: 's',
      goal: 'no slower than plain UpscalerJS (±5 %)',
      comparison: { name: 'UpscalerJS, whole image', value: theirs },
      met: ours <= theirs * 1.05,
    });
  }
  const seg = r.segmentation.find((s) => s.size === 512);
  if (seg) {
    rows.push({
      name: 'Background removal, 512², warm',
      value: seg.warm,
      unit: 'ms',
      goal: '≤ 300 ms',
      met: seg.warm <= 300,
    });
  }
  return rows;
}

export const DEFAULT_ON_DEVICE: OnDeviceOptions = { sizes: [256, 512], scale: 2, repeats: 3, tile: 256 };

export const onDeviceBench: Bench = async () => onDeviceRows(await measureOnDevice(DEFAULT_ON_DEVICE));
