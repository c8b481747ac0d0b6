import { randomUUID } from 'node:crypto';
import { DateTime } from 'luxon';
import { generationTag, keys, TOTAL_FIELD } from '../model/keys';
import { invalid, type InvalidInput } from '../model/outcomes';
import { ALL_TIME, localDayAt, PERIOD_LOOKBACK_MS, splitByLocalDay, weekdayNumber } from '../model/time';
import type { CompletedSession, GuildSettings, Weekday } from '../model/types';
import { checkCategoryRef, checkCount, checkIds, isObject, MAX_DATE_MS, refused } from '../model/validation';
import { boardScript } from '../redis/scripts';
import { parseJson, type Backend } from './backend';

/** Compares Discord ids numerically (shorter is smaller), without BigInt. */
export function compareSnowflakes(a: string, b: string): number {
  return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
}

/** A completed session with the part of it inside the range asked for. */
export interface ClippedSession extends CompletedSession {
  /** max(start, from) */
  readonly clippedStart: number;
  /** min(end, to) */
  readonly clippedEnd: number;
  /** clippedEnd − clippedStart: what the session counts for in the range */
  readonly clippedMs: number;
}

export interface OverlapQuery {
  /** One member's sessions; omit for the whole guild. */
  readonly userId?: string;
  /** The range [from, to) in epoch ms. */
  readonly from: number;
  readonly to: number;
}

/** Most sessions one range read returns (a guild-wide read past it is refused, not cut short). */
export const MAX_OVERLAP_SESSIONS = 200_000;

export class RangeTooLargeError extends Error {
  constructor(readonly count: number) {
    super(`a range read would return ${count} sessions (at most ${MAX_OVERLAP_SESSIONS})`);
    this.name = 'RangeTooLargeError';
  }
}

/** An overlap query Timekeeper can answer, or the refusal naming the field it cannot. */
export function checkOverlapQuery(query: OverlapQuery): InvalidInput | null {
  if (!isObject(query)) return invalid('query', 'an overlap query is an object');
  return (
    (query.userId === undefined ? null : checkIds({ userId: query.userId })) ??
    checkCount('from', query.from, 0, MAX_DATE_MS, false) ??
    checkCount('to', query.to, query.from, MAX_DATE_MS, false)
  );
}

/**
 * Completed sessions that overlap [from, to), each clipped to it, ordered by start (then id). Read from
 * the start-time index looking back `PERIOD_LOOKBACK_MS`, plus the long-session index for the few
 * sessions that are longer: a session that started before the range and ends inside it counts for the
 * part inside it. Never a scan.
 */
