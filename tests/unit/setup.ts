// IndexedDB for idb-keyval under Node; the WXT plugin already supplies the fake `browser`.
import 'fake-indexeddb/auto';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { messageReader } from './helpers/messages';

// Texts read through utils/i18n.ts come from the English messages, as in an English browser.
fakeBrowser.i18n.getMessage = messageReader('en') as typeof fakeBrowser.i18n.getMessage;
