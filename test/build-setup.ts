// Global setup of the slow tier: the command-line tests and the worker threads run the compiled build, so build it
// here once rather than in each file (in parallel). TEST_NO_BUILD=1 skips it (when dist/ was just built by hand).
import { fileURLToPath } from 'node:url';
import { ensureBuilt } from './build.js';

export default function setup(): void {
  if (process.env.TEST_NO_BUILD !== '1') ensureBuilt(fileURLToPath(new URL('..', import.meta.url)));
}
