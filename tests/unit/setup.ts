// IndexedDB for idb-keyval under Node; the WXT plugin already supplies the fake `browser`.
import 'fake-indexeddb/auto';
import { afterEach, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { messageReader } from './helpers/messages';

// Texts read through utils/i18n.ts come from the English messages, as in an English browser.
fakeBrowser.i18n.getMessage = messageReader('en') as typeof fakeBrowser.i18n.getMessage;

// The WXT plugin puts the fake on the `chrome` and `browser` globals with vi.stubGlobal, so a test file's
// vi.unstubAllGlobals() takes them away for its next tests. Hooks of this file run after the test file's
// own (after-hooks run in reverse order), so the fake is back before the next test.
afterEach(() => {
  const scope = globalThis as { chrome?: unknown; browser?: unknown };
  if (scope.chrome === undefined) vi.stubGlobal('chrome', fakeBrowser);
  if (scope.browser === undefined) vi.stubGlobal('browser', fakeBrowser);
});
