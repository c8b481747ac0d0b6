import { DateTime } from 'luxon';
import { WEEKDAYS, type CompletedSession, type GuildSettings, type StoredPiece, type Weekday } from './types';

/** One local calendar day of a zone: [startMs, endMs) plus the period ids it belongs to. */
export interface LocalDay {
  readonly startMs: number;
  readonly endMs: number;
  /** `YYYY-MM-DD` */
  readonly day: string;
  /** `w` + the local date the week starts on, e.g. `w2024-03-04` */
  readonly week: string;
  /** `m` + `YYYY-MM` */
  readonly month: string;
}

export const ALL_TIME = 'all';

/** ISO weekday number (Monday = 1) of a week start. */
export function weekdayNumber(weekStart: Weekday): number {
  return WEEKDAYS.indexOf(weekStart) + 1;
}

function computeDay(instant: number, zone: string, weekStart: Weekday): LocalDay {
  const local = DateTime.fromMillis(instant, { zone });
  if (!local.isValid) throw new RangeError(`invalid time zone ${zone}`);
  // startOf('day') is zone-aware: where midnight does not exist (DST at 00:00) luxon moves it forward.
  const start = local.startOf('day');
  const next = start.plus({ days: 1 }).startOf('day');
  const back = (start.weekday - weekdayNumber(weekStart) + 7) % 7;
  const weekFirst = start.minus({ days: back });
  return {
    startMs: start.toMillis(),
    endMs: next.toMillis(),
    day: start.toFormat('yyyy-MM-dd'),
    week: `w${weekFirst.toFormat('yyyy-MM-dd')}`,
    month: `m${start.toFormat('yyyy-MM')}`,
  };
}

// luxon is slow next to a Redis round trip; sessions cluster around the same few days, so a tiny
// per-zone memo of recent days makes the common case a couple of comparisons.
const MEMO_DAYS = 32;
const MEMO_ZONES = 512;
const memo = new Map<string, LocalDay[]>();

/** The local day of `zone` that contains `instant`. */
export function localDayAt(instant: number, zone: string, weekStart: Weekday): LocalDay {
  const memoKey = `${zone}|${weekStart}`;
  let days = memo.get(memoKey);
  if (days) {
    for (const d of days) if (instant >= d.startMs && instant < d.endMs) return d;
  } else {
    if (memo.size >= MEMO_ZONES) memo.delete(memo.keys().next().value as string);
    days = [];
    memo.set(memoKey, days);
  }
  const computed = computeDay(instant, zone, weekStart);
  days.unshift(computed);
  if (days.length > MEMO_DAYS) days.pop();
  return computed;
}

/**
 * Splits [start, end) at every local midnight of `zone`. Each piece is credited to its own day, week and
 * month; the pieces' durations sum to exactly end − start. An empty interval gives no pieces.
 */
export function splitByLocalDay(start: number, end: number, zone: string, weekStart: Weekday): StoredPiece[] {
  if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end) || end < start) {
    throw new RangeError(`bad interval [${start}, ${end})`);
  }
  const pieces: StoredPiece[] = [];
  let cursor = start;
  while (cursor < end) {
    const day = localDayAt(cursor, zone, weekStart);
    const pieceEnd = Math.min(end, day.endMs);
    pieces.push([day.day, day.week, day.month, pieceEnd - cursor]);
    cursor = pieceEnd;
  }
  return pieces;
}

/** Period ids (day, week, month) that contain `instant` in the guild's zone. */
export function periodsAt(instant: number, zone: string, weekStart: Weekday): LocalDay {
  return localDayAt(instant, zone, weekStart);
}

/**
 * What a completed session is credited with under the current settings: its stored pieces when they
 * were split under the same period generation, else a fresh split in the current zone (the rebuild
 * credits old sessions that way, so an edit subtracts exactly what was credited).
 */
export function creditedPieces(
  session: Pick<CompletedSession, 'start' | 'end' | 'pieces' | 'periodGeneration'>,
  settings: Pick<GuildSettings, 'timeZone' | 'weekStart' | 'periodGeneration'>,
): readonly StoredPiece[] {
  return (session.periodGeneration ?? 0) === settings.periodGeneration
    ? session.pieces
    : splitByLocalDay(session.start, session.end, settings.timeZone, settings.weekStart);
}

/**
 * Sessions longer than this are also listed in the guild's long-session index, so a range read needs
 * to look back only this far in the start-time index (sessions can outlast the maximum when the member
 * keeps confirming activity).
 */
export const PERIOD_LOOKBACK_MS = 7 * 86_400_000;
