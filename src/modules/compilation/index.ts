// The compilation module's door: building a debate's compilation from its accepted statements and speakers, issuing it
// under a symbol, and telling the missions it encloses. Its pages are registered by ./web/index.ts.
export { COMPILATION_MANAGE } from './policies.js';
export { buildCompilation, issueCompilation, type BuildOptions } from './commands/compile.js';
export { buildsToIssue } from './db.js';
export { notifyCompilationIssuedJob } from './notify-issued-job.js';
