import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const UNTRANSLATED = 'Text a person reads goes through t() (utils/i18n.ts) and public/_locales.';

export default tseslint.config(
  {
    ignores: [
      '.output/**',
      '.wxt/**',
      '.tmp/**',
      'node_modules/**',
      'test-results/**',
      'playwright-report/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['**/*.tsx'],
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
  {
    // Context boundary: page code runs inside web pages and must never reach keys or provider clients.
    // It is injected on demand as unlisted scripts (page, pick, batch) built from utils/page/.
    files: [
      'entrypoints/*.content/**',
      'entrypoints/*.content.ts',
      'entrypoints/page/**',
      'entrypoints/pick/**',
      'entrypoints/batch/**',
      'utils/page/**',
    ],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/providers/**', '@/utils/providers/**'],
              message: 'Page code must not import providers.',
            },
            { group: ['**/secrets*', '@/utils/secrets*'], message: 'Page code must not touch API keys.' },
            { group: ['**/jobs/**', '@/utils/jobs/**'], message: 'Page code must not touch the job store.' },
          ],
        },
      ],
    },
  },
  {
    // Context boundary: the extension's pages (popup, Options, viewer, first-run) show what the adapters
    // do but never load them. Names, links, prices and abilities come from utils/provider-catalogue.ts,
    // pipeline steps from utils/pipeline/, and "Test key" is a message the background answers. Types
    // alone may be imported (they vanish from the bundle).
    files: [
      'entrypoints/popup/**',
      'entrypoints/options/**',
      'entrypoints/viewer/**',
      'entrypoints/welcome/**',
      'components/**',
    ],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/providers', '**/providers/**', '@/utils/providers', '@/utils/providers/**'],
              allowTypeImports: true,
              message:
                'Extension pages must not load provider adapters: use utils/provider-catalogue.ts, utils/pipeline/ or a background message.',
            },
          ],
        },
      ],
    },
  },
  {
    // Every text a person reads on the extension's pages comes from public/_locales through t()
    // (utils/i18n.ts): bare words in JSX, or in the attributes a person or a screen reader reads, fail.
    files: [
      'entrypoints/popup/**/*.tsx',
      'entrypoints/options/**/*.tsx',
      'entrypoints/viewer/**/*.tsx',
      'entrypoints/welcome/**/*.tsx',
      'components/**/*.tsx',
    ],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: 'JSXText[value=/\\p{L}{2,}/u]', message: UNTRANSLATED },
        { selector: 'JSXExpressionContainer > Literal[value=/\\p{L}{2,}/u]', message: UNTRANSLATED },
        {
          selector:
            'JSXAttribute[name.name=/^(aria-label|aria-valuetext|alt|title|placeholder|label)$/] > Literal[value=/\\p{L}{2,}/u]',
          message: UNTRANSLATED,
        },
      ],
    },
  },
);
