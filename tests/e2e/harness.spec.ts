import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { E2E_EXTENSION_DIR, PROD_EXTENSION_DIR } from './harness/browser';
import { expect, test } from './harness/fixtures';
import { PAGE_PARTS, PAGE_SCRIPT } from '../../utils/page/files';

interface Manifest {
  host_permissions?: string[];
  permissions?: string[];
}
const manifestOf = async (dir: string): Promise<Manifest> =>
  JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8')) as Manifest;

test('the harness launches the e2e build, finds its id and worker, and reaches the emulated sites', async ({
  context,
  extensionId,
  worker,
  emulator,
}) => {
  expect(extensionId).toMatch(/^[a-p]{32}$/);
  const sw = await worker();
  expect(sw.url()).toBe(`chrome-extension://${extensionId}/background.js`);

  const page = await context.newPage();
  await page.goto('https://gallery.example.org/');
  await expect(page.locator('#logo')).toHaveJSProperty('naturalWidth', 160);
  expect(emulator.journal.find({ host: 'gallery.example.org', path: '/images/logo.png' })).toHaveLength(1);
});

test('only the e2e manifest grants the test sites; production asks for no site access', async () => {
  const e2e = await manifestOf(E2E_EXTENSION_DIR);
  expect(e2e.host_permissions).toContain('https://gallery.example.org/*');

  const prod = await manifestOf(PROD_EXTENSION_DIR).catch(() => {
    throw new Error(`No production build in ${PROD_EXTENSION_DIR}: run \`npx wxt build\` first.`);
  });
  const prodHosts = [...(prod.host_permissions ?? []), ...(prod.permissions ?? [])];
  expect(prodHosts).not.toContain('<all_urls>');
  for (const site of ['gallery.example.org', 'photos.example.com', 'example.org', 'example.com']) {
    expect(prodHosts.filter((h) => h.includes(site))).toEqual([]);
  }
});

test('killWorker really stops the worker; worker() waits for a wake; a relaunch keeps the extension', async ({
  context,
  extensionId,
  worker,
  killWorker,
  launch,
}) => {
  const page = await context.newPage();
  await page.goto('https://gallery.example.org/');
  await (await worker()).evaluate(() => Object.assign(globalThis, { harnessMarker: 1 }));

  await killWorker(page);
  await expect(worker({ timeout: 500 })).rejects.toThrow(/nothing woke it/);
  const woken = await worker({ wake: true });
  // A restarted worker is a fresh global scope.
  expect(await woken.evaluate(() => 'harnessMarker' in globalThis)).toBe(false);

  const relaunched = await launch();
  expect(relaunched).not.toBe(context);
  expect(new URL((await worker()).url()).host).toBe(extensionId);
});

test('what a click injects into a page stays within 20 KB minified, and so does each file that joins later', async () => {
  const size = async (file: string) => (await stat(join(E2E_EXTENSION_DIR, file))).size;
  const BUDGET = 20 * 1024;
  const core = await size(PAGE_SCRIPT);
  const parts = Object.fromEntries(
    await Promise.all(
      Object.entries(PAGE_PARTS).map(async ([name, file]) => [name, await size(file)] as const),
    ),
  );
  // A click: the core; for a provider that takes an upload, the byte reader joins it; a notice may show.
  expect(core).toBeLessThanOrEqual(BUDGET);
  expect(core + parts['read-bytes']!).toBeLessThanOrEqual(BUDGET);
  expect(core + parts.notice!).toBeLessThanOrEqual(BUDGET);
  // Pick mode (entrypoints/background/pick.ts injects /pick.js when it starts).
  expect(await size('/pick.js')).toBeLessThanOrEqual(BUDGET);
  // A result: its code, and the code for a video or a CSS background when that is the kind replaced.
  expect(parts.result).toBeLessThanOrEqual(BUDGET);
  expect(parts.video).toBeLessThanOrEqual(BUDGET / 2);
  expect(parts.background).toBeLessThanOrEqual(BUDGET / 2);
});
