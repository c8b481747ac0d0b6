/** Storage's domain types. Instants are UTC epoch milliseconds; durations are whole milliseconds. */
import type { Target } from '@timekeeper/contracts';

export const WEEKDAYS = [
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
  'sunday',
] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export const SETTINGS_SCHEMA_VERSION = 1;

export interface RoleSettings {
  /** Role given to everyone clocked in, whatever the category. */
  readonly guildRoleId: string | null;
  /** Category key → role given while clocked into that category. */
  readonly categoryRoleIds: Readonly<Record<string, string>>;
}

/** Roles needed to clock in: a member must hold one of each non-empty list that applies. */
export interface RequiredRoles {
  /** Any clock-in on the server. */
  readonly guildRoleIds: readonly string[];
  /** Category key → roles, one of which is needed to clock into that category. */
  readonly categoryRoleIds: Readonly<Record<string, readonly string[]>>;
}

export interface GuildSettings {
  readonly schemaVersion: number;
  /** IANA zone used for days, weeks and months. */
  readonly timeZone: string;
  readonly weekStart: Weekday;
  /** Longer sessions are capped at this length on clock-out and flagged for review. */
  readonly maxSessionMs: number;
  /** How often a clocked-in member is reminded; null = never. */
  readonly reminderIntervalMs: number | null;
  readonly roles: RoleSettings;
  /** Roles a member needs to clock in (server-wide and per category); empty: anyone may. */
  readonly requiredRoles: RequiredRoles;
  readonly activityLogChannelId: string | null;
  /** Where members' timesheet requests are posted for managers; null = not set up. */
  readonly reviewChannelId: string | null;
  readonly managerRoleIds: readonly string[];
  /** The server's working hours, minutes after local midnight [start, end) (insights' time patterns). */
  readonly workHours: { readonly start: number; readonly end: number };
  /** A local day counts towards a streak when at least this much was tracked on it (not breaks). */
  readonly streakMinimumMs: number;
  /** false: the server opts out of public boards (answers are private, other members anonymous). */
  readonly publicLeaderboards: boolean;
  /** true: a member may hide themselves from others on the public boards (`/leaderboard visibility`). */
  readonly leaderboardOptOut: boolean;
  /** ISO 4217 code pay is shown in (`EUR`); null = pay not set up. */
  readonly payCurrency: string | null;
  /**
   * Hourly rates in minor units of `payCurrency`, by scope: `member:<user id>`, `category:<key>`,
   * `role:<role id>` (precedence in contracts' `resolveRate`). A patch merges: it names only the
   * rates it sets, and `null` removes one.
   */
  readonly payRates: Readonly<Record<string, number>>;
  /** Role id → a weekly or monthly target in minutes. A patch merges like `payRates`. */
  readonly targets: Readonly<Record<string, Target>>;
  /** Members below a target are reminded this many hours before the local week/month ends; null = never. */
  readonly targetReminderHours: number | null;
  /**
   * Set by storage, never by a patch: bumped whenever `timeZone` or `weekStart` changes. The
   * zone-dependent aggregates (daily rollups, day/week/month/year boards) are keyed by it, so data
   * credited under an old zone is never mixed with the new one; repo/periods.ts rebuilds them.
   */
  readonly periodGeneration: number;
}

export const DEFAULT_SETTINGS: GuildSettings = {
  schemaVersion: SETTINGS_SCHEMA_VERSION,
  timeZone: 'UTC',
  weekStart: 'monday',
  maxSessionMs: 12 * 3_600_000,
  reminderIntervalMs: null,
  roles: { guildRoleId: null, categoryRoleIds: {} },
  requiredRoles: { guildRoleIds: [], categoryRoleIds: {} },
  activityLogChannelId: null,
  reviewChannelId: null,
  managerRoleIds: [],
  workHours: { start: 9 * 60, end: 17 * 60 },
  streakMinimumMs: 3_600_000,
  publicLeaderboards: true,
  leaderboardOptOut: true,
  payCurrency: null,
  payRates: {},
  targets: {},
  targetReminderHours: null,
  periodGeneration: 0,
};

export type SettingsPatch = Partial<
  Omit<GuildSettings, 'schemaVersion' | 'periodGeneration' | 'payRates' | 'targets'>
