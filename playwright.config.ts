import { defineConfig } from '@playwright/test';

// E2E runs load the built extension (`wxt build --mode e2e`, see package.json "test:e2e") into Debian's
// Chromium against the local provider emulator. Two workers, one per core: each test starts its own
// browser and its own emulator on a port of its own, so tests share nothing; the suite takes about 18
// minutes instead of 30 on the two-core machines that run it.
export default defineConfig({
  testDir: 'tests/e2e',
  // Finds or installs Chromium (and openssl, ffmpeg) first, so the suite runs on a fresh machine.
  globalSetup: './tests/e2e/harness/global-setup.ts',
  workers: 2,
  fullyParallel: false,
  retries: 0,
  timeout: 90_000,
  expect: { timeout: 15_000 },
  reporter: 'list',
  forbidOnly: !!process.env.CI,
});
