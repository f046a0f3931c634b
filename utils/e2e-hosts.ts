/** Public-looking test-site names that the e2e and demo runs map to the local emulator. */
export const E2E_SITE_HOSTS = ['gallery.example.org', 'photos.example.com'] as const;
