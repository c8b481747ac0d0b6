import { keys, TOTAL_FIELD } from '../model/keys';
import { ALL_TIME, periodsAt } from '../model/time';
import type { ActiveSession, CompletedSession } from '../model/types';
import { invalid, type InvalidInput } from '../model/outcomes';
import {
  checkCategoryRef,
  checkCount,
  checkIds,
  checkInstant,
  isObject,
  MAX_DATE_MS,
  normaliseCategory,
  refused,
} from '../model/validation';
import { parseJson, type Backend } from './backend';
import { boardKeys, compareSnowflakes, periodRange, readBoard, sessionsOverlapping } from './periods';

export { compareSnowflakes } from './periods';

/** Active sessions of a guild, longest first (earliest start; then lower user id). */
export async function activeSessions(backend: Backend, guildId: string): Promise<ActiveSession[]> {
  const key = keys.activeSessions(guildId);
  const all = await backend.call((r) => r.hgetall(key));
  return Object.values(all)
    .map((raw) => parseJson<ActiveSession>(key, raw))
    .sort((a, b) => a.start - b.start || compareSnowflakes(a.userId, b.userId));
}

export interface UserSummary {
  /** Credited (completed) time; a running session is reported separately in `active`. */
  readonly todayMs: number;
  readonly weekMs: number;
  readonly monthMs: number;
  readonly allTimeMs: number;
  /** Up to five categories by all-time ms, most first (ties: category key). */
  readonly topCategories: readonly { readonly category: string; readonly ms: number }[];
  readonly active: ActiveSession | null;
  /** The local periods the figures refer to, in the guild's zone. */
  readonly day: string;
  readonly week: string;
  readonly month: string;
}

export async function userSummary(
  backend: Backend,
  guildId: string,
  userId: string,
  now: number,
): Promise<UserSummary> {
  const { settings } = await backend.settings(guildId, false);
  const p = periodsAt(now, settings.timeZone, settings.weekStart);
  // Day, week and month from the sessions themselves, clipped, in the current zone: right after a
  // time zone change too (the rollups of the old zone are never read here).
  const ranges = {
    day: { from: p.startMs, to: p.endMs },
    week: periodRange('week', now, settings),
    month: periodRange('month', now, settings),
  };
  const from = Math.min(ranges.week.from, ranges.month.from);
  const to = Math.max(ranges.week.to, ranges.month.to);
  const [sessions, totals, activeRaw] = await Promise.all([
    sessionsOverlapping(backend, guildId, { userId, from, to }),
    backend.call((r) => r.hgetall(keys.userTotals(guildId, userId))),
    backend.call((r) => r.hget(keys.activeSessions(guildId), userId)),
  ]);
  const within = (range: { from: number; to: number }): number =>
    sessions.reduce(
      (sum, s) => sum + Math.max(0, Math.min(s.end, range.to) - Math.max(s.start, range.from)),
      0,
    );
  return {
    todayMs: within(ranges.day),
    weekMs: within(ranges.week),
    monthMs: within(ranges.month),
    allTimeMs: Number(totals[TOTAL_FIELD] ?? 0),
    topCategories: Object.entries(totals)
      .filter(([field]) => field !== TOTAL_FIELD)
      .map(([category, ms]) => ({ category, ms: Number(ms) }))
      .sort((a, b) => b.ms - a.ms || a.category.localeCompare(b.category))
      .slice(0, 5),
    active: activeRaw ? parseJson<ActiveSession>(keys.activeSessions(guildId), activeRaw) : null,
    day: p.day,
    week: p.week,
    month: p.month,
  };
}

export const LEADERBOARD_PERIODS = ['all', 'week', 'month'] as const;
export type LeaderboardPeriod = (typeof LEADERBOARD_PERIODS)[number];

export interface LeaderboardQuery {
  readonly period: LeaderboardPeriod;
  /** Omit for all categories together. */
  readonly category?: string;
  /** Which week or month: the one containing this instant (default: now). */
  readonly at: number;
  readonly offset?: number;
  readonly limit?: number;
}

export interface LeaderboardEntry {
  /** 1-based position; ties are broken, never shared. */
  readonly rank: number;
  readonly userId: string;
  readonly ms: number;
  /** When the user's score last changed: the earlier reached a tied score ranks higher. */
  readonly reachedAt: number;
}

export interface LeaderboardPage {
  readonly periodId: string;
  readonly category: string | null;
  /** Members on the whole board. */
  readonly size: number;
  readonly entries: readonly LeaderboardEntry[];
}

export const MAX_LEADERBOARD_LIMIT = 100;

/** Pages further than this are refused (nobody reads rank 100,000 of a Discord server). */
export const MAX_OFFSET = 100_000;

