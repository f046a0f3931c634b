import { browser } from 'wxt/browser';
import { cleanUpHistory, clearFinished, HISTORY_ALARM, HISTORY_PERIOD_MINUTES } from '@/utils/jobs/history';
import { appMessaging } from '@/utils/messages';
import { fromExtensionPage } from '@/utils/sender';
import { historyDays, historyDaysSchema, readSetting } from '@/utils/storage';

export interface HistoryWiring {
  /** Re-arms the job wake-up after jobs left the store. */
  arm(): Promise<void>;
}

/**
 * Wiring for utils/jobs/history.ts: "Clear finished" from the popup, and the automatic clean-up on every
 * worker start and once a day by alarm (a browser left open for weeks never restarts the worker's
 * start-up path on a schedule). Listeners are registered synchronously, like every other one.
 */
export function registerHistory(deps: HistoryWiring) {
  const cleanUp = async () => {
    const days = await readSetting(historyDays, historyDaysSchema);
    if ((await cleanUpHistory(days, Date.now())) > 0) await deps.arm();
  };
  const run = () => cleanUp().catch((error: unknown) => console.warn('History clean-up failed', error));

  appMessaging.onMessage('jobsClearFinished', async ({ sender }) => {
    if (!fromExtensionPage(sender)) return { removed: 0 };
    const removed = await clearFinished();
    await deps.arm();
    return { removed };
  });

  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === HISTORY_ALARM) void run();
  });
  historyDays.watch(() => void run()); // a shorter history takes effect at once

  // Created once and left alone afterwards, so restarts do not keep pushing the next run back.
  void browser.alarms.get(HISTORY_ALARM).then(async (existing) => {
    if (!existing) {
      await browser.alarms.create(HISTORY_ALARM, { periodInMinutes: HISTORY_PERIOD_MINUTES });
    }
  });
  void run();
}
