/**
 * The popup's job list at 1,000 stored jobs, in the production build (what users install:
 * `.output/chrome-mv3`, built here when older than the source) in real Chromium. The e2e build is not
 * measured: it ships React's development build, which alone costs the first render about 170 ms. The
 * records are written straight into the extension's IndexedDB in the job store's format
 * (tests/e2e/popup-seed.ts), from the popup page itself — an extension page of the same origin, which any
 * build has: 1 running job, 150 failed, a batch of 4, the rest done.
 *
 *  - First render: navigation start → the first list row in the DOM and a frame after it, read in the
 *    page itself (performance.now() counts from navigation start), median of 9 loads, each started once
 *    the previous one has settled (see settled()).
 *  - Script while one job runs: CDP Performance metrics (ScriptDuration) of the settled popup over ~5 s while
 *    the running job's record is rewritten once a second and announced on the job channel, as the
 *    background does (from the service worker, so its own work is not the popup's).
 *
 * No comparison: the same figures for the list before this rework would need that build in the same
 * run, which `npm run bench` does not make.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from '@playwright/test';
import { launchWithExtension } from '../../tests/e2e/harness/browser';
import { currentWorker, extensionIdOf } from '../../tests/e2e/harness/worker';
import { seedRecords, seedStore } from '../../tests/e2e/popup-seed';
import { BUILD_DIRS, ensureBuild } from './build';
import { printProfile, profileOf } from './profile';
import type { BenchRow } from './row';

const LOADS = 9;
const UPDATE_SECONDS = 5;
const SETTLE_MS = 1_000;
const FIRST_RENDER_GOAL_MS = 150;
const SCRIPT_GOAL_MS_PER_S = 5;
/** Nothing here needs the network: every host name resolves to nowhere. */
const NO_HOSTS = 'MAP * ~NOTFOUND';

declare global {
  interface Window {
    __listShownAt?: number;
    __headerAt?: number;
  }
}

/** Runs in the popup before its own code: notes when the first row is in the DOM, one frame later. */
function watchFirstRow() {
  const observer = new MutationObserver(() => {
    if (window.__headerAt === undefined && document.querySelector('#root > *')) {
      window.__headerAt = performance.now();
    }
    if (!document.querySelector('ul.jobs > li')) return;
    observer.disconnect();
    requestAnimationFrame(() => (window.__listShownAt = performance.now()));
  });
  observer.observe(document, { childList: true, subtree: true });
}

