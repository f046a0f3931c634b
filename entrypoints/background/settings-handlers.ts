import { operationChoices, type MenuInputs } from '@/utils/menu-items';
import { settingsMessaging } from '@/utils/messages/settings';
import { fromExtensionPage } from '@/utils/sender';

/** The settings panels' question: which operations the default action can be (the menus' own list). */
export function registerSettingsHandlers(menuInputs: () => Promise<MenuInputs>) {
  settingsMessaging.onMessage('operationChoices', async ({ sender }) => {
    if (!fromExtensionPage(sender)) return { choices: [] };
    return { choices: operationChoices(await menuInputs()) };
  });
}
