export {
  consumeJobs,
  retryDelayMs,
  type JobConsumerDeps,
  type JobConsumerOptions,
  type JobOutcome,
} from './consumer';
export {
  InvalidJobError,
  JOBS_STREAM,
  JOB_DEDUPE_WINDOW_MS,
  JOB_MAX_AGE_MS,
  ensureJobStream,
  publishJob,
} from './stream';
