import type { NatsConnection } from '@nats-io/transport-node';
import { DomainEvent, encode, eventSubject } from '@timekeeper/contracts';
import type { Logger } from 'pino';
import { Counter, type Registry } from 'prom-client';

/** What publishing a domain event needs: the connection, and where a problem is logged and counted. */
export interface EventPublisherDeps {
  readonly nc: NatsConnection;
  readonly logger: Logger;
  readonly registry: Registry;
}

/** `published`; `invalid`: the event broke its contract (a bug, never sent); `failed`: NATS refused it. */
export type EventPublishOutcome = 'published' | 'invalid' | 'failed';

export const EVENTS_PUBLISHED_METRIC = 'timekeeper_events_published_total';

function eventsCounter(registry: Registry): Counter<'type' | 'outcome'> {
  const existing = registry.getSingleMetric(EVENTS_PUBLISHED_METRIC);
  if (existing) return existing as Counter<'type' | 'outcome'>;
  return new Counter({
    name: EVENTS_PUBLISHED_METRIC,
    help: 'Domain events published after committed writes, by type and outcome (published, invalid, failed)',
    labelNames: ['type', 'outcome'],
    registers: [registry],
  });
}

/**
 * The one way to publish a domain event, after a committed write. The event is validated against its
 * contract schema first (the builders only make valid events, and the commands check every user text
 * against the same limits, so `invalid` means a bug). A plain publish is enough: JetStream (`TK_EVENTS`)
 * captures the subject. Never throws — the write the event reports is already committed — so a
 * problem is logged and counted in `timekeeper_events_published_total{type,outcome}`.
 */
export function publishEvent(deps: EventPublisherDeps, event: DomainEvent): EventPublishOutcome {
  const counter = eventsCounter(deps.registry);
  const bytes = encode(DomainEvent, event);
  if (!bytes.ok) {
    deps.logger.error(
      { type: event.type, eventId: event.eventId, problem: bytes.error.message },
      'domain event failed validation',
    );
    counter.inc({ type: event.type, outcome: 'invalid' });
    return 'invalid';
  }
  try {
    deps.nc.publish(eventSubject(event), bytes.value);
  } catch (error) {
    deps.logger.error({ err: error, type: event.type, eventId: event.eventId }, 'could not publish event');
    counter.inc({ type: event.type, outcome: 'failed' });
    return 'failed';
  }
  counter.inc({ type: event.type, outcome: 'published' });
  return 'published';
}
