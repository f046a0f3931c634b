/**
 * `npm run bench`: builds the e2e extension when its build is missing or older than the source, runs
 * each benchmark section against the provider emulator in real Chromium, and prints one table: the
 * figure, its goal, the comparison measured in the same run, their ratio and whether the goal is met.
 * Benchmarks report; they never fail: the exit code is 0 whatever the figures (a section that breaks
 * is reported as such and the others still run).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { clickToSubmitBench } from './click-to-submit';
import { noticingBench } from './noticing';
import type { Bench, BenchRow } from './row';
import { sizesBench } from './sizes';

const E2E_MANIFEST = resolve('.output/chrome-mv3-e2e/manifest.json');
const SOURCES = ['entrypoints', 'utils', 'components', 'public', 'wxt.config.ts', 'package.json'];

function newestSource(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((name) => newestSource(join(path, name))));
}

function ensureE2eBuild() {
  const built = existsSync(E2E_MANIFEST) ? statSync(E2E_MANIFEST).mtimeMs : 0;
  if (built > Math.max(...SOURCES.map((p) => newestSource(resolve(p))))) return;
  console.log('Building the e2e extension (wxt build --mode e2e)…');
  const run = spawnSync('npx', ['wxt', 'build', '--mode', 'e2e'], { stdio: ['ignore', 'ignore', 'inherit'] });
  if (run.status !== 0) throw new Error('wxt build --mode e2e failed');
}

/** Sections written elsewhere join when their file exists: [file, export]. */
const OPTIONAL: [string, string][] = [
  ['./popup.ts', 'popupBench'],
  ['./on-device.ts', 'onDeviceBench'],
];

async function sections(): Promise<[string, Bench][]> {
  const list: [string, Bench][] = [
    ['noticing', noticingBench],
    ['click to submit', clickToSubmitBench],
  ];
  for (const [file, name] of OPTIONAL) {
    const url = new URL(file, import.meta.url);
    if (!existsSync(url)) continue;
    const module = (await import(url.href)) as Record<string, unknown>;
    if (typeof module[name] === 'function') list.push([file.slice(2, -3), module[name] as Bench]);
  }
  list.push(['sizes', sizesBench]);
  return list;
}

const fmt = (value: number, unit: string) =>
  `${value.toLocaleString('en-US', { maximumFractionDigits: value >= 100 ? 0 : value >= 10 ? 1 : 2 })} ${unit}`;

function table(rows: BenchRow[]): string {
  const head = ['Figure', 'Value', 'Goal', 'Comparison (same run)', 'Ratio', 'Met?'];
  const body = rows.map((r) => [
    r.name,
    Number.isFinite(r.value) ? fmt(r.value, r.unit) : 'n/a',
    r.goal ?? '',
    r.comparison ? `${r.comparison.name}: ${fmt(r.comparison.value, r.unit)}` : '',
    r.comparison && r.comparison.value > 0 ? `${(r.value / r.comparison.value).toFixed(2)}×` : '',
    r.met === undefined ? '' : r.met ? 'yes' : 'no',
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((row) => row[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...body.map(line)].join('\n');
}

async function main() {
  const rows: BenchRow[] = [];
  try {
    ensureE2eBuild();
  } catch (error) {
    console.error(String(error));
  }
  for (const [name, bench] of await sections()) {
    const started = Date.now();
    process.stdout.write(`Running ${name}… `);
    try {
      rows.push(...(await bench()));
      console.log(`${((Date.now() - started) / 1000).toFixed(0)} s`);
    } catch (error) {
      console.log('failed');
      console.error(`  ${name}: ${error instanceof Error ? error.message : String(error)}`);
      rows.push({ name: `${name} (did not run: see above)`, value: Number.NaN, unit: '' });
    }
  }
  console.log(`\n${table(rows)}\n`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main()
    .catch((error: unknown) => console.error(error))
    .finally(() => process.exit(0));
}
