// The job queue's public surface: define jobs, queue them inside a transaction, run them in a worker.
export { defineJob, type JobContext, type JobDefinition, type JobLog } from './registry.js';
export { enqueue, JOBS_CHANNEL, type EnqueueOptions } from './enqueue.js';
export { JobRunner, retryDelayMs, type JobRunnerOptions, type JobWakeups } from './runner.js';
