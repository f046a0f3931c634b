import { defineConfig } from 'wxt';
import { E2E_SITE_HOSTS } from './utils/e2e-hosts';
import { onDevicePublicAssets } from './utils/on-device/build-assets';
import { PROVIDER_HOST_PERMISSIONS } from './utils/providers/hosts';

// The production manifest asks only for what the features use: no all-sites host access, no `tabs`.
// The e2e build (`wxt build --mode e2e`) adds host access for the emulated test sites only, standing in
// for the activeTab grant that a real context-menu click gives and a test-driven click cannot
// (see tests/README.md, "The one test seam"). A test asserts production never has them.
export default defineConfig({
  modules: ['@wxt-dev/module-react', '@wxt-dev/webextension-polyfill'],
  manifest: ({ mode }) => ({
    // Name, description and titles come from public/_locales (English is the default and the fallback).
    name: '__MSG_ext_name__',
    description: '__MSG_ext_description__',
    default_locale: 'en',
    permissions: [
      'contextMenus',
      'activeTab',
      'scripting',
      'storage',
      // Chromium evicts a whole origin's data under disk pressure, keys included; this exempts it. Growth
      // stays bounded by the budget for kept results (Options).
      'unlimitedStorage',
      'alarms',
      'downloads',
      'offscreen',
      // A job that ends while its tab is not in front says so (Options can turn it off).
      'notifications',
    ],
    // WebAssembly for the on-device engine; nothing else is relaxed.
    content_security_policy: { extension_pages: "script-src 'self' 'wasm-unsafe-eval'; object-src 'self'" },
    host_permissions: [
      ...PROVIDER_HOST_PERMISSIONS,
      ...(mode === 'e2e' ? E2E_SITE_HOSTS.map((host) => `https://${host}/*`) : []),
    ],
    // Asked per origin, at the moment an upload provider needs an image the page cannot hand over.
    optional_host_permissions: ['https://*/*', 'http://*/*'],
    action: { default_title: '__MSG_action_title__' },
    // Pick mode from the keyboard (changeable at chrome://extensions/shortcuts); like a menu click, the
    // shortcut grants activeTab for the tab.
    commands: {
      'pick-media': {
        suggested_key: { default: 'Alt+Shift+E' },
        description: '__MSG_command_pick_media__',
      },
    },
  }),
  hooks: {
    // The on-device model files and tfjs .wasm, copied from the pinned, licence-checked npm packages.
    'build:publicAssets': (wxt, files) => {
      files.push(...onDevicePublicAssets(wxt.config.root));
    },
  },
  webExt: {
    binaries: { chrome: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' },
  },
});
