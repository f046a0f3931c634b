import { ensureBrowserSetup } from '../../../scripts/browser-setup';

/**
 * Runs once before the e2e suite: finds (or installs) Chromium, plus openssl for the emulator's
 * certificate and ffmpeg for its video processing. The path reaches the test workers through
 * CHROMIUM_PATH, which Playwright's workers inherit.
 */
export default function globalSetup() {
  const path = ensureBrowserSetup(['openssl', 'ffmpeg']);
  console.log(`E2E browser: ${path}`);
}
