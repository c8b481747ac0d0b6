import { jetstream, jetstreamManager, RetentionPolicy, StorageType } from '@nats-io/jetstream';
import { nanos, type NatsConnection } from '@nats-io/transport-node';
import { Job, SUBJECT_PREFIX, encode, jobSubject } from '@timekeeper/contracts';

/** One work-queue stream holds every job kind; each kind has its own durable consumer. */
export const JOBS_STREAM = 'TK_JOBS';
/** A re-published job with the same jobId inside this window is dropped by JetStream. */
export const JOB_DEDUPE_WINDOW_MS = 10 * 60_000;
/** Jobs nobody could run for a week are dropped (and visible in stream info until then). */
export const JOB_MAX_AGE_MS = 7 * 24 * 60 * 60_000;

/** Creates the jobs stream if missing (idempotent; safe to call from every replica at start). */
export async function ensureJobStream(nc: NatsConnection): Promise<void> {
  const jsm = await jetstreamManager(nc);
  const config = {
    name: JOBS_STREAM,
    subjects: [`${SUBJECT_PREFIX}.job.>`],
    retention: RetentionPolicy.Workqueue,
    storage: StorageType.File,
    duplicate_window: nanos(JOB_DEDUPE_WINDOW_MS),
    max_age: nanos(JOB_MAX_AGE_MS),
  };
  try {
    await jsm.streams.info(JOBS_STREAM);
  } catch {
    await jsm.streams.add(config);
  }
}

export class InvalidJobError extends Error {
  override readonly name = 'InvalidJobError';
}

/**
 * Queues a job for exactly-once processing: validated against the contract, published with
 * `msgID = jobId` so a retried publish is de-duplicated. Resolves once JetStream has stored it.
 */
export async function publishJob(nc: NatsConnection, job: Job): Promise<{ duplicate: boolean }> {
  const bytes = encode(Job, job);
  if (!bytes.ok) throw new InvalidJobError(`job ${job.kind} is invalid: ${bytes.error.message}`);
  const ack = await jetstream(nc).publish(jobSubject(job), bytes.value, { msgID: job.jobId });
  return { duplicate: ack.duplicate };
}
