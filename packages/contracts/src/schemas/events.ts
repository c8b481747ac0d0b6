/**
 * Domain events, published on `tk.v1.event.<guildId>.<type>` after a write commits. Consumers: the
 * activity-log poster, dashboard refresh, cache invalidation. Each carries what those consumers need
 * so none has to read storage back. `eventId` is unique per write and makes replays idempotent.
 */
import { z } from 'zod';
import { TIMEKEEPER_LIMITS } from '../limits';
import { subjects } from '../subjects';
import { CategoryKey, DurationMs, EpochMs, OpaqueId, Snowflake } from './common';

const base = {
  v: z.literal(1),
  eventId: OpaqueId,
  guildId: Snowflake,
  /** When the write committed. */
  at: EpochMs,
  /** Who caused it; null when Timekeeper itself did (auto clock-out, migrations). */
  actorId: Snowflake.nullable(),
};

const Reason = z.string().min(1).max(512).nullable();

/** A finished session as consumers see it. */
const closedSession = {
  userId: Snowflake,
  sessionId: OpaqueId,
  categoryKey: CategoryKey,
  startedAt: EpochMs,
  endedAt: EpochMs,
  /** Time credited: `endedAt - startedAt`, or less when capped at the maximum session length. */
  durationMs: DurationMs,
  /** True when the session ran past the maximum and was credited only up to it. */
  capped: z.boolean(),
};

export const ClockInEvent = z.object({
  ...base,
  type: z.literal('clock.in'),
  userId: Snowflake,
  sessionId: OpaqueId,
  categoryKey: CategoryKey,
  startedAt: EpochMs,
  description: z.string().max(TIMEKEEPER_LIMITS.sessionDescription).nullable(),
});

export const ClockOutEvent = z.object({
  ...base,
  type: z.literal('clock.out'),
  ...closedSession,
  /** `user`: the member clocked out; `auto`: Timekeeper did at the maximum session length. */
  cause: z.enum(['user', 'auto']),
});

export const ClockForcedEvent = z.object({
  ...base,
  type: z.literal('clock.forced'),
  ...closedSession,
  /** The manager's reason, if given. */
  reason: Reason,
});

/** One session closed and the next opened in one step (switching category without clocking out). */
export const ClockSwitchedEvent = z.object({
  ...base,
  type: z.literal('clock.switched'),
  userId: Snowflake,
  from: z.object({
    sessionId: OpaqueId,
    categoryKey: CategoryKey,
    startedAt: EpochMs,
    endedAt: EpochMs,
    durationMs: DurationMs,
  }),
  to: z.object({ sessionId: OpaqueId, categoryKey: CategoryKey, startedAt: EpochMs }),
});

const sessionSnapshot = z.object({
  categoryKey: CategoryKey,
  startedAt: EpochMs,
  endedAt: EpochMs,
  durationMs: DurationMs,
});

export const SessionEditedEvent = z.object({
  ...base,
  type: z.literal('session.edited'),
  userId: Snowflake,
  sessionId: OpaqueId,
  before: sessionSnapshot,
  after: sessionSnapshot,
  reason: Reason,
});

export const SessionDeletedEvent = z.object({
  ...base,
  type: z.literal('session.deleted'),
  userId: Snowflake,
  sessionId: OpaqueId,
  categoryKey: CategoryKey,
  startedAt: EpochMs,
  endedAt: EpochMs,
  durationMs: DurationMs,
  reason: Reason,
});

/** A manager added a session the member forgot to clock. */
export const SessionAddedEvent = z.object({
  ...base,
  type: z.literal('session.added'),
  ...closedSession,
  reason: Reason,
});

/** A week or month approved and locked (or unlocked) for one member, or for everyone (`userId` null). */
export const PeriodLockEvent = z.object({
  ...base,
  type: z.enum(['period.locked', 'period.unlocked']),
  userId: Snowflake.nullable(),
  /** `w<first day>` or `m<YYYY-MM>` in the server's zone. */
  periodId: z.string().regex(/^(w\d{4}-\d{2}-\d{2}|m\d{4}-\d{2})$/),
  reason: Reason,
});

/** A member suspended (may not clock in) or the suspension lifted, by a manager, with the reason. */
export const MemberSuspensionEvent = z.object({
  ...base,
  type: z.enum(['member.suspended', 'member.unsuspended']),
  userId: Snowflake,
  /** When the suspension ends by itself; null: until lifted. */
  until: EpochMs.nullable(),
  reason: Reason,
});

export const CATEGORY_CHANGES = ['added', 'edited', 'archived', 'restored'] as const;

export const CategoryChangedEvent = z.object({
  ...base,
  type: z.literal('category.changed'),
  change: z.enum(CATEGORY_CHANGES),
  categoryKey: CategoryKey,
  /** Set when an edit renamed the category: its key before. */
  previousKey: CategoryKey.nullable(),
});

/** Settings that `config.changed` can name. */
export const CONFIG_KEYS = [
  'timezone',
  'weekStart',
  'maxSessionHours',
  'reminderMinutes',
  'clockRoles',
  'requiredRoles',
  'managerRoles',
  'activityLogChannel',
  'reviewChannel',
  'workHours',
  'streakMinimum',
  'publicLeaderboards',
  'leaderboardOptOut',
  'payCurrency',
  'payRates',
  'targets',
  'targetReminder',
] as const;
export type ConfigKey = (typeof CONFIG_KEYS)[number];

export const ConfigChangedEvent = z.object({
  ...base,
  type: z.literal('config.changed'),
  keys: z.array(z.enum(CONFIG_KEYS)).min(1),
});

export const DomainEvent = z.discriminatedUnion('type', [
  ClockInEvent,
  ClockOutEvent,
  ClockForcedEvent,
  ClockSwitchedEvent,
  SessionEditedEvent,
  SessionDeletedEvent,
  SessionAddedEvent,
  PeriodLockEvent,
  MemberSuspensionEvent,
  CategoryChangedEvent,
  ConfigChangedEvent,
]);
export type DomainEvent = z.infer<typeof DomainEvent>;
export type DomainEventType = DomainEvent['type'];

export const DOMAIN_EVENT_TYPES = [
  'clock.in',
  'clock.out',
  'clock.forced',
  'clock.switched',
  'session.edited',
  'session.deleted',
  'session.added',
  'period.locked',
  'period.unlocked',
  'member.suspended',
  'member.unsuspended',
  'category.changed',
  'config.changed',
] as const satisfies readonly DomainEventType[];

export type ClockInEvent = z.infer<typeof ClockInEvent>;
export type ClockOutEvent = z.infer<typeof ClockOutEvent>;
export type ClockForcedEvent = z.infer<typeof ClockForcedEvent>;
export type ClockSwitchedEvent = z.infer<typeof ClockSwitchedEvent>;
export type SessionEditedEvent = z.infer<typeof SessionEditedEvent>;
export type SessionDeletedEvent = z.infer<typeof SessionDeletedEvent>;
export type SessionAddedEvent = z.infer<typeof SessionAddedEvent>;
export type PeriodLockEvent = z.infer<typeof PeriodLockEvent>;
export type MemberSuspensionEvent = z.infer<typeof MemberSuspensionEvent>;
export type CategoryChangedEvent = z.infer<typeof CategoryChangedEvent>;
export type ConfigChangedEvent = z.infer<typeof ConfigChangedEvent>;

/** The subject an event is published on. */
export function eventSubject(event: Pick<DomainEvent, 'guildId' | 'type'>): string {
  return subjects.event(event.guildId, event.type);
}
