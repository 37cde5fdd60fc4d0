#!/usr/bin/env node
// The package's command. It runs the compiled code; `npm run build` (or `npm start`) compiles it.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const entry = new URL('../dist/src/cli/main.js', import.meta.url);
if (!existsSync(fileURLToPath(entry))) {
  console.error('Rostrum is not built yet. Run `npm run build` (or `npm start`) first.');
  process.exit(1);
}
await import(entry.href);
