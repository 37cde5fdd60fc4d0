import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { engineDependentTestFiles } from './test/engine-dependent.js';

const ALL = ['src/**/*.test.ts', 'migrations/**/*.test.ts', 'test/**/*.test.ts', 'bin/**/*.test.ts'];
// On server PostgreSQL, the files that touch the database engine (the others were run on the embedded engine and
// do not depend on it); TEST_ALL=1 runs everything there too.
const onServerOnly = process.env.TEST_DATABASE_URL !== undefined && process.env.TEST_ALL !== '1';

export default defineConfig({
  test: {
    include: onServerOnly ? engineDependentTestFiles(fileURLToPath(new URL('.', import.meta.url))) : ALL,
    globalSetup: ['test/global-setup.ts'],
    setupFiles: ['test/no-network.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    maxWorkers: 2,
    // In CI a JSON report as well, from which .ci/run prints its closing count.
    reporters: process.env.CI ? ['default', ['json', { outputFile: 'reports/vitest.json' }]] : ['default'],
  },
});
