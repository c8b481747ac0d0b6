import type { NatsConnection } from '@nats-io/transport-node';
import { DomainEvent, encode, eventSubject } from '@timekeeper/contracts';
import type { Logger } from 'pino';

/**
 * Publishes a domain event after a committed write. JetStream (`TK_EVENTS`) captures the subject, so
 * a plain publish is enough; an event that fails its schema is a bug and is logged, never sent.
 */
export function publishEvent(nc: NatsConnection, logger: Logger, event: DomainEvent): void {
  const bytes = encode(DomainEvent, event);
  if (!bytes.ok) {
    logger.error({ type: event.type, problem: bytes.error.message }, 'domain event failed validation');
    return;
  }
  nc.publish(eventSubject(event), bytes.value);
}
