import { browser } from 'wxt/browser';
import { createIntake } from '@/utils/jobs/intake';
import { createRunner } from '@/utils/jobs/runner';
import { watchBudget } from '@/utils/jobs/retention';
import { createScheduler, POLL_ALARM } from '@/utils/jobs/scheduler';
import { CREDENTIAL_NAMES, dynamicOperations, menuId, parseMenuId } from '@/utils/providers';
import type { CredentialId } from '@/utils/providers/types';
import { getKey, keyedCredentials, keyFor } from '@/utils/secrets';
import {
  cutoutBackdrop,
  enhancecraftPipelines,
  lastOperation,
  readPipelines,
  readProviderSettings,
} from '@/utils/storage';
import { registerAppHandlers } from './app-handlers';
import { badgeSeen, watchBadge } from './badge';
import { openWelcomeOnInstall } from './first-run';
import { registerJobNotices } from './notifications';
import { registerHistory } from './history';
import { applyBackdrop } from './backdrop';
import { readInputBytes } from './input-bytes';
import { ensureMenus, rebuildMenus } from './menus';
import { showNotice, swapIntoPage } from './page-bridge';
import { inspectClicked } from './intake-inspect';
import { registerPageProgress } from './page-progress';
import { createMenuDispatch, PICK_COMMAND, pickFromShortcut, registerPickHandlers, startPick } from './pick';
import { memoryReadAhead } from './submit-memory';
import { reconcile } from './reconcile';
import { registerOnDeviceEvents } from './on-device-events';
import { registerResultHandlers } from './result-handlers';
import { registerMaskMode } from './mask-mode';
import { askForKey, registerPendingRun, type Click } from './pending-run';
import { openBatch, registerBatchHandlers, type BatchDeps } from './batch';
import { registerSettingsHandlers } from './settings-handlers';
import { defaultOperation, menuSettings, watchMenuSettings } from '@/utils/settings/menu-settings';

declare global {
  // The one test seam (tests/README.md): the same function that contextMenus.onClicked calls.
  var onContextMenuClick: ReturnType<typeof createMenuDispatch> | undefined;
}

/** A menu id: the built-in operations read no storage; only a pipeline's id reads the pipelines. */
const resolveMenuId = async (id: string | number) =>
  parseMenuId(id) ?? parseMenuId(id, await readPipelines());

