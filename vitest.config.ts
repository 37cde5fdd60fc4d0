import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { classifyTestFiles, engineDependentOnly, type Tier } from './test/tiers.js';

// Three tiers (test/tiers.ts sorts the files by what they do): `unit` needs neither a database nor the build (run
// it alone with `npm run test:unit`), `db` starts from the migrated test database, `slow` runs the compiled build,
// LibreOffice or xmllint, and holds the authorization matrix. Only `slow` builds.
const files = classifyTestFiles(fileURLToPath(new URL('.', import.meta.url)));
// On server PostgreSQL, the files that touch the database engine (the others were run on the embedded engine and
// do not depend on it); TEST_ALL=1 runs everything there too.
const onServerOnly = engineDependentOnly();
const tier = (name: Tier) => files.filter((f) => f.tier === name && (f.engineDependent || !onServerOnly)).map((f) => f.file);

export default defineConfig({
  test: {
    projects: [
      { extends: true, test: { name: 'unit', include: tier('unit') } },
      { extends: true, test: { name: 'db', include: tier('db'), globalSetup: ['test/global-setup.ts'] } },
      { extends: true, test: { name: 'slow', include: tier('slow'), globalSetup: ['test/build-setup.ts', 'test/global-setup.ts'] } },
    ],
    setupFiles: ['test/no-network.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    maxWorkers: 2,
    // In CI a JSON report as well, from which .ci/run prints its closing count.
    reporters: process.env.CI ? ['default', ['json', { outputFile: 'reports/vitest.json' }]] : ['default'],
  },
});
