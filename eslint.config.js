import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'data/**', 'test-results/**', 'playwright-report/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-properties': ['error', { object: 'process', property: 'env', message: 'Read settings through src/config.ts.' }],
    },
  },
  {
    files: ['**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/only-throw-error': 'error',
      '@typescript-eslint/prefer-promise-reject-errors': 'error',
    },
  },
  {
    // Failures carry a code from the catalogue (docs/ERRORS.md); what cannot happen is said with invariant().
    files: ['src/modules/**/*.ts', 'src/kernel/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "ThrowStatement > :matches(NewExpression, CallExpression)[callee.name='Error']",
          message:
            'Throw AppError with a catalogued code (src/kernel/errors.ts), ' +
            'or state what cannot happen with invariant() (src/kernel/invariant.ts).',
        },
      ],
    },
  },
  {
    files: ['src/config.ts', 'src/cli/**', 'test/**', 'bench/**', '*.config.ts', 'bin/**'],
    rules: { 'no-restricted-properties': 'off' },
  },
  {
    files: ['src/web/assets/**/*.js'],
    languageOptions: {
      globals: {
        document: 'readonly',
        window: 'readonly',
        Intl: 'readonly',
        setInterval: 'readonly',
        setTimeout: 'readonly',
        Date: 'readonly',
        fetch: 'readonly',
        DOMParser: 'readonly',
        Promise: 'readonly',
        XMLHttpRequest: 'readonly',
        FormData: 'readonly',
        JSON: 'readonly',
      },
    },
  },
);