const median = (xs: readonly number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

async function firstRenderMs(page: Page, url: string): Promise<number> {
  await page.goto(url);
  await page.waitForFunction(() => window.__listShownAt !== undefined, undefined, { timeout: 30_000 });
  return page.evaluate(() => window.__listShownAt!);
}

/**
 * Waits until the last load's work after its first paint is over: the whole list read (the filter
 * counts show), then a pause for what opening the popup starts elsewhere (the woken worker looks at
 * every job). A person does not reopen the popup within a second; loads back to back would measure
 * each one against the previous one's after-work on the same two cores.
 */
async function settled(page: Page) {
  await page.waitForFunction(() => !!document.querySelector('.filters .count')?.textContent, undefined, {
    timeout: 30_000,
  });
  await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
}

async function scriptMsPerSecond(context: BrowserContext, page: Page, extensionId: string) {
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  const scriptSeconds = async () => {
    const { metrics } = (await cdp.send('Performance.getMetrics')) as {
      metrics: { name: string; value: number }[];
    };
    return metrics.find((metric) => metric.name === 'ScriptDuration')?.value ?? 0;
  };
  const worker = await currentWorker(context, extensionId, { wake: true });
  const before = await scriptSeconds();
  const started = Date.now();
  for (let tick = 1; tick <= UPDATE_SECONDS; tick++) {
    await worker.evaluate(
      async (progress) => {
        const db = await new Promise<IDBDatabase>((resolve, reject) => {
          const request = indexedDB.open('enhance-in-place-jobs');
          request.onsuccess = () => resolve(request.result);
          request.onerror = () => reject(request.error);
        });
        const store = db.transaction('jobs', 'readwrite').objectStore('jobs');
        await new Promise<void>((resolve, reject) => {
          const read = store.get('active-0');
          read.onsuccess = () => {
            const job = { ...read.result, progress, updatedAt: Date.now(), polls: read.result.polls + 1 };
            const write = store.put(job, 'active-0');
            write.onsuccess = () => resolve();
            write.onerror = () => reject(write.error);
          };
          read.onerror = () => reject(read.error);
        });
        db.close();
        const channel = new BroadcastChannel('enhance-in-place:jobs');
        channel.postMessage({ id: 'active-0' });
        channel.close();
      },
      tick / (UPDATE_SECONDS + 1),
    );
    await new Promise((resolve) => setTimeout(resolve, started + tick * 1000 - Date.now()));
  }
  const after = await scriptSeconds();
  const seconds = (Date.now() - started) / 1000;
  await cdp.detach();
  return ((after - before) * 1000) / seconds;
}

/** BENCH_PROFILE: when one load reached each step, and the renderer's own time by kind (CDP metrics). */
async function printLoadSteps(context: BrowserContext, page: Page, url: string) {
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  const metrics = async () =>
    Object.fromEntries(
      (
        (await cdp.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] }
      ).metrics.map((m) => [m.name, m.value]),
    );
  const before = await metrics();
  await firstRenderMs(page, url);
  const after = await metrics();
  await cdp.detach();
  const steps = await page.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
    return {
      'popup.html read': nav.responseEnd,
      'DOM interactive': nav.domInteractive,
      'scripts run (DOMContentLoaded end)': nav.domContentLoadedEventEnd,
      'first render (header)': window.__headerAt ?? Number.NaN,
      'rows, one frame later': window.__listShownAt ?? Number.NaN,
    };
  });
  console.log('\n  Popup load steps (ms from navigation start):');
  for (const [step, at] of Object.entries(steps)) console.log(`    ${at.toFixed(1).padStart(7)}  ${step}`);
  for (const name of ['TaskDuration', 'ScriptDuration', 'RecalcStyleDuration', 'LayoutDuration']) {
    const ms = ((after[name] ?? 0) - (before[name] ?? 0)) * 1000;
    console.log(`    ${ms.toFixed(1).padStart(7)}  ${name}`);
  }
}

export async function popupBench(): Promise<BenchRow[]> {
  ensureBuild('production');
  const profile = await mkdtemp(join(tmpdir(), 'bench-popup-'));
  const context = await launchWithExtension(profile, NO_HOSTS, { extensionDir: BUILD_DIRS.production });
  try {
    const extensionId = await extensionIdOf(context);
    const url = `chrome-extension://${extensionId}/popup.html`;
    const page = await context.newPage();
    await page.goto(url);
    await seedStore(page, seedRecords({ total: 1000, active: 1, failed: 150, batch: 4, old: 0 }));
    await context.addInitScript(watchFirstRow);

    await firstRenderMs(page, url); // warm-up: code cache, IndexedDB opened once
    const loads: number[] = [];
    for (let i = 0; i < LOADS; i++) {
      await settled(page);
      loads.push(await firstRenderMs(page, url));
    }
    const nodes = await page.evaluate(() => document.querySelectorAll('*').length);
    const first = median(loads);
    // BENCH_PROFILE=1: where one load's and one update's script time goes (CDP Profiler), for the log.
    if (process.env.BENCH_PROFILE) {
      printProfile('Popup load', await profileOf(context, page, () => firstRenderMs(page, url)));
      await printLoadSteps(context, page, url);
    }
    await settled(page);
    const script = await scriptMsPerSecond(context, page, extensionId);

    return [
      {
        name: `Popup first render, 1,000 jobs (median of ${LOADS})`,
        value: first,
        unit: 'ms',
        goal: `≤ ${FIRST_RENDER_GOAL_MS} ms`,
        met: first <= FIRST_RENDER_GOAL_MS,
      },
      // On a shared machine the median carries the others' load; the fastest load is the code's own cost.
      { name: `Popup first render, 1,000 jobs (fastest of ${LOADS})`, value: Math.min(...loads), unit: 'ms' },
      { name: 'Popup DOM elements, 1,000 jobs', value: nodes, unit: 'elements' },
      {
        name: `Popup script while one job runs (${UPDATE_SECONDS} s, one update/s)`,
        value: script,
        unit: 'ms/s',
        goal: `≤ ${SCRIPT_GOAL_MS_PER_S} ms/s`,
        met: script <= SCRIPT_GOAL_MS_PER_S,
      },
    ];
  } finally {
    await context.close().catch(() => undefined);
    await rm(profile, { recursive: true, force: true });
  }
}
