/**
 * The builds the benchmarks run: rebuilt only when missing or older than the source, so a run right
 * after a build does not wait for another.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

const SOURCES = ['entrypoints', 'utils', 'components', 'public', 'wxt.config.ts', 'package.json'];

/** `e2e`: the test build (emulated sites reachable, the one test seam); `production`: what users install. */
export type BuildMode = 'e2e' | 'production';

export const BUILD_DIRS: Record<BuildMode, string> = {
  e2e: resolve('.output/chrome-mv3-e2e'),
  production: resolve('.output/chrome-mv3'),
};

function newestSource(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((name) => newestSource(join(path, name))));
}

export function ensureBuild(mode: BuildMode): void {
  const manifest = join(BUILD_DIRS[mode], 'manifest.json');
  const built = existsSync(manifest) ? statSync(manifest).mtimeMs : 0;
  if (built > Math.max(...SOURCES.map((p) => newestSource(resolve(p))))) return;
  const args = mode === 'e2e' ? ['wxt', 'build', '--mode', 'e2e'] : ['wxt', 'build'];
  console.log(`Building the ${mode} extension (${args.join(' ')})…`);
  const run = spawnSync('npx', args, { stdio: ['ignore', 'ignore', 'inherit'] });
  if (run.status !== 0) throw new Error(`${args.join(' ')} failed`);
}
