import { defineExtensionMessaging } from '@webext-core/messaging';
import type { OperationChoice } from '../menu-items';

export type { OperationChoice };

/**
 * The settings panels (popup, Options) → the background: the operations the default action can be set
 * to, as the menus list them. The background builds them from the provider registry, which the
 * extension's pages may not load; it answers only its own pages.
 */
export interface SettingsProtocol {
  operationChoices(): { choices: OperationChoice[] };
}

export const settingsMessaging = defineExtensionMessaging<SettingsProtocol>();
