/**
 * Every Redis key Timekeeper uses. All of a guild's keys carry the guild id as a hash tag
 * (`tk:{<guildId>}:…`), so they live in one Redis Cluster slot and one Lua script may touch them all.
 * Pure: no IO, so it is table-tested.
 */

/** A Discord snowflake: 1–20 decimal digits. */
const SNOWFLAKE = /^[0-9]{1,20}$/;
/** Ids we mint (session ids, event ids): no characters that mean something in a key. */
const TOKEN = /^[A-Za-z0-9._-]{1,100}$/;
/** Normalised category keys (see validation.ts); never "*" or "#", which mark totals and metadata. */
const CATEGORY_KEY = /^[a-z0-9_ -]{1,50}$/;
/** Leaderboard period ids (see time.ts). */
const PERIOD = /^(all|w\d{4}-\d{2}-\d{2}|m\d{4}-\d{2})$/;

export class InvalidKeyPartError extends Error {
  constructor(
    readonly part: string,
    readonly value: string,
  ) {
    super(`invalid ${part} for a storage key: ${JSON.stringify(value)}`);
    this.name = 'InvalidKeyPartError';
  }
}

function check(part: string, value: string, pattern: RegExp): string {
  if (!pattern.test(value)) throw new InvalidKeyPartError(part, value);
  return value;
}

export const isSnowflake = (value: string): boolean => SNOWFLAKE.test(value);
export const isToken = (value: string): boolean => TOKEN.test(value);

/** Field and member names used inside hashes and sorted sets. */
export const TOTAL_FIELD = '*';
export const CATEGORIES_REV_FIELD = '#rev';

/** The hash tag and prefix shared by every key of one guild. */
export function guildPrefix(guildId: string): string {
  return `tk:{${check('guild id', guildId, SNOWFLAKE)}}:`;
}

export type LeaderboardCategory = string | typeof TOTAL_FIELD;

export const keys = {
  /** hash: `data` (settings JSON), `rev` (write counter used as an optimistic guard) */
  settings: (guildId: string): string => `${guildPrefix(guildId)}settings`,
  /** hash: category key → category JSON, `#rev` → write counter */
  categories: (guildId: string): string => `${guildPrefix(guildId)}categories`,
  /** set of active (not archived) category keys */
  activeCategories: (guildId: string): string => `${guildPrefix(guildId)}categories:active`,
  /** hash: user id → active session JSON (one per user) */
  activeSessions: (guildId: string): string => `${guildPrefix(guildId)}active`,
  /** string: completed session JSON */
  session: (guildId: string, sessionId: string): string =>
    `${guildPrefix(guildId)}session:${check('session id', sessionId, TOKEN)}`,
  /** sorted set: session id scored by start (ms) — the guild's session index */
  guildSessions: (guildId: string): string => `${guildPrefix(guildId)}sessions`,
  /** sorted set: session id scored by start (ms) — one user's session index */
  userSessions: (guildId: string, userId: string): string =>
    `${guildPrefix(guildId)}user:${check('user id', userId, SNOWFLAKE)}:sessions`,
  /** hash: category key → ms, `*` → ms */
  guildTotals: (guildId: string): string => `${guildPrefix(guildId)}totals`,
  userTotals: (guildId: string, userId: string): string =>
    `${guildPrefix(guildId)}user:${check('user id', userId, SNOWFLAKE)}:totals`,
  /** hash: `YYYY-MM-DD` → ms, `YYYY-MM-DD|<category>` → ms (local days of the guild zone) */
  guildDaily: (guildId: string): string => `${guildPrefix(guildId)}daily`,
  userDaily: (guildId: string, userId: string): string =>
    `${guildPrefix(guildId)}user:${check('user id', userId, SNOWFLAKE)}:daily`,
  /** sorted set: user id → ms credited in the period, for one category or `*` (all categories) */
  leaderboard: (guildId: string, period: string, category: LeaderboardCategory): string =>
    `${guildPrefix(guildId)}lb:${check('period', period, PERIOD)}:${category === TOTAL_FIELD ? TOTAL_FIELD : check('category', category, CATEGORY_KEY)}`,
  /** hash: user id → instant (ms) the user's score in the matching leaderboard last changed (tie-break) */
  leaderboardReached: (guildId: string, period: string, category: LeaderboardCategory): string =>
    `${keys.leaderboard(guildId, period, category)}:reached`,
  /** stream: the guild's audit trail */
  audit: (guildId: string): string => `${guildPrefix(guildId)}audit`,
  /** string: the stored outcome of a processed event id (with a TTL) */
  processedEvent: (guildId: string, eventId: string): string =>
    `${guildPrefix(guildId)}evt:${check('event id', eventId, TOKEN)}`,
  /** hash: non-critical usage counters (event type → count), written through the batcher */
  stats: (guildId: string): string => `${guildPrefix(guildId)}stats`,
} as const;

/** Field of a daily-rollup hash: the day alone (all categories) or day plus category. */
export function dailyField(day: string, category?: string): string {
  return category === undefined ? day : `${day}|${category}`;
}

/**
 * The license's keys: process-wide (no guild), read and written by the license sidecar and the gateway,
 * each on its own.
 */
export const LICENSE_KEY_PREFIX = 'tk:license:';
export const licenseKeys = {
  /** string: JSON of the last valid license verdict (its `checkedAt` says when it was decided) */
  lastGoodVerdict: `${LICENSE_KEY_PREFIX}last-good-verdict`,
  /** string: the latest instant (ms) this installation has seen; it only moves forward */
  latestTimeSeen: `${LICENSE_KEY_PREFIX}latest-time-seen`,
} as const;
