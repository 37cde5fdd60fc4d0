import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// Module doors: from outside src/modules/X, only X's index.js and web/index.js may be imported (src/db-schema.ts
// also reads X's tables.js). The kernel imports no module, no web shell, no API and not src/db-schema.ts.
const MODULES = ['compilation', 'delegations', 'documents', 'identity', 'meetings', 'statements', 'uploads'];
const TESTS = ['**/*.test.ts', 'test/**', 'bench/**'];
const doors = (module, allowed = []) => ({
  group: [
    `**/${module}/**/*.js`,
    `!**/${module}/index.js`,
    `!**/${module}/web/index.js`,
    ...allowed.map((file) => `!**/${module}/${file}`),
  ],
  message: `Import the ${module} module through its index.js (or web/index.js).`,
});
const doorRule = (modules, allowed = {}) => ['error', { patterns: modules.map((m) => doors(m, allowed[m])) }];
// Files allowed past another module's door, by module (none today; test/source-layout.test.ts keeps the same list).
const REMAINING = {};
const doorConfigs = [
  { files: ['src/**/*.ts'], ignores: ['src/modules/**', ...TESTS], rules: { 'no-restricted-imports': doorRule(MODULES) } },
  ...MODULES.map((module) => ({
    files: [`src/modules/${module}/**/*.ts`],
    ignores: TESTS,
    rules: {
      'no-restricted-imports': doorRule(
        MODULES.filter((m) => m !== module),
        REMAINING[`src/modules/${module}/**`],
      ),
    },
  })),
  ...Object.entries(REMAINING)
    .filter(([files]) => !files.startsWith('src/modules/'))
    .map(([files, allowed]) => ({ files: [files], rules: { 'no-restricted-imports': doorRule(MODULES, allowed) } })),
  {
    files: ['src/db-schema.ts'],
    rules: { 'no-restricted-imports': doorRule(MODULES, Object.fromEntries(MODULES.map((m) => [m, ['tables.js']]))) },
  },
  {
    files: ['src/kernel/**/*.ts'],
    ignores: TESTS,
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/modules/**', '**/web/**', '**/api/**', '**/db-schema.js'],
              message: 'The kernel imports no module, web shell or API.',
            },
          ],
        },
      ],
    },
  },
];

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
  ...doorConfigs,
);
