import { browser } from 'wxt/browser';
import { createRunner } from '@/utils/jobs/runner';
import { createScheduler, POLL_ALARM } from '@/utils/jobs/scheduler';
import { getKey } from '@/utils/secrets';
import { registerAppHandlers } from './app-handlers';
import { createMenuClickHandler } from './menu-click';
import { ensureMenus, rebuildMenus } from './menus';
import { providerMemoryFor } from './provider-memory';
import { reconcile } from './reconcile';
import { swapIntoPage } from './page-bridge';

declare global {
  // The one test seam (tests/README.md): the same function that contextMenus.onClicked calls.
  var onContextMenuClick: ReturnType<typeof createMenuClickHandler> | undefined;
}

/** Wiring only. Every listener is registered synchronously, before any await (MV3 wakes on events). */
export default defineBackground(() => {
  const bootId = crypto.randomUUID();
  const runner = createRunner({
    bootId,
    clock: () => ({ now: Date.now(), random: Math.random }),
    getKey,
    memory: providerMemoryFor,
    swap: swapIntoPage,
    armWatchdog: () => scheduler.arm(),
  });
  const scheduler = createScheduler(runner, browser.alarms);
  const onContextMenuClick = createMenuClickHandler({
    bootId,
    start: async (jobId) => {
      await runner.start(jobId);
      await scheduler.arm();
    },
  });

  browser.contextMenus.onClicked.addListener((info, tab) => void onContextMenuClick(info, tab));
  globalThis.onContextMenuClick = onContextMenuClick;
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === POLL_ALARM) void scheduler.tick();
  });
  browser.runtime.onInstalled.addListener(() => void rebuildMenus());
  registerAppHandlers({ runner, scheduler, bootId });

  // Not keyed on onInstalled/onStartup (unreliable for command-line loads and restarts): every start.
  void ensureMenus();
  void reconcile(runner, bootId).then(() => scheduler.tick());
});
