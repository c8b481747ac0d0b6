/** Local days of the guild's zone and what was tracked on each. Pure. */
import { localDayAt, type Weekday } from '@timekeeper/storage';

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

/**
 * ms per local day and category for the given days (consecutive, oldest first; intervals outside them
 * are ignored). Each interval is cut at the days' own boundaries, so DST days count their real length
 * without converting a single instant to local time.
 */
export function totalsByDay(intervals: readonly Interval[], days: readonly LocalDaySpan[]): DayTotals[] {
  const byCategory = days.map(() => new Map<string, number>());
  for (const s of intervals) {
    for (let i = firstDayEndingAfter(days, s.start); i < days.length && days[i]!.startMs < s.end; i++) {
      const d = days[i]!;
      const ms = Math.min(s.end, d.endMs) - Math.max(s.start, d.startMs);
      if (ms <= 0) continue;
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

/** Index of the first day that ends after `at` (binary search; days.length when none). */
function firstDayEndingAfter(days: readonly LocalDaySpan[], at: number): number {
  let lo = 0;
  let hi = days.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (days[mid]!.endMs > at) hi = mid;
    else lo = mid + 1;
  }
  return lo;
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
