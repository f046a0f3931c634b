import { beforeEach, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { openWelcomeOnInstall } from '@/entrypoints/background/first-run';

beforeEach(() => fakeBrowser.reset());

it('opens the first-run page, in front, on the first install only', async () => {
  const create = vi.spyOn(fakeBrowser.tabs, 'create');
  await openWelcomeOnInstall({ reason: 'update' });
  await openWelcomeOnInstall({ reason: 'chrome_update' });
  expect(create).not.toHaveBeenCalled();

  await openWelcomeOnInstall({ reason: 'install' });
  // Chromium reports 'install' again on every start of a command-line unpacked extension.
  await openWelcomeOnInstall({ reason: 'install' });
  expect(create).toHaveBeenCalledTimes(1);
  expect(create).toHaveBeenCalledWith({
    url: `chrome-extension://${fakeBrowser.runtime.id}/welcome.html`,
    active: true,
  });
});