/** A leaderboard query Timekeeper can answer, or the refusal naming the field it cannot. */
export function checkLeaderboardQuery(query: LeaderboardQuery, serverNow = Date.now()): InvalidInput | null {
  if (!isObject(query)) return invalid('query', 'a leaderboard query is an object');
  if (!(LEADERBOARD_PERIODS as readonly unknown[]).includes(query.period)) {
    return invalid('period', `period is one of ${LEADERBOARD_PERIODS.join(', ')}`);
  }
  return (
    (query.period === 'all' && query.at === undefined ? null : checkInstant('at', query.at, serverNow)) ??
    (query.category === undefined ? null : refused(checkCategoryRef(query.category))) ??
    checkCount('offset', query.offset, 0, MAX_OFFSET) ??
    // A larger limit is clamped to the maximum (documented), a fractional or negative one refused.
    checkCount('limit', query.limit, 1, Number.MAX_SAFE_INTEGER)
  );
}

/** A session range query Timekeeper can answer, or the refusal naming the field it cannot. */
export function checkRangeQuery(query: SessionRangeQuery): InvalidInput | null {
  if (!isObject(query)) return invalid('query', 'a range query is an object');
  return (
    (query.userId === undefined ? null : checkIds({ userId: query.userId })) ??
    checkCount('from', query.from, 0, MAX_DATE_MS, false) ??
    checkCount('to', query.to, query.from, MAX_DATE_MS, false) ??
    checkCount('offset', query.offset, 0, MAX_OFFSET) ??
    checkCount('limit', query.limit, 1, Number.MAX_SAFE_INTEGER)
  );
}

/**
 * A leaderboard page. Order: more time first; equal time → whoever reached it earlier; then the lower
 * user id. Limit is clamped to 1–100.
 */
export async function leaderboard(
  backend: Backend,
  guildId: string,
  query: LeaderboardQuery,
): Promise<LeaderboardPage> {
  const offset = query.offset ?? 0;
  const limit = Math.min(MAX_LEADERBOARD_LIMIT, query.limit ?? 10);
  const category = query.category === undefined ? TOTAL_FIELD : normaliseCategory(query.category);
  const { settings } = await backend.settings(guildId, false);
  let periodId = ALL_TIME;
  if (query.period !== 'all') {
    const p = periodsAt(query.at, settings.timeZone, settings.weekStart);
    periodId = query.period === 'week' ? p.week : p.month;
  }
  const { board, reached } = boardKeys(guildId, settings, periodId, category);
  const { size, entries } = await readBoard(
    backend,
    { board, parts: [], reached: [reached] },
    { offset, limit, userId: '' },
  );
  return { periodId, category: category === TOTAL_FIELD ? null : category, size, entries };
}

export interface SessionRangeQuery {
  /** Sessions of one member; omit for the whole guild. */
  readonly userId?: string;
  /** Sessions that started in [from, to). */
  readonly from: number;
  readonly to: number;
  readonly offset?: number;
  readonly limit?: number;
}

export const MAX_RANGE_LIMIT = 5_000;

/** Completed sessions by start time, oldest first, from the session index (never a scan). */
export async function sessionsInRange(
  backend: Backend,
  guildId: string,
  query: SessionRangeQuery,
): Promise<{ sessions: CompletedSession[]; hasMore: boolean }> {
  const index =
    query.userId === undefined ? keys.guildSessions(guildId) : keys.userSessions(guildId, query.userId);
  const limit = Math.min(MAX_RANGE_LIMIT, query.limit ?? 1_000);
  const ids = await backend.call((r) =>
    r.zrangebyscore(index, query.from, `(${query.to}`, 'LIMIT', query.offset ?? 0, limit + 1),
  );
  const hasMore = ids.length > limit;
  const page = ids.slice(0, limit);
  const sessions: CompletedSession[] = [];
  for (let i = 0; i < page.length; i += 500) {
    const chunk = page.slice(i, i + 500);
    // As buffers, each made a string only as it is parsed: `mget` turns the whole reply into strings
    // first, and reading 100,000 sessions that way peaked about 40 MB higher (an export's reads).
    const raws = await backend.call((r) => r.mgetBuffer(...chunk.map((id) => keys.session(guildId, id))));
    raws.forEach((raw, j) => {
      if (raw !== null)
        sessions.push(parseJson<CompletedSession>(keys.session(guildId, chunk[j]!), raw.toString()));
    });
  }
  return { sessions, hasMore };
}

export interface AuditRecord {
  readonly id: string;
  readonly fields: Readonly<Record<string, string>>;
}

/** The newest audit entries of a guild, newest first. */
export async function auditLog(backend: Backend, guildId: string, count: number): Promise<AuditRecord[]> {
  const rows = await backend.call((r) => r.xrevrange(keys.audit(guildId), '+', '-', 'COUNT', count));
  return rows.map(([id, flat]) => {
    const fields: Record<string, string> = {};
    for (let i = 0; i + 1 < flat.length; i += 2) fields[flat[i]!] = flat[i + 1]!;
    return { id, fields };
  });
}
