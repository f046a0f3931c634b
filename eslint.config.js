import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['.output/**', '.wxt/**', 'node_modules/**', 'test-results/**', 'playwright-report/**'] },
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
    files: ['entrypoints/*.content/**', 'entrypoints/*.content.ts', 'utils/page/**'],
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
);
