/**
 * Every Redis key Timekeeper uses, and nothing else builds one. All of a guild's keys carry the guild id
 * as a hash tag (`tk:{<guildId>}:…`), so they live in one Redis Cluster slot and one Lua script may touch
 * them all; the gateway's keys are process-wide (`tk:gateway:…`). Pure: no IO. `test/keys.test.ts`
 * checks every builder against the key table in the storage README: add a key here and there together.
 */

/** A Discord snowflake in canonical form: decimal digits without leading zeros, at most 2^64 − 1. */
const SNOWFLAKE = /^(0|[1-9][0-9]{0,19})$/;
const MAX_SNOWFLAKE = 2n ** 64n - 1n;
/** Ids we mint (session ids, event ids): no characters that mean something in a key. */
const TOKEN = /^[A-Za-z0-9._-]{1,100}$/;
/** Normalised category keys (see validation.ts); never "*" or "#", which mark totals and metadata. */
const CATEGORY_KEY = /^[a-z0-9_ -]{1,50}$/;
/**
 * Leaderboard period ids (see time.ts): all time, or a local day, week, month or year, tagged with the
 * settings' period generation when it is not 0 (`3.w2024-03-04`).
 */
const PERIOD = /^(all|(\d{1,9}\.)?(d\d{4}-\d{2}-\d{2}|w\d{4}-\d{2}-\d{2}|m\d{4}-\d{2}|y\d{4}))$/;
/** Names callers choose for a quiet window (notices) or a rate-limit family. */
const NAME = /^[A-Za-z0-9._:-]{1,100}$/;

