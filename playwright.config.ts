import { defineConfig } from '@playwright/test';

// E2E runs load the built extension (`wxt build --mode e2e`, see package.json "test:e2e") into Debian's
// Chromium against the local provider emulator. One worker: each test starts its own browser and
// emulator, and the machines have two cores.
export default defineConfig({
  testDir: 'tests/e2e',
  // Finds or installs Chromium (and openssl, ffmpeg) first, so the suite runs on a fresh machine.
  globalSetup: './tests/e2e/harness/global-setup.ts',
  workers: 1,
  fullyParallel: false,
  retries: 0,
  timeout: 90_000,
  expect: { timeout: 15_000 },
  reporter: 'list',
  forbidOnly: !!process.env.CI,
});
