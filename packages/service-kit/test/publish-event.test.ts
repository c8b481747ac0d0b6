import { connect, type NatsConnection } from '@nats-io/transport-node';
import { DomainEvent, decode, type ClockInEvent } from '@timekeeper/contracts';
import { NatsServer } from '@timekeeper/testing';
import pino from 'pino';
import { Registry } from 'prom-client';
import { EVENTS_PUBLISHED_METRIC, publishEvent } from '../src';

const logger = pino({ level: 'silent' });

function clockIn(eventId: string, description: string | null): ClockInEvent {
  return {
    v: 1,
    type: 'clock.in',
    eventId,
    guildId: '400000000000000001',
    at: 1_700_000_000_000,
    actorId: '800000000000000001',
    userId: '800000000000000001',
    sessionId: `session-${eventId}`,
    categoryKey: 'work',
    startedAt: 1_700_000_000_000,
    description,
  };
}

describe('publishEvent', () => {
  let nats: NatsServer;
  let nc: NatsConnection;
  beforeAll(async () => {
    nats = await NatsServer.start();
    nc = await connect({ servers: nats.url });
  });
  afterAll(async () => {
    await nc.close();
    await nats.destroy();
  });

  it('sends a valid event on its subject, never an invalid one, and counts both', async () => {
    const received: DomainEvent[] = [];
    const sub = nc.subscribe('tk.v1.event.400000000000000001.>', {
      callback: (_error, msg) => {
        const event = decode(DomainEvent, msg.data);
        if (event.ok) received.push(event.value);
      },
    });
    const registry = new Registry();
    const deps = { nc, logger, registry };
    expect(publishEvent(deps, clockIn('e1', 'ticket queue'))).toBe('published');
    expect(publishEvent(deps, clockIn('e2', 'x'.repeat(500)))).toBe('invalid');
    await nc.flush();
    await new Promise((resolve) => setTimeout(resolve, 50));
    sub.unsubscribe();
    expect(received.map((event) => event.eventId)).toEqual(['e1']);
    const metric = await registry.getSingleMetricAsString(EVENTS_PUBLISHED_METRIC);
    expect(metric).toContain(`${EVENTS_PUBLISHED_METRIC}{type="clock.in",outcome="published"} 1`);
    expect(metric).toContain(`${EVENTS_PUBLISHED_METRIC}{type="clock.in",outcome="invalid"} 1`);
  });

  it('reports a closed connection as failed instead of throwing (the write is already committed)', async () => {
    const closed = await connect({ servers: nats.url });
    await closed.close();
    const registry = new Registry();
    expect(publishEvent({ nc: closed, logger, registry }, clockIn('e3', null))).toBe('failed');
  });
});