> & {
  /** Merged into the stored rates; `null` removes a rate. */
  readonly payRates?: Readonly<Record<string, number | null>>;
  /** Merged into the stored targets; `null` removes a role's target. */
  readonly targets?: Readonly<Record<string, Target | null>>;
};

export interface Category {
  /** Normalised name: lower-case, trimmed, inner whitespace collapsed. Never changes. */
  readonly key: string;
  readonly displayName: string;
  readonly description: string;
  /** `#rrggbb` */
  readonly color: string;
  /** 0–5, default 1 */
  readonly productivityWeight: number;
  readonly archived: boolean;
  readonly createdAt: number;
  readonly createdBy: string;
  readonly updatedAt: number;
}

export interface CategoryInput {
  readonly name: string;
  readonly description?: string;
  readonly color?: string;
  readonly productivityWeight?: number;
}

export interface CategoryPatch {
  /** Only a change of spelling: it must normalise to the same key. */
  readonly displayName?: string;
  readonly description?: string;
  readonly color?: string;
  readonly productivityWeight?: number;
}

export const SESSION_SOURCES = ['command', 'button', 'select', 'api', 'auto', 'admin'] as const;
export type SessionSource = (typeof SESSION_SOURCES)[number];

export interface SessionFlags {
  readonly forced: boolean;
  readonly autoClosed: boolean;
  readonly edited: boolean;
  readonly needsReview: boolean;
}

export interface ActiveSession {
  readonly id: string;
  readonly guildId: string;
  readonly userId: string;
  readonly category: string;
  readonly start: number;
  readonly source: SessionSource;
  readonly description?: string;
  /** The member's last confirmed activity ("Still working"); the allowance restarts here (repo/allowance.ts). */
  readonly lastActiveAt?: number;
}

/** One local day's share of a session: [day, weekId, monthId, ms]. */
export type StoredPiece = readonly [day: string, week: string, month: string, ms: number];

export interface CompletedSession {
  readonly id: string;
  readonly guildId: string;
  readonly userId: string;
  readonly category: string;
  readonly start: number;
  readonly end: number;
  readonly durationMs: number;
  readonly source: SessionSource;
  readonly flags: SessionFlags;
  readonly description?: string;
  /** Who closed it when it was not the member (force clock-out). */
  readonly closedBy?: string;
  readonly reason?: string;
  /**
   * The exact credits this session made, per local day. Edits and deletes subtract these, so the
   * aggregates move by the exact difference even if the guild's time zone changed since.
   */
  readonly pieces: readonly StoredPiece[];
  /** Bumped on every edit; an optimistic guard. */
  readonly rev: number;
  /** The settings' period generation `pieces` were split under (absent: 0). */
  readonly periodGeneration?: number;
}

/** Who asked for a write and why (stored in the audit stream). */
export interface WriteContext {
  /** Caller-supplied id; a replay of the same id returns the original outcome and changes nothing. */
  readonly eventId: string;
  readonly now: number;
  /** User id of whoever caused the change. */
  readonly actor: string;
  readonly reason?: string;
}

export type DomainEventType =
  | 'clock.in'
  | 'clock.out'
  | 'clock.forced'
  | 'clock.switched'
  | 'session.edited'
  | 'session.deleted'
  | 'session.added'
  | 'period.locked'
  | 'period.unlocked'
  | 'member.suspended'
  | 'member.unsuspended'
  | 'category.changed'
  | 'config.changed';

/** What a committed write produced; the caller publishes it on `subjects.event(guildId, type)`. */
export interface DomainEvent {
  readonly type: DomainEventType;
  readonly eventId: string;
  readonly guildId: string;
  readonly at: number;
  readonly actor: string;
  readonly userId?: string;
  readonly sessionId?: string;
  readonly previousSessionId?: string;
  readonly category?: string;
  readonly start?: number;
  readonly end?: number;
  readonly durationMs?: number;
  /** For edits and deletes: the change of the credited duration (new − old). */
  readonly deltaMs?: number;
  readonly reason?: string;
  /** For locks: the week (`w…`) or month (`m…`) locked or unlocked. */
  readonly periodId?: string;
  /** For suspensions: when it ends by itself (null: until lifted). */
  readonly until?: number | null;
}
