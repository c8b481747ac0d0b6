import { AckPolicy, DeliverPolicy, RetentionPolicy, StorageType, jetstreamManager } from '@nats-io/jetstream';
import { nanos, type NatsConnection } from '@nats-io/transport-node';
import { subjects } from '@timekeeper/contracts';

/**
 * `TK_EVENTS` keeps every domain event (`tk.v1.event.>`) for a day, so a consumer that was down
 * catches up. Publishers use a plain `nc.publish`: the stream captures the subject.
 */
export const EVENTS_STREAM = 'TK_EVENTS';
export const EVENTS_MAX_AGE_MS = 24 * 60 * 60_000;
/** The admin service's durable consumer: every replica pulls from it, each event goes to one. */
export const ACTIVITY_LOG_DURABLE = 'admin-activity-log';
/** How long a post may take before JetStream hands the event to another replica. */
export const ACTIVITY_LOG_ACK_WAIT_MS = 90_000;
/** Events handed out but not yet acknowledged, over all replicas. */
export const ACTIVITY_LOG_MAX_ACK_PENDING = 1_000;

/** Creates the stream if missing; safe to call from every replica at start. */
export async function ensureEventStream(nc: NatsConnection): Promise<void> {
  const jsm = await jetstreamManager(nc);
  try {
    await jsm.streams.info(EVENTS_STREAM);
  } catch {
    try {
      await jsm.streams.add({
        name: EVENTS_STREAM,
        subjects: [subjects.allEvents],
        retention: RetentionPolicy.Limits,
        storage: StorageType.File,
        max_age: nanos(EVENTS_MAX_AGE_MS),
      });
    } catch (error) {
      // Another replica created it between our two calls.
      await jsm.streams.info(EVENTS_STREAM).catch(() => {
        throw error;
      });
    }
  }
}

/** Creates (or keeps) the activity log's durable consumer. A new one starts with what the stream holds. */
export async function ensureActivityConsumer(nc: NatsConnection): Promise<void> {
  const jsm = await jetstreamManager(nc);
  try {
    await jsm.consumers.info(EVENTS_STREAM, ACTIVITY_LOG_DURABLE);
  } catch {
    await jsm.consumers.add(EVENTS_STREAM, {
      durable_name: ACTIVITY_LOG_DURABLE,
      ack_policy: AckPolicy.Explicit,
      deliver_policy: DeliverPolicy.All,
      filter_subject: subjects.allEvents,
      ack_wait: nanos(ACTIVITY_LOG_ACK_WAIT_MS),
      max_ack_pending: ACTIVITY_LOG_MAX_ACK_PENDING,
      max_deliver: -1,
    });
  }
}
