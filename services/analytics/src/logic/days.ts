/** Local days of the guild's zone and what was tracked on each. Pure. */
import { localDayAt, splitByLocalDay, type Weekday } from '@timekeeper/storage';

export interface Zone {
  readonly timeZone: string;
  readonly weekStart: Weekday;
}

export interface LocalDaySpan {
  /** `YYYY-MM-DD` */
  readonly day: string;
  readonly startMs: number;
  readonly endMs: number;
}

/**
 * The last answers of `lastLocalDays`, by zone and count: the same list holds until the local day
 * changes, and working it out (hundreds of zone conversions) costs more than the rest of a request.
 */
const recentDays = new Map<string, readonly LocalDaySpan[]>();

/** The `count` local days ending with the one containing `now`, oldest first (DST-safe: real lengths). */
export function lastLocalDays(now: number, count: number, zone: Zone): readonly LocalDaySpan[] {
  const key = `${zone.timeZone}|${zone.weekStart}|${count}`;
  const kept = recentDays.get(key);
  const today = kept?.[kept.length - 1];
  if (today && now >= today.startMs && now < today.endMs) return kept;
  const days = computeLastLocalDays(now, count, zone);
  if (recentDays.size >= 256) recentDays.clear();
  recentDays.set(key, days);
  return days;
}

function computeLastLocalDays(now: number, count: number, zone: Zone): LocalDaySpan[] {
  const days: LocalDaySpan[] = [];
  let at = now;
  for (let i = 0; i < count; i++) {
    const d = localDayAt(at, zone.timeZone, zone.weekStart);
    days.push({ day: d.day, startMs: d.startMs, endMs: d.endMs });
    at = d.startMs - 1;
  }
  return days.reverse();
}

/** A tracked interval (already clipped to the range looked at). */
export interface Interval {
  readonly start: number;
  readonly end: number;
  readonly category: string;
}

export interface DayTotals {
  readonly day: string;
  /** ms per category */
  readonly byCategory: ReadonlyMap<string, number>;
  readonly totalMs: number;
}

/** ms per local day and category for the given days (intervals outside them are ignored). */
export function totalsByDay(
  intervals: readonly Interval[],
  days: readonly LocalDaySpan[],
  zone: Zone,
): DayTotals[] {
  const index = new Map(days.map((d, i) => [d.day, i]));
  const byCategory = days.map(() => new Map<string, number>());
  for (const s of intervals) {
    for (const [day, , , ms] of splitByLocalDay(s.start, s.end, zone.timeZone, zone.weekStart)) {
      const i = index.get(day);
      if (i === undefined) continue;
      const m = byCategory[i]!;
      m.set(s.category, (m.get(s.category) ?? 0) + ms);
    }
  }
  return days.map((d, i) => ({
    day: d.day,
    byCategory: byCategory[i]!,
    totalMs: [...byCategory[i]!.values()].reduce((a, b) => a + b, 0),
  }));
}

/** Productive ms of a day: each category's time times its weight (0 for breaks); unknown weight 1. */
export function weightedMs(day: DayTotals, weights: ReadonlyMap<string, number>): number {
  let sum = 0;
  for (const [category, ms] of day.byCategory) sum += ms * (weights.get(category) ?? 1);
  return sum;
}

/** Tracked ms of a day outside break categories (weight 0). */
export function productiveMs(day: DayTotals, weights: ReadonlyMap<string, number>): number {
  let sum = 0;
  for (const [category, ms] of day.byCategory) if ((weights.get(category) ?? 1) > 0) sum += ms;
  return sum;
}
