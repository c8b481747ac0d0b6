/**
 * Storage outcomes → the domain events of the contracts package, which services publish on
 * `tk.v1.event.<guildId>.<type>` after a committed write. One place maps them, so every publisher sends
 * the same shape and consumers (activity log, dashboards) never read storage back.
 */
import type {
  CategoryChangedEvent,
  ClockForcedEvent,
  ClockInEvent,
  ClockOutEvent,
  ClockSwitchedEvent,
  ConfigChangedEvent,
  ConfigKey,
  MemberSuspensionEvent,
  PeriodLockEvent,
  SessionAddedEvent,
  SessionDeletedEvent,
  SessionEditedEvent,
} from '@timekeeper/contracts';
import type { PeriodLock } from './model/outcomes';
import type { Suspension } from './repo/timesheet/suspensions';
import type { ActiveSession, Category, CompletedSession, DomainEvent, SettingsPatch } from './model/types';

type Base = Pick<ClockInEvent, 'v' | 'eventId' | 'guildId' | 'at' | 'actorId'>;

/** Actors that are not Discord users (automatic clock-outs) become `null`. */
function base(event: DomainEvent): Base {
  return {
    v: 1,
    eventId: event.eventId,
    guildId: event.guildId,
    at: event.at,
    actorId: /^\d{15,20}$/.test(event.actor) ? event.actor : null,
  };
}

/** A reason as events carry it: a blank one (an empty option) is no reason, never an empty string. */
function reasonOf(reason: string | undefined): string | null {
  return reason?.trim() ? reason : null;
}

function closed(session: CompletedSession) {
  return {
    userId: session.userId,
    sessionId: session.id,
    categoryKey: session.category,
    startedAt: session.start,
    endedAt: session.end,
    durationMs: session.durationMs,
  };
}

export const contractEvents = {
  clockIn(outcome: { event: DomainEvent; session: ActiveSession }): ClockInEvent {
    const { session } = outcome;
    return {
      ...base(outcome.event),
      type: 'clock.in',
      userId: session.userId,
      sessionId: session.id,
      categoryKey: session.category,
      startedAt: session.start,
      description: session.description ?? null,
    };
  },

  clockOut(
    outcome: { event: DomainEvent; session: CompletedSession; capped: boolean },
    cause: 'user' | 'auto',
  ): ClockOutEvent {
    return {
      ...base(outcome.event),
      type: 'clock.out',
      ...closed(outcome.session),
      capped: outcome.capped,
      cause,
    };
  },

  forced(outcome: { event: DomainEvent; session: CompletedSession; capped: boolean }): ClockForcedEvent {
    return {
      ...base(outcome.event),
      type: 'clock.forced',
      ...closed(outcome.session),
      capped: outcome.capped,
      reason: reasonOf(outcome.session.reason ?? outcome.event.reason),
    };
  },

  switched(outcome: {
    event: DomainEvent;
    closed: CompletedSession;
    opened: ActiveSession;
  }): ClockSwitchedEvent {
    const { sessionId, categoryKey, startedAt, endedAt, durationMs } = closed(outcome.closed);
    return {
      ...base(outcome.event),
      type: 'clock.switched',
      userId: outcome.opened.userId,
      from: { sessionId, categoryKey, startedAt, endedAt, durationMs },
      to: {
        sessionId: outcome.opened.id,
        categoryKey: outcome.opened.category,
        startedAt: outcome.opened.start,
      },
    };
  },

  edited(outcome: {
    event: DomainEvent;
    before: CompletedSession;
    after: CompletedSession;
  }): SessionEditedEvent {
    const snapshot = (s: CompletedSession) => ({
      categoryKey: s.category,
      startedAt: s.start,
      endedAt: s.end,
      durationMs: s.durationMs,
    });
    return {
      ...base(outcome.event),
      type: 'session.edited',
      userId: outcome.after.userId,
      sessionId: outcome.after.id,
      before: snapshot(outcome.before),
      after: snapshot(outcome.after),
      reason: reasonOf(outcome.event.reason),
    };
  },

  deleted(outcome: { event: DomainEvent; deleted: CompletedSession }): SessionDeletedEvent {
    const { userId, sessionId, categoryKey, startedAt, endedAt, durationMs } = closed(outcome.deleted);
    return {
      ...base(outcome.event),
      type: 'session.deleted',
      userId,
      sessionId,
      categoryKey,
      startedAt,
      endedAt,
      durationMs,
      reason: reasonOf(outcome.event.reason),
    };
  },

  added(outcome: { event: DomainEvent; session: CompletedSession }): SessionAddedEvent {
    return {
      ...base(outcome.event),
      type: 'session.added',
      ...closed(outcome.session),
      capped: false,
      reason: outcome.event.reason ?? null,
    };
  },

  lock(outcome: { event: DomainEvent; lock: PeriodLock }): PeriodLockEvent {
    return {
      ...base(outcome.event),
      type: outcome.event.type === 'period.unlocked' ? 'period.unlocked' : 'period.locked',
      userId: outcome.lock.scope === '*' ? null : outcome.lock.scope,
      periodId: outcome.lock.periodId,
      reason: outcome.event.reason ?? null,
    };
  },

  suspension(outcome: { event: DomainEvent; suspension: Suspension }): MemberSuspensionEvent {
    return {
      ...base(outcome.event),
      type: outcome.event.type === 'member.unsuspended' ? 'member.unsuspended' : 'member.suspended',
      userId: outcome.suspension.userId,
      until: outcome.event.type === 'member.unsuspended' ? null : outcome.suspension.until,
      reason: reasonOf(outcome.event.reason),
    };
  },

  category(
    outcome: { event: DomainEvent; category: Category },
    change: CategoryChangedEvent['change'],
  ): CategoryChangedEvent {
    return {
      ...base(outcome.event),
      type: 'category.changed',
      change,
      categoryKey: outcome.category.key,
      previousKey: null,
    };
  },

  config(outcome: { event: DomainEvent }, patch: SettingsPatch): ConfigChangedEvent {
    return { ...base(outcome.event), type: 'config.changed', keys: configKeys(patch) };
  },
};

const PATCH_KEYS: Readonly<Record<keyof SettingsPatch, ConfigKey>> = {
  timeZone: 'timezone',
  weekStart: 'weekStart',
  maxSessionMs: 'maxSessionHours',
  reminderIntervalMs: 'reminderMinutes',
  roles: 'clockRoles',
  requiredRoles: 'requiredRoles',
  managerRoleIds: 'managerRoles',
  activityLogChannelId: 'activityLogChannel',
  reviewChannelId: 'reviewChannel',
  workHours: 'workHours',
  streakMinimumMs: 'streakMinimum',
  publicLeaderboards: 'publicLeaderboards',
  leaderboardOptOut: 'leaderboardOptOut',
  payCurrency: 'payCurrency',
  payRates: 'payRates',
  targets: 'targets',
  targetReminderHours: 'targetReminder',
};

/** The config keys a settings patch touches (at least one; an empty patch reports the time zone). */
export function configKeys(patch: SettingsPatch): [ConfigKey, ...ConfigKey[]] {
  const keys = (Object.keys(patch) as (keyof SettingsPatch)[])
    .filter((key) => patch[key] !== undefined)
    .map((key) => PATCH_KEYS[key]);
  const [first, ...rest] = [...new Set(keys)];
  return first === undefined ? ['timezone'] : [first, ...rest];
}
