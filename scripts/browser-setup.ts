/**
 * Finds a Chromium that loads unpacked extensions, and installs one when there is none, so `npm run demo`
 * and `npm test` work on a fresh machine. Branded Google Chrome is not a candidate: since version 137 it
 * ignores `--load-extension`, which both the demo and the tests rely on.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

const SYSTEM_PATHS = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/snap/bin/chromium',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
];

/** Where `npx playwright install chromium` puts its Chromium (Chrome for Testing) builds. */
function playwrightBuilds(): string[] {
  const root = process.env.PLAYWRIGHT_BROWSERS_PATH || join(homedir(), '.cache', 'ms-playwright');
  if (!existsSync(root)) return [];
  const inner = [
    'chrome-linux64/chrome',
    'chrome-linux/chrome',
    'chrome-mac/Chromium.app/Contents/MacOS/Chromium',
  ];
  return readdirSync(root)
    .filter((name) => /^chromium-\d+$/.test(name))
    .sort()
    .reverse()
    .flatMap((dir) => inner.map((file) => join(root, dir, file)));
}

/** `CHROMIUM_PATH` when set (and it must exist), else the first Chromium found; undefined when none. */
export function findChromium(): string | undefined {
  const chosen = process.env.CHROMIUM_PATH;
  if (chosen) return existsSync(chosen) ? chosen : undefined;
  return [...SYSTEM_PATHS, ...playwrightBuilds()].find((path) => existsSync(path));
}

const hasCommand = (name: string) => spawnSync('sh', ['-c', `command -v ${name}`]).status === 0;
const isRoot = () => process.getuid?.() === 0;

function run(command: string, args: string[]) {
  console.log(`$ ${command} ${args.join(' ')}`);
  const done = spawnSync(command, args, {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  if (done.status !== 0) throw new Error(`\`${command} ${args.join(' ')}\` failed (exit ${done.status}).`);
}

/** Debian/Ubuntu packages, installed in one go when we may (root with apt-get); false otherwise. */
function aptInstall(packages: string[]): boolean {
  if (packages.length === 0) return true;
  if (!isRoot() || !hasCommand('apt-get')) return false;
  console.log(`Installing ${packages.join(', ')} from the system's packages (needed once)…`);
  run('apt-get', ['update', '-qq']);
  run('apt-get', ['install', '-y', '-qq', ...packages]);
  return true;
}

/**
 * Makes sure a Chromium (and the listed commands, e.g. openssl for the emulator's certificate) is there,
 * installing what is missing, and returns the Chromium's path. Also sets CHROMIUM_PATH for child processes.
 */
export function ensureBrowserSetup(commands: string[] = ['openssl']): string {
  const missingCommands = commands.filter((name) => !hasCommand(name));
  const needChromium = findChromium() === undefined;
  if (process.env.CHROMIUM_PATH && needChromium) {
    throw new Error(`CHROMIUM_PATH is set to ${process.env.CHROMIUM_PATH}, which does not exist.`);
  }
  const packages = [...(needChromium ? ['chromium'] : []), ...missingCommands];
  if (packages.length > 0 && !aptInstall(packages)) {
    if (missingCommands.length > 0) {
      throw new Error(`Please install ${missingCommands.join(', ')} with your system's package manager.`);
    }
    console.log('No Chromium found: downloading Playwright’s Chromium (npx playwright install chromium)…');
    run('npx', ['playwright', 'install', 'chromium']);
  }
  const path = findChromium();
  if (!path)
    throw new Error('No Chromium found after installing one; set CHROMIUM_PATH to a Chromium binary.');
  process.env.CHROMIUM_PATH = path;
  return path;
}
