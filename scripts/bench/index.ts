/**
 * `npm run bench`: builds the e2e extension when its build is missing or older than the source, runs
 * each benchmark section against the provider emulator in real Chromium, and prints one table: the
 * figure, its goal, the comparison measured in the same run, their ratio and whether the goal is met.
 * Benchmarks report; they never fail: the exit code is 0 whatever the figures (a section that breaks
 * is reported as such and the others still run).
 *
 * Arguments name the sections to run, by a part of their name (`npx tsx scripts/bench/index.ts click`
 * runs only "click to submit"); none runs them all.
 */
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { ensureBuild } from './build';
import { clickToSubmitBench } from './click-to-submit';
import { noticingBench } from './noticing';
import type { Bench, BenchRow } from './row';
import { sizesBench } from './sizes';

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
  const wanted = process.argv.slice(2).map((arg) => arg.toLowerCase());
  return wanted.length === 0 ? list : list.filter(([name]) => wanted.some((w) => name.includes(w)));
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
  const chosen = await sections();
  const rows: BenchRow[] = [];
  // The popup section builds and runs the production extension itself; every other one runs the e2e build.
  if (chosen.some(([name]) => name !== 'popup')) {
    try {
      ensureBuild('e2e');
    } catch (error) {
      console.error(String(error));
    }
  }
  for (const [name, bench] of chosen) {
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