/** A key part that would change the key's meaning (a brace, a colon, an empty id…): a programming error. */
export class InvalidKeyPartError extends RangeError {
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

function checkSnowflake(part: string, value: string): string {
  if (!isSnowflake(value)) throw new InvalidKeyPartError(part, value);
  return value;
}

function checkIndex(part: string, value: number): number {
  if (!Number.isSafeInteger(value) || value < 0) throw new InvalidKeyPartError(part, String(value));
  return value;
}

export const isSnowflake = (value: unknown): value is string =>
  typeof value === 'string' && SNOWFLAKE.test(value) && BigInt(value) <= MAX_SNOWFLAKE;
export const isToken = (value: unknown): value is string => typeof value === 'string' && TOKEN.test(value);

/** Field and member names used inside hashes and sorted sets. */
export const TOTAL_FIELD = '*';
export const CATEGORIES_REV_FIELD = '#rev';

/** The hash tag and prefix shared by every key of one guild. */
export function guildPrefix(guildId: string): string {
  return `tk:{${checkSnowflake('guild id', guildId)}}:`;
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
    `${guildPrefix(guildId)}user:${checkSnowflake('user id', userId)}:sessions`,
  /** hash: user id → end (ms) of the member's latest completed session; a clock-in never starts before it */
  lastEnds: (guildId: string): string => `${guildPrefix(guildId)}ends`,
  /** hash: category key → ms, `*` → ms */
  guildTotals: (guildId: string): string => `${guildPrefix(guildId)}totals`,
  userTotals: (guildId: string, userId: string): string =>
    `${guildPrefix(guildId)}user:${checkSnowflake('user id', userId)}:totals`,
  /**
   * hash: `YYYY-MM-DD` → ms, `YYYY-MM-DD|<category>` → ms (local days of the guild zone); from period
   * generation 1 on, the fields carry the generation: `<gen>.YYYY-MM-DD|<category>` (see dailyField)
   */
  guildDaily: (guildId: string): string => `${guildPrefix(guildId)}daily`,
  userDaily: (guildId: string, userId: string): string =>
    `${guildPrefix(guildId)}user:${checkSnowflake('user id', userId)}:daily`,
  /** sorted set: user id → ms credited in the period, for one category or `*` (all categories) */
  leaderboard: (guildId: string, period: string, category: LeaderboardCategory): string =>
    `${guildPrefix(guildId)}lb:${check('period', period, PERIOD)}:${category === TOTAL_FIELD ? TOTAL_FIELD : check('category', category, CATEGORY_KEY)}`,
  /** hash: user id → instant (ms) the user's score in the matching leaderboard last changed (tie-break) */
  leaderboardReached: (guildId: string, period: string, category: LeaderboardCategory): string =>
    `${keys.leaderboard(guildId, period, category)}:reached`,
  /** hash: user id → counter bumped by every write that changes one of the member's sessions */
  memberRevs: (guildId: string): string => `${guildPrefix(guildId)}member-revs`,
  /** sorted set: ids of sessions longer than the period lookback (7 days), scored by start */
  longSessions: (guildId: string): string => `${guildPrefix(guildId)}sessions:long`,
  /** hash: the rebuild of the zone-dependent aggregates: `gen` (built), `target`, `cursor`, `members` */
  periodRebuild: (guildId: string): string => `${guildPrefix(guildId)}periods`,
  /** sorted set (seconds-long, deleted after use): a custom range's board, summed from period boards */
  rangeBoard: (guildId: string, token: string): string =>
    `${guildPrefix(guildId)}lb-range:${check('token', token, TOKEN)}`,
  /** stream: the guild's audit trail */
  audit: (guildId: string): string => `${guildPrefix(guildId)}audit`,
  /** stream: the audit entries that concern one member (the same entries as the guild's stream) */
  userAudit: (guildId: string, userId: string): string =>
    `${guildPrefix(guildId)}user:${check('user id', userId, SNOWFLAKE)}:audit`,
  /** hash: `<user id or *>|<week or month period id>` → lock JSON (an approved, locked period) */
  periodLocks: (guildId: string): string => `${guildPrefix(guildId)}locks`,
  /** hash: user id → suspension JSON (a member who may not clock in: who, when, why, until) */
  suspensions: (guildId: string): string => `${guildPrefix(guildId)}suspended`,
  /** sorted set: session id scored by start — completed sessions flagged for review */
  reviewQueue: (guildId: string): string => `${guildPrefix(guildId)}review`,
  /** string: a correction previewed but not yet confirmed (JSON, with a TTL) */
  correctionDraft: (guildId: string, draftId: string): string =>
    `${guildPrefix(guildId)}draft:${check('draft id', draftId, TOKEN)}`,
  /** string: the stored outcome of a processed event id (with a TTL) */
  processedEvent: (guildId: string, eventId: string): string =>
    `${guildPrefix(guildId)}evt:${check('event id', eventId, TOKEN)}`,
  /** hash: non-critical usage counters (event type → count), written through the batcher */
  stats: (guildId: string): string => `${guildPrefix(guildId)}stats`,
  /** hash: channel id → shared dashboard record JSON (one dashboard per channel) */
  dashboards: (guildId: string): string => `${guildPrefix(guildId)}dashboards`,
  /** list: integration notice JSON for admins, newest first, capped */
  notices: (guildId: string): string => `${guildPrefix(guildId)}notices`,
  /** string with a TTL: a notice with this quiet key was announced recently */
  noticeQuiet: (guildId: string, quietKey: string): string =>
    `${guildPrefix(guildId)}notices:quiet:${check('quiet key', quietKey, NAME)}`,
  /** hash: user id → instant (ms) the member muted the "still clocked in" reminders */
  remindersMuted: (guildId: string): string => `${guildPrefix(guildId)}prefs:reminders-muted`,
  /** hash: user id → instant the member hid themselves from others on the public boards */
  leaderboardHidden: (guildId: string): string => `${guildPrefix(guildId)}prefs:leaderboard-hidden`,
  /** set with a TTL: user ids already reminded of their target in one week or month */
  targetReminded: (guildId: string, periodId: string): string =>
    `${guildPrefix(guildId)}targets:reminded:${check('period id', periodId, NAME)}`,
} as const;

/** The prefix of the gateway's keys. They are process-wide (no guild hash tag), each used on its own. */
export const GATEWAY_KEY_PREFIX = 'tk:gateway:';

export const gatewayKeys = {
  /** string: JSON session (id, sequence, resume URL, shard count) of one shard, for RESUME after a restart */
  session: (shardId: number): string => `${GATEWAY_KEY_PREFIX}session:${checkIndex('shard id', shardId)}`,
  /** string with a TTL: held for the identify spacing after an IDENTIFY in this concurrency bucket */
  identifyBucket: (maxConcurrency: number, bucket: number): string =>
    `${GATEWAY_KEY_PREFIX}identify:${checkIndex('max concurrency', maxConcurrency)}:${checkIndex('bucket', bucket)}`,
  /** sorted set: one member per IDENTIFY of this shard, scored by time (ms) — the crash-loop guard */
  identifyLog: (shardId: number): string =>
    `${GATEWAY_KEY_PREFIX}identify-log:${checkIndex('shard id', shardId)}`,
  /** string with a TTL: the interaction got its first answer (skips it when a RESUME replays it) */
  answered: (interactionId: string): string =>
    `${GATEWAY_KEY_PREFIX}answered:${checkSnowflake('interaction id', interactionId)}`,
  /**
   * Prefix of one rate-limit counter family and scope (rate-limiter-flexible's layout): the counter's key
   * is this prefix followed by the user or guild id.
   */
  rateLimit: (family: string | undefined, scope: 'user' | 'guild'): string =>
    `${GATEWAY_KEY_PREFIX}rl${family ? `:${check('rate-limit family', family, NAME)}` : ''}:${scope}:`,
} as const;

/** The prefix of the license's keys: process-wide (no guild hash tag), each used on its own. */
export const LICENSE_KEY_PREFIX = 'tk:license:';

export const licenseKeys = {
  /** string: JSON of the last valid license verdict (its `checkedAt` says when it was decided) */
  lastGoodVerdict: (): string => `${LICENSE_KEY_PREFIX}last-good-verdict`,
  /** string: the latest instant (ms) this installation has seen; it only moves forward */
  latestTimeSeen: (): string => `${LICENSE_KEY_PREFIX}latest-time-seen`,
} as const;

/** A zone-dependent period or day id under a period generation (generation 0 is untagged). */
export function generationTag(generation: number, id: string): string {
  return generation === 0 ? id : `${generation}.${id}`;
}

/** Field of a daily-rollup hash: the day alone (all categories) or day plus category. */
export function dailyField(day: string, category?: string, generation = 0): string {
  const tagged = generationTag(generation, day);
  return category === undefined ? tagged : `${tagged}|${category}`;
}
