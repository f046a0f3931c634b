/**
 * Bytes that matter to a person: the code a click injects into their page (each file of it, the e2e
 * build's and the production build's), each entrypoint of the extension (its HTML, script and the
 * chunks it loads), and the packed extension (`wxt zip`).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { BenchRow } from './row';

const OUT = resolve('.output');
const E2E = join(OUT, 'chrome-mv3-e2e');
const PROD = join(OUT, 'chrome-mv3');
const INJECT_GOAL_BYTES = 20 * 1024;

const kb = (bytes: number) => bytes / 1024;

/**
 * The scripts the worker injects into a page: content-scripts/*.js, and the unlisted page code (its
 * core `page.js` and the parts that join it when a job needs them, `page-*.js`) and pick code.
 */
function injected(dir: string): string[] {
  const scripts = join(dir, 'content-scripts');
  const listed = existsSync(scripts)
    ? readdirSync(scripts)
        .filter((f) => f.endsWith('.js'))
        .map((f) => `content-scripts/${f}`)
    : [];
  const unlisted = existsSync(dir) ? readdirSync(dir).filter((f) => /^(page|pick)[\w-]*\.js$/.test(f)) : [];
  return [...listed, ...unlisted].sort();
}

/** What every click injects: the page code's core, and the notice it shows ("Enhancing with …"). */
const AT_A_CLICK = /(^|\/)(page|page-notice)\.js$/;

/** An HTML entrypoint's own bytes plus every script and stylesheet it loads (chunks followed one level). */
function htmlEntryBytes(dir: string, html: string): number {
  const text = readFileSync(join(dir, html), 'utf8');
  const refs = new Set<string>();
  for (const m of text.matchAll(/(?:src|href)="\/?([^"]+\.(?:js|css))"/g)) refs.add(m[1]!);
  for (const ref of [...refs]) {
    if (!ref.endsWith('.js') || !existsSync(join(dir, ref))) continue;
    const code = readFileSync(join(dir, ref), 'utf8');
    for (const m of code.matchAll(/["'](?:\.\.?\/|\/)?(chunks\/[\w.-]+\.js)["']/g)) refs.add(m[1]!);
    for (const m of code.matchAll(/from\s*["']\.\/([\w.-]+\.js)["']/g)) refs.add(`chunks/${m[1]}`);
  }
  let total = statSync(join(dir, html)).size;
  for (const ref of refs) if (existsSync(join(dir, ref))) total += statSync(join(dir, ref)).size;
  return total;
}

function zipSize(): number | undefined {
  const run = spawnSync('npx', ['wxt', 'zip'], { stdio: 'ignore' });
  if (run.status !== 0) return undefined;
  const zips = readdirSync(OUT)
    .filter((f) => f.endsWith('-chrome.zip'))
    .map((f) => join(OUT, f))
    .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs);
  return zips[0] ? statSync(zips[0]).size : undefined;
}

export async function sizesBench(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  // `wxt zip` builds production first, so the production figures below are of this very source.
  const zip = zipSize();
  for (const [label, dir] of [
    ['e2e', E2E],
    ['production', PROD],
  ] as const) {
    let atClick = 0;
    for (const file of injected(dir)) {
      const bytes = readFileSync(join(dir, file));
      if (AT_A_CLICK.test(file)) atClick += bytes.length;
      rows.push({ name: `${file} (${label})`, value: kb(bytes.length), unit: 'KB' });
      rows.push({ name: `${file} (${label}, gzip)`, value: kb(gzipSync(bytes).length), unit: 'KB' });
    }
    if (atClick > 0) {
      rows.push({
        name: `What a click injects: page.js + page-notice.js (${label})`,
        value: kb(atClick),
        unit: 'KB',
        goal: '≤ 20 KB',
        met: atClick <= INJECT_GOAL_BYTES,
      });
    }
  }
  if (existsSync(join(PROD, 'background.js'))) {
    rows.push({
      name: 'background.js (production)',
      value: kb(statSync(join(PROD, 'background.js')).size),
      unit: 'KB',
    });
  }
  for (const html of existsSync(PROD)
    ? readdirSync(PROD)
        .filter((f) => f.endsWith('.html'))
        .sort()
    : []) {
    rows.push({
      name: `${html} with its scripts (production)`,
      value: kb(htmlEntryBytes(PROD, html)),
      unit: 'KB',
    });
  }
  if (zip !== undefined) rows.push({ name: 'Packed extension (wxt zip)', value: kb(zip) / 1024, unit: 'MB' });
  return rows;
}