/** Wiring only. Every listener is registered synchronously, before any await (MV3 wakes on events). */
export default defineBackground(() => {
  const bootId = crypto.randomUUID();
  const clock = () => ({ now: Date.now(), random: Math.random });
  const runner = createRunner({
    bootId,
    clock,
    getKey: keyFor,
    memory: memoryReadAhead,
    settings: readProviderSettings,
    operation: async (provider, id) => (await resolveMenuId(menuId(provider.id, id)))?.operation,
    swap: swapIntoPage,
    armWatchdog: () => scheduler.armInFlight(),
  });
  const scheduler = createScheduler(runner, browser.alarms);
  const credentials = Object.keys(CREDENTIAL_NAMES) as CredentialId[];
  const menuInputs = async () => ({
    extra: dynamicOperations(await readPipelines()),
    keyed: await keyedCredentials(credentials),
    ...(await menuSettings()), // Repeat's operation, keyless providers shown, menus outside the media
  });
  // One intake per click, so that a missing key can keep the click it came with (pending-run.ts).
  const intakeFor = (click: Click) =>
    createIntake({
      bootId,
      now: Date.now,
      resolve: resolveMenuId,
      hasKey: async (credential) => Boolean(await getKey(credential)),
      askForKey: (credential, operation) => askForKey(credential, operation, click),
      inspect: inspectClicked,
      readBytes: readInputBytes,
      notify: showNotice,
      start: (jobId, written) => scheduler.start(jobId, written),
    });
  const intake: ReturnType<typeof createIntake> = (...args) =>
    intakeFor({ info: args[0], tab: args[1] })(...args);

  const resolveChoice = (menuItemId: string) => resolveMenuId(menuItemId);
  // Drawn-mask operations (EnhanceCraft Remove object…/text…) open the viewer's mask editor instead.
  const maskMode = registerMaskMode({
    bootId,
    resolve: resolveChoice,
    hasKey: async (credential) => Boolean(await getKey(credential)),
    askForKey: (credential, operation, info, tab) => askForKey(credential, operation, { info, tab }),
    start: (jobId) => scheduler.start(jobId),
  });
  const clickIntake = maskMode.route(intake);
  const lastChosen = async () => (await defaultOperation())?.id ?? null; // the default action (Settings)
  // "Enhance all images on this page…": a dialog in the page, then each image through the same intake.
  const batchDeps: BatchDeps = {
    resolve: resolveChoice,
    menuInputs,
    hasKey: async (credential) => Boolean(await getKey(credential)),
    askForKey: (credential, operation) => askForKey(credential, operation),
    intake,
    tick: () => scheduler.tick(),
    notify: showNotice,
    remember: async (id) => {
      if ((await lastOperation.getValue()) !== id) await lastOperation.setValue(id);
    },
  };
  registerBatchHandlers(batchDeps);
  // Menu choices with an image go to intake; without one (page, link, frame menus) they start pick mode.
  const onContextMenuClick = createMenuDispatch({
    resolve: resolveChoice,
    intake: clickIntake,
    last: lastChosen,
    remember: async (id) => {
      if ((await lastOperation.getValue()) !== id) await lastOperation.setValue(id);
    },
    pick: startPick,
    batch: async (tabId) => void (await openBatch(tabId, batchDeps)),
  });
  registerPickHandlers(clickIntake);
  registerPendingRun(onContextMenuClick); // Options' "Run … now": the same dispatch as a menu click
  browser.commands.onCommand.addListener((command, tab) => {
    if (command === PICK_COMMAND)
      void pickFromShortcut(tab, { resolve: resolveChoice, last: lastChosen, pick: startPick });
  });
  watchMenuSettings(() => void rebuildMenus(menuInputs)); // "Repeat: …", hidden items, contexts
  registerSettingsHandlers(menuInputs);

  browser.contextMenus.onClicked.addListener((info, tab) => void onContextMenuClick(info, tab));
  globalThis.onContextMenuClick = onContextMenuClick;
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === POLL_ALARM) void scheduler.tick();
  });
  browser.runtime.onInstalled.addListener(() => void rebuildMenus(menuInputs));
  // Chrome keeps the menus across restarts; a browser restarted in another language gets them in that one.
  browser.runtime.onStartup.addListener(() => void rebuildMenus(menuInputs));
  browser.runtime.onInstalled.addListener((details) => void openWelcomeOnInstall(details));
  enhancecraftPipelines.watch(() => void rebuildMenus(menuInputs));
  cutoutBackdrop.watch(() => void applyBackdrop());
  watchBudget(); // a lowered budget for kept results takes effect at once
  registerAppHandlers({
    runner,
    bootId,
    start: (jobId) => scheduler.start(jobId),
    tick: () => scheduler.tick(),
    arm: () => scheduler.arm(),
    onKeysChanged: () => rebuildMenus(menuInputs),
    popupOpened: badgeSeen,
  });
  registerResultHandlers();
  // The toolbar badge and notifications follow the job records; both redraw from the store on every start.
  watchBadge();
  registerJobNotices();
  registerPageProgress(); // the ring on a running job's picture, then "Enhanced — Show original · Compare"
  // Finished jobs leave after the days set (and on "Clear finished"): on start, then daily by alarm.
  registerHistory({ arm: () => scheduler.arm() });
  registerOnDeviceEvents({ report: runner.report, tick: () => scheduler.tick() });

  // Not keyed on onInstalled/onStartup (unreliable for command-line loads and restarts): every start.
  void ensureMenus(menuInputs);
  void reconcile(runner, bootId).then(() => scheduler.tick());
});
