/** Domain events as timecard would publish them, for driving the activity-log poster. */
import { randomUUID } from 'node:crypto';
import type { NatsConnection } from '@nats-io/transport-node';
import {
  DomainEvent,
  encode,
  eventSubject,
  type ClockForcedEvent,
  type ClockInEvent,
  type ClockOutEvent,
} from '@timekeeper/contracts';

const HOUR = 3_600_000;

export function clockIn(guildId: string, userId: string, at = Date.now()): ClockInEvent {
  return {
    v: 1,
    type: 'clock.in',
    eventId: randomUUID(),
    guildId,
    at,
    actorId: userId,
    userId,
    sessionId: randomUUID(),
    categoryKey: 'work',
    startedAt: at,
    description: null,
  };
}

export function clockOut(guildId: string, userId: string, durationMs = 2 * HOUR + 5 * 60_000): ClockOutEvent {
  const end = Date.now();
  return {
    v: 1,
    type: 'clock.out',
    eventId: randomUUID(),
    guildId,
    at: end,
    actorId: userId,
    userId,
    sessionId: randomUUID(),
    categoryKey: 'work',
    startedAt: end - durationMs,
    endedAt: end,
    durationMs,
    capped: false,
    cause: 'user',
  };
}

export function clockForced(
  guildId: string,
  userId: string,
  actorId: string,
  reason: string,
): ClockForcedEvent {
  return {
    ...clockOut(guildId, userId),
    type: 'clock.forced',
    actorId,
    reason,
  } as unknown as ClockForcedEvent;
}

export function publish(nc: NatsConnection, event: DomainEvent): void {
  const bytes = encode(DomainEvent, event);
  if (!bytes.ok) throw new Error(bytes.error.message);
  nc.publish(eventSubject(event), bytes.value);
}