export async function sessionsOverlapping(
  backend: Backend,
  guildId: string,
  query: OverlapQuery,
): Promise<ClippedSession[]> {
  const { from, to, userId } = query;
  if (to <= from) return [];
  const index = userId === undefined ? keys.guildSessions(guildId) : keys.userSessions(guildId, userId);
  const [recent, long] = await backend.call((r) =>
    Promise.all([
      r.zrangebyscore(index, from - PERIOD_LOOKBACK_MS, `(${to}`),
      r.zrangebyscore(keys.longSessions(guildId), '-inf', `(${to}`),
    ]),
  );
  const ids = [...new Set([...recent, ...long])];
  if (ids.length > MAX_OVERLAP_SESSIONS) throw new RangeTooLargeError(ids.length);
  const out: ClippedSession[] = [];
  for (let i = 0; i < ids.length; i += 1_000) {
    const chunk = ids.slice(i, i + 1_000);
    const raws = await backend.call((r) => r.mget(...chunk.map((id) => keys.session(guildId, id))));
    raws.forEach((raw, j) => {
      if (raw === null) return;
      const s = parseJson<CompletedSession>(keys.session(guildId, chunk[j]!), raw);
      if (userId !== undefined && s.userId !== userId) return;
      if (s.end <= from || s.start >= to) return;
      const clippedStart = Math.max(s.start, from);
      const clippedEnd = Math.min(s.end, to);
      out.push({ ...s, clippedStart, clippedEnd, clippedMs: clippedEnd - clippedStart });
    });
  }
  return out.sort((a, b) => a.start - b.start || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** Credited ms per local day (`YYYY-MM-DD`), overall and per category, in the guild's current zone. */
export interface DailyTotals {
  readonly days: ReadonlyMap<
    string,
    { readonly ms: number; readonly byCategory: ReadonlyMap<string, number> }
  >;
  readonly totalMs: number;
}

/**
 * A guild's (or one member's) daily rollups for the local dates [fromDate, toDate], in the current
 * period generation: one hash read, no session read. Kept up on write; right for the current zone
 * once the period rebuild is done (see `periodsState`).
 */
export async function dailyRollups(
  backend: Backend,
  guildId: string,
  settings: Pick<GuildSettings, 'periodGeneration'>,
  query: { fromDate: string; toDate: string; userId?: string | undefined },
): Promise<DailyTotals> {
  const key = query.userId === undefined ? keys.guildDaily(guildId) : keys.userDaily(guildId, query.userId);
  const all = await backend.call((r) => r.hgetall(key));
  const prefix = generationTag(settings.periodGeneration, '');
  const days = new Map<string, { ms: number; byCategory: Map<string, number> }>();
  let totalMs = 0;
  for (const [field, raw] of Object.entries(all)) {
    if (!field.startsWith(prefix)) continue;
    const rest = field.slice(prefix.length);
    const day = rest.slice(0, 10);
    if (!LOCAL_DATE.test(day) || day < query.fromDate || day > query.toDate) continue;
    let entry = days.get(day);
    if (!entry) days.set(day, (entry = { ms: 0, byCategory: new Map() }));
    const ms = Number(raw);
    if (rest.length === 10) {
      entry.ms += ms;
      totalMs += ms;
    } else if (rest[10] === '|') entry.byCategory.set(rest.slice(11), ms);
  }
  return { days, totalMs };
}

export function checkRollupQuery(query: {
  fromDate: string;
  toDate: string;
  userId?: string;
}): InvalidInput | null {
  if (!isObject(query)) return invalid('query', 'a rollup query is an object');
  if (!isLocalDate(query.fromDate)) return invalid('fromDate', 'a date is YYYY-MM-DD, 2015 to 2099');
  if (!isLocalDate(query.toDate) || query.toDate < query.fromDate) {
    return invalid('toDate', 'a date is YYYY-MM-DD, 2015 to 2099, not before fromDate');
  }
  return query.userId === undefined ? null : checkIds({ userId: query.userId });
}

/** Pure: clipped sessions → per local day totals (sessions crossing midnight are split there). */
export function dailyTotals(
  sessions: readonly Pick<ClippedSession, 'clippedStart' | 'clippedEnd' | 'category'>[],
  settings: Pick<GuildSettings, 'timeZone' | 'weekStart'>,
): DailyTotals {
  const days = new Map<string, { ms: number; byCategory: Map<string, number> }>();
  let totalMs = 0;
  for (const s of sessions) {
    for (const [day, , , ms] of splitByLocalDay(
      s.clippedStart,
      s.clippedEnd,
      settings.timeZone,
      settings.weekStart,
    )) {
      let entry = days.get(day);
      if (!entry) days.set(day, (entry = { ms: 0, byCategory: new Map() }));
      entry.ms += ms;
      entry.byCategory.set(s.category, (entry.byCategory.get(s.category) ?? 0) + ms);
      totalMs += ms;
    }
  }
  return { days, totalMs };
}

export type PeriodKind = 'day' | 'week' | 'month' | 'year' | 'all';

/** The local period of `kind` containing `at`, as [from, to) and its board id (untagged). */
export function periodRange(
  kind: Exclude<PeriodKind, 'all'>,
  at: number,
  settings: Pick<GuildSettings, 'timeZone' | 'weekStart'>,
): { from: number; to: number; id: string } {
  const day = localDayAt(at, settings.timeZone, settings.weekStart);
  if (kind === 'day') return { from: day.startMs, to: day.endMs, id: `d${day.day}` };
  // Walk day by day from the first local day of the period; zone-aware through DST.
  const first = (d: typeof day): boolean =>
    kind === 'week'
      ? d.week === day.week
      : kind === 'month'
        ? d.month === day.month
        : d.day.slice(0, 4) === day.day.slice(0, 4);
  let start = day;
  while (true) {
    const prev = localDayAt(start.startMs - 1, settings.timeZone, settings.weekStart);
    if (!first(prev)) break;
    start = prev;
  }
  let end = day;
  while (true) {
    const next = localDayAt(end.endMs, settings.timeZone, settings.weekStart);
    if (!first(next)) break;
    end = next;
  }
  const id = kind === 'week' ? day.week : kind === 'month' ? day.month : `y${day.day.slice(0, 4)}`;
  return { from: start.startMs, to: end.endMs, id };
}

/** Key of a leaderboard under the guild's current period generation. */
export function boardKeys(
  guildId: string,
  settings: Pick<GuildSettings, 'periodGeneration'>,
  periodId: string,
  category: string | undefined,
): { board: string; reached: string } {
  const period = periodId === ALL_TIME ? ALL_TIME : generationTag(settings.periodGeneration, periodId);
  const cat = category ?? TOTAL_FIELD;
  return {
    board: keys.leaderboard(guildId, period, cat),
    reached: keys.leaderboardReached(guildId, period, cat),
  };
}

/** Board period ids as callers name them (untagged: the generation is added by `boardKeys`). */
const BOARD_PERIOD = /^(all|d\d{4}-\d{2}-\d{2}|w\d{4}-\d{2}-\d{2}|m\d{4}-\d{2}|y\d{4})$/;
/** Local dates of a custom range: `YYYY-MM-DD`, from Discord's epoch to the end of 2099. */
const LOCAL_DATE = /^\d{4}-\d{2}-\d{2}$/;
const FIRST_DATE = '2015-01-01';
const LAST_DATE = '2099-12-31';
/** Pages further than this are refused (as for leaderboards). */
export const MAX_BOARD_OFFSET = 100_000;

export interface BoardQuery {
  readonly category?: string | undefined;
  readonly offset: number;
  readonly limit: number;
  readonly userId: string;
}

/** The paging, category and member of a board query, or the refusal naming the field. */
function checkBoardPage(query: BoardQuery): InvalidInput | null {
  return (
    checkIds({ userId: query.userId }) ??
    (query.category === undefined ? null : refused(checkCategoryRef(query.category))) ??
    checkCount('offset', query.offset, 0, MAX_BOARD_OFFSET, false) ??
    // Any whole limit: 0 reads only the member's place and the board's middle (insights).
    checkCount('limit', query.limit, 0, Number.MAX_SAFE_INTEGER, false)
  );
}

export function checkPeriodBoardQuery(query: BoardQuery & { periodId: string }): InvalidInput | null {
  if (!isObject(query)) return invalid('query', 'a board query is an object');
  if (typeof query.periodId !== 'string' || !BOARD_PERIOD.test(query.periodId)) {
    return invalid('periodId', 'not a period id');
  }
  return checkBoardPage(query);
}

const isLocalDate = (value: unknown): value is string =>
  typeof value === 'string' &&
  LOCAL_DATE.test(value) &&
  value >= FIRST_DATE &&
  value <= LAST_DATE &&
  DateTime.fromISO(value, { zone: 'UTC' }).isValid;

export function checkRangeBoardQuery(
  query: BoardQuery & { fromDate: string; toDate: string },
): InvalidInput | null {
  if (!isObject(query)) return invalid('query', 'a board query is an object');
  if (!isLocalDate(query.fromDate)) return invalid('fromDate', 'a date is YYYY-MM-DD, 2015 to 2099');
  if (!isLocalDate(query.toDate) || query.toDate < query.fromDate) {
    return invalid('toDate', 'a date is YYYY-MM-DD, 2015 to 2099, not before fromDate');
  }
  return checkBoardPage(query);
}

export interface BoardEntry {
  /** 1-based; equal time is broken by who reached it first, then the lower user id. */
  readonly rank: number;
  readonly userId: string;
  readonly ms: number;
  readonly reachedAt: number;
}

const byBoardOrder = (a: Omit<BoardEntry, 'rank'>, b: Omit<BoardEntry, 'rank'>): number =>
  b.ms - a.ms || a.reachedAt - b.reachedAt || compareSnowflakes(a.userId, b.userId);

/** A board to read: one kept on write, or the sum of several (a range of dates) in a scratch key. */
export interface BoardSource {
  readonly board: string;
  /** Boards summed into `board` first (a range); empty for a board kept on write. */
  readonly parts: readonly string[];
  /** "Reached at" hashes; a member's reach time is the latest of them. */
  readonly reached: readonly string[];
}

/** What one read of a board gives (BOARD_LUA). */
export interface BoardRead {
  /** Members on the board (with time in the period). */
  readonly size: number;
  readonly entries: BoardEntry[];
  readonly own: BoardEntry | null;
  /** Members with less time than `own` (0 without one). */
  readonly below: number;
  /** The board's median time (the mean of the two middle ones for an even size; 0 when empty). */
  readonly medianMs: number;
}

/** A page (limit 0: none) and one member's place ('' for none), in one round trip. */
export async function readBoard(
  backend: Backend,
  source: BoardSource,
  query: { offset: number; limit: number; userId: string },
): Promise<BoardRead> {
  const [size, above, seg, segReached, own, middle] = (await backend.call((r) =>
    boardScript.run(
      r,
      [source.board, ...source.parts, ...source.reached],
      [query.offset, query.limit, query.userId, source.parts.length],
    ),
  )) as [number, number, string[], number[], [string, number, string[], number[], number] | null, string[]];
  const tied: Omit<BoardEntry, 'rank'>[] = [];
  for (let i = 0; i < seg.length; i += 2) {
    tied.push({ userId: seg[i]!, ms: Number(seg[i + 1]), reachedAt: Number(segReached[i / 2] ?? 0) });
  }
  tied.sort(byBoardOrder);
  const from = query.offset - Number(above);
  const entries = tied.slice(from, from + query.limit).map((e, i) => ({ rank: query.offset + i + 1, ...e }));
  const middleMs = middle.filter((_, i) => i % 2 === 1).map(Number);
  return {
    size: Number(size),
    entries,
    own: own ? ownPlace(query.userId, own) : null,
    below: own ? Number(own[4]) : 0,
    medianMs: middleMs.length === 0 ? 0 : middleMs.reduce((a, b) => a + b, 0) / middleMs.length,
  };
}

/** The member's rank: those above, then their place among everyone tied with them. */
function ownPlace(
  userId: string,
  [score, above, tiedIds, reached]: [string, number, string[], number[], number],
): BoardEntry {
  const tied = tiedIds.map((id, i) => ({
    userId: id,
    ms: Number(score),
    reachedAt: Number(reached[i] ?? 0),
  }));
  tied.sort(byBoardOrder);
  const me = tied.findIndex((e) => e.userId === userId);
  return { rank: Number(above) + me + 1, ...tied[me]! };
}

/**
 * Few boards that cover the local dates [fromDate, toDate] (inclusive, `YYYY-MM-DD`), taken greedily
 * from the first date: a whole year, else a whole month, else a whole week (weeks start on
 * `weekStart`), else a single day. Fewer, larger boards make the sum cheaper. Pure.
 */
export function rangeBoardIds(fromDate: string, toDate: string, weekStart: Weekday): string[] {
  const ids: string[] = [];
  let cursor = DateTime.fromISO(fromDate, { zone: 'UTC' });
  const last = DateTime.fromISO(toDate, { zone: 'UTC' });
  const firstWeekday = weekdayNumber(weekStart);
  while (cursor <= last) {
    const yearEnd = cursor.endOf('year').startOf('day');
    const monthEnd = cursor.endOf('month').startOf('day');
    const weekEnd = cursor.plus({ days: 6 });
    if (cursor.ordinal === 1 && yearEnd <= last) {
      ids.push(`y${cursor.toFormat('yyyy')}`);
      cursor = yearEnd.plus({ days: 1 });
    } else if (cursor.day === 1 && monthEnd <= last) {
      ids.push(`m${cursor.toFormat('yyyy-MM')}`);
      cursor = monthEnd.plus({ days: 1 });
    } else if (cursor.weekday === firstWeekday && weekEnd <= last) {
      ids.push(`w${cursor.toFormat('yyyy-MM-dd')}`);
      cursor = weekEnd.plus({ days: 1 });
    } else {
      ids.push(`d${cursor.toFormat('yyyy-MM-dd')}`);
      cursor = cursor.plus({ days: 1 });
    }
  }
  return ids;
}

/**
 * A page and one member's place on the board of a custom range of local dates: the covering boards
 * are summed into a temporary key (ZUNIONSTORE), read, and dropped. A member reached their range total
 * when they reached it on the last of the covering boards (the latest reach time).
 */
export async function rangeBoard(
  backend: Backend,
  guildId: string,
  settings: Pick<GuildSettings, 'periodGeneration' | 'weekStart'>,
  query: {
    fromDate: string;
    toDate: string;
    category?: string | undefined;
    offset: number;
    limit: number;
    userId: string;
  },
): Promise<BoardRead> {
  const parts = rangeBoardIds(query.fromDate, query.toDate, settings.weekStart).map((id) =>
    boardKeys(guildId, settings, id, query.category),
  );
  return readBoard(
    backend,
    {
      board: keys.rangeBoard(guildId, randomUUID()),
      parts: parts.map((p) => p.board),
      reached: parts.map((p) => p.reached),
    },
    query,
  );
}
