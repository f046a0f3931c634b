import { browser } from 'wxt/browser';
import { createRunner } from '@/utils/jobs/runner';
import { createScheduler, POLL_ALARM } from '@/utils/jobs/scheduler';
import { CREDENTIAL_NAMES, dynamicOperations, menuId, parseMenuId } from '@/utils/providers';
import type { CredentialId } from '@/utils/providers/types';
import { keyedCredentials, keyFor } from '@/utils/secrets';
import { cutoutBackdrop, enhancecraftPipelines, readPipelines, readProviderSettings } from '@/utils/storage';
import { registerAppHandlers } from './app-handlers';
import { applyBackdrop } from './backdrop';
import { createMenuClickHandler } from './menu-click';
import { ensureMenus, rebuildMenus } from './menus';
import { swapIntoPage } from './page-bridge';
import { providerMemoryFor } from './provider-memory';
import { reconcile } from './reconcile';
import { registerOnDeviceEvents } from './on-device-events';
import { registerResultHandlers } from './result-handlers';

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
    getKey: keyFor,
    memory: providerMemoryFor,
    settings: readProviderSettings,
    operation: async (provider, id) => parseMenuId(menuId(provider.id, id), await readPipelines())?.operation,
    swap: swapIntoPage,
    armWatchdog: () => scheduler.arm(),
  });
  const scheduler = createScheduler(runner, browser.alarms);
  const credentials = Object.keys(CREDENTIAL_NAMES) as CredentialId[];
  const menuInputs = async () => ({
    extra: dynamicOperations(await readPipelines()),
    keyed: await keyedCredentials(credentials),
  });
  const onContextMenuClick = createMenuClickHandler({
    bootId,
    resolve: async (menuItemId) => parseMenuId(menuItemId, await readPipelines()),
    start: (jobId) => scheduler.start(jobId),
  });

  browser.contextMenus.onClicked.addListener((info, tab) => void onContextMenuClick(info, tab));
  globalThis.onContextMenuClick = onContextMenuClick;
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === POLL_ALARM) void scheduler.tick();
  });
  browser.runtime.onInstalled.addListener(() => void rebuildMenus(menuInputs));
  enhancecraftPipelines.watch(() => void rebuildMenus(menuInputs));
  cutoutBackdrop.watch(() => void applyBackdrop());
  registerAppHandlers({ runner, scheduler, bootId, onKeysChanged: () => rebuildMenus(menuInputs) });
  registerResultHandlers();
  registerOnDeviceEvents(() => void scheduler.tick());

  // Not keyed on onInstalled/onStartup (unreliable for command-line loads and restarts): every start.
  void ensureMenus(menuInputs);
  void reconcile(runner, bootId).then(() => scheduler.tick());
});
