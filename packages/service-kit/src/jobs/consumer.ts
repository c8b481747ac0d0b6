import { AckPolicy, jetstream, jetstreamManager, type ConsumerMessages } from '@nats-io/jetstream';
import { nanos, type NatsConnection } from '@nats-io/transport-node';
import { Job, decode, jobSubject, type JobKind, type JobOf } from '@timekeeper/contracts';
import type { Logger } from 'pino';
import { Counter, type Registry } from 'prom-client';
import { JOBS_STREAM } from './stream';

/** What a job handler decides: done, or try again later (e.g. Discord rate-limited us). */
export type JobOutcome = { readonly status: 'done' } | { readonly status: 'retry'; readonly afterMs: number };

export interface JobConsumerOptions<K extends JobKind> {
  readonly kind: K;
  /**
   * `working()` tells JetStream the job is still being worked on (resets its ack wait), so a long job
   * can use a short `ackWaitMs` and still be redelivered soon after its process dies.
   */
  readonly handler: (job: JobOf<K>, attempt: number, working: () => void) => Promise<JobOutcome>;
  /** Attempts before a job is given up (logged as an error and counted). Default 8. */
  readonly maxAttempts?: number;
  /** Delay before retrying a job whose handler threw: base × 2^(attempt-1), capped at 5 min. Default 1 s. */
  readonly retryBaseMs?: number;
  /** How long a job may run before JetStream redelivers it. Default 60 s. */
  readonly ackWaitMs?: number;
}

export interface JobConsumerDeps {
  readonly nc: NatsConnection;
  readonly logger: Logger;
  readonly registry: Registry;
  /** Durable name prefix, normally the service name; one durable consumer per kind. */
  readonly durablePrefix: string;
}

const MAX_RETRY_DELAY_MS = 5 * 60_000;

export function retryDelayMs(attempt: number, baseMs: number): number {
  return Math.min(MAX_RETRY_DELAY_MS, baseMs * 2 ** Math.max(0, attempt - 1));
}

function jobsCounter(registry: Registry): Counter<'kind' | 'outcome'> {
  const existing = registry.getSingleMetric('timekeeper_jobs_total');
  if (existing) return existing as Counter<'kind' | 'outcome'>;
  return new Counter({
    name: 'timekeeper_jobs_total',
    help: 'Jobs processed, by kind and outcome (done, retry, failed, invalid)',
    labelNames: ['kind', 'outcome'],
    registers: [registry],
  });
}

/**
 * Processes one job kind from the work-queue stream with a durable pull consumer: explicit acks,
 * bounded retries with back-off, and a clean stop. Several replicas share the same durable consumer.
 */
export async function consumeJobs<K extends JobKind>(
  deps: JobConsumerDeps,
  options: JobConsumerOptions<K>,
): Promise<{ stop: () => Promise<void> }> {
  const maxAttempts = options.maxAttempts ?? 8;
  const retryBaseMs = options.retryBaseMs ?? 1_000;
  const durable = `${deps.durablePrefix}-${options.kind.replace(/\./g, '-')}`;
  const jsm = await jetstreamManager(deps.nc);
  await jsm.consumers.add(JOBS_STREAM, {
    durable_name: durable,
    ack_policy: AckPolicy.Explicit,
    filter_subject: jobSubject({ kind: options.kind }),
    max_deliver: -1,
    // Jobs waiting for their time (reminders, session checks) stay pending until then; allow many.
    max_ack_pending: 50_000,
    ack_wait: nanos(options.ackWaitMs ?? 60_000),
  });
  const consumer = await jetstream(deps.nc).consumers.get(JOBS_STREAM, durable);
  const messages: ConsumerMessages = await consumer.consume({ max_messages: 16 });
  const counter = jobsCounter(deps.registry);
  const logger = deps.logger.child({ jobKind: options.kind });

  const loop = (async () => {
    for await (const msg of messages) {
      const attempt = msg.info.deliveryCount;
      const decoded = decode(Job, msg.data);
      if (!decoded.ok || decoded.value.kind !== options.kind) {
        logger.error(
          { problem: decoded.ok ? 'wrong kind' : decoded.error.message },
          'dropping unreadable job',
        );
        counter.inc({ kind: options.kind, outcome: 'invalid' });
        msg.term('unreadable');
        continue;
      }
      const job = decoded.value as JobOf<K>;
      try {
        const outcome = await options.handler(job, attempt, () => msg.working());
        if (outcome.status === 'done') {
          msg.ack();
          counter.inc({ kind: options.kind, outcome: 'done' });
        } else {
          msg.nak(outcome.afterMs);
          counter.inc({ kind: options.kind, outcome: 'retry' });
        }
      } catch (error) {
        if (attempt >= maxAttempts) {
          logger.error({ err: error, jobId: job.jobId, attempt }, 'job failed for the last time; giving up');
          counter.inc({ kind: options.kind, outcome: 'failed' });
          msg.term('gave up');
        } else {
          const delay = retryDelayMs(attempt, retryBaseMs);
          logger.warn({ err: error, jobId: job.jobId, attempt, retryInMs: delay }, 'job failed; will retry');
          counter.inc({ kind: options.kind, outcome: 'retry' });
          msg.nak(delay);
        }
      }
    }
  })();

  return {
    stop: async () => {
      await messages.close();
      await loop;
    },
  };
}
