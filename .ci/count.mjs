// Adds up the JSON reports of one `npm test` run (vitest and Playwright) into running totals kept in a
// file, and prints the closing line "N passed, N failed, N skipped" when asked.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

const [, , command, totalsFile] = process.argv;
const totals = existsSync(totalsFile) ? JSON.parse(readFileSync(totalsFile, 'utf8')) : { passed: 0, failed: 0, skipped: 0 };

if (command === 'add') {
  const vitest = JSON.parse(readFileSync('reports/vitest.json', 'utf8'));
  totals.passed += vitest.numPassedTests;
  totals.failed += vitest.numFailedTests;
  totals.skipped += vitest.numPendingTests + vitest.numTodoTests;
  const playwright = JSON.parse(readFileSync('reports/playwright.json', 'utf8'));
  totals.passed += playwright.stats.expected + playwright.stats.flaky;
  totals.failed += playwright.stats.unexpected;
  totals.skipped += playwright.stats.skipped;
  writeFileSync(totalsFile, JSON.stringify(totals));
} else {
  console.log(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
}
