/**
 * The productivity score: six documented components, each 0–100 with its reason, averaged with fixed
 * weights over the components that have enough data (README "Productivity score" has the formula and
 * every threshold). Every component is a share or a bounded ratio, so none saturates. Pure.
 */
import { DateTime } from 'luxon';
import { productiveMs, weightedMs, type DayTotals, type Interval, type Zone } from './days';

export const SCORE = {
  minActiveDays: 3,
  minSessions: 3,
  longDayMs: 10 * 3_600_000,
  longWeekMs: 50 * 3_600_000,
  breakDayMs: 6 * 3_600_000,
  breakGapMs: 15 * 60_000,
  healthyMinMs: 25 * 60_000,
  healthyMaxMs: 4 * 3_600_000,
  focusMinMs: 45 * 60_000,
  weights: { consistency: 20, balance: 15, timePatterns: 15, sessionQuality: 15, focus: 15, trend: 20 },
} as const;

export type ComponentName = keyof typeof SCORE.weights;

export type Component =
  | { readonly name: ComponentName; readonly value: number; readonly reason: string }
  | { readonly name: ComponentName; readonly value: null; readonly missing: string };

/** A session clipped to the period, with its full length (quality and focus look at whole sessions). */
export interface SessionFact extends Interval {
  readonly lengthMs: number;
}

export interface ScoreInput {
  /** The period's local days, oldest first. */
  readonly days: readonly DayTotals[];
  /** The same number of days just before. */
  readonly previousDays: readonly DayTotals[];
  readonly sessions: readonly SessionFact[];
  /** Category key → productivity weight (0 = a break). */
  readonly weights: ReadonlyMap<string, number>;
  /** Minutes after local midnight. */
  readonly workHours: { readonly start: number; readonly end: number };
  readonly zone: Zone;
}

export interface Score {
  /** null: not enough data (see `missing`). */
  readonly value: number | null;
  readonly missing?: string;
  readonly components: readonly Component[];
}

const pct = (x: number): number => Math.round(100 * x);
const hours = (ms: number): string => `${(ms / 3_600_000).toFixed(1)} h`;
const weightOf = (w: ReadonlyMap<string, number>, c: string): number => w.get(c) ?? 1;

export function consistency(input: ScoreInput): Component {
  const daily = input.days.map((d) => weightedMs(d, input.weights)).filter((ms) => ms > 0);
  const n = input.days.length;
  if (daily.length < SCORE.minActiveDays) {
    return {
      name: 'consistency',
      value: null,
      missing: `needs ${SCORE.minActiveDays} active days (${daily.length} so far)`,
    };
  }
  const mean = daily.reduce((a, b) => a + b, 0) / daily.length;
  const sd = Math.sqrt(daily.reduce((a, b) => a + (b - mean) ** 2, 0) / daily.length);
  const cv = sd / mean;
  const value = pct(0.6 * (daily.length / n) + 0.4 * Math.max(0, 1 - cv));
  return {
    name: 'consistency',
    value,
    reason: `${daily.length} of ${n} days active; daily time varies by ${pct(cv)}% of its mean`,
  };
}

export function balance(input: ScoreInput): Component {
  const productive = input.days.map((d) => productiveMs(d, input.weights));
  const active = productive.filter((ms) => ms > 0).length;
  if (active < SCORE.minActiveDays) {
    return {
      name: 'balance',
      value: null,
      missing: `needs ${SCORE.minActiveDays} active days (${active} so far)`,
    };
  }
  const longDays = productive.filter((ms) => ms > SCORE.longDayMs).length;
  // Whole 7-day blocks counted back from the last day.
  let weeks = 0;
  let longWeeks = 0;
  for (let end = productive.length; end - 7 >= 0; end -= 7) {
    weeks++;
    if (productive.slice(end - 7, end).reduce((a, b) => a + b, 0) > SCORE.longWeekMs) longWeeks++;
  }
  const bigDays = input.days.filter((_, i) => productive[i]! >= SCORE.breakDayMs);
  const withBreak = bigDays.filter((d) => tookBreak(d, input)).length;
  const breakShare = bigDays.length === 0 ? 1 : withBreak / bigDays.length;
  const value = pct(
    0.5 * (1 - longDays / active) + 0.25 * (weeks === 0 ? 1 : 1 - longWeeks / weeks) + 0.25 * breakShare,
  );
  return {
    name: 'balance',
    value,
    reason:
      `${longDays} of ${active} active days over ${hours(SCORE.longDayMs)}, ${longWeeks} of ${weeks} weeks over ` +
      `${hours(SCORE.longWeekMs)}; breaks on ${withBreak} of ${bigDays.length} days of ${hours(SCORE.breakDayMs)}+`,
  };
}

/** A break: time in a break category that day, or a gap of 15 min+ between two sessions that day. */
function tookBreak(day: DayTotals, input: ScoreInput): boolean {
  for (const [category, ms] of day.byCategory)
    if (ms > 0 && weightOf(input.weights, category) === 0) return true;
  const own = input.sessions
    .filter((s) => weightOf(input.weights, s.category) > 0 && localDay(s.start, input.zone) === day.day)
    .sort((a, b) => a.start - b.start);
  for (let i = 1; i < own.length; i++) if (own[i]!.start - own[i - 1]!.end >= SCORE.breakGapMs) return true;
  return false;
}

const localDay = (ms: number, zone: Zone): string =>
  DateTime.fromMillis(ms, { zone: zone.timeZone }).toFormat('yyyy-MM-dd');

/** Weighted ms of [start, end) inside the local work hours of each day it touches (wall clock, DST-safe). */
export function insideWorkHours(s: Interval, workHours: ScoreInput['workHours'], zone: Zone): number {
  let inside = 0;
  let day = DateTime.fromMillis(s.start, { zone: zone.timeZone }).startOf('day');
  while (day.toMillis() < s.end) {
    const from = day.set({ hour: Math.floor(workHours.start / 60), minute: workHours.start % 60 });
    const to =
      workHours.end === 24 * 60
        ? day.plus({ days: 1 }).startOf('day')
        : day.set({ hour: Math.floor(workHours.end / 60), minute: workHours.end % 60 });
    inside += Math.max(0, Math.min(s.end, to.toMillis()) - Math.max(s.start, from.toMillis()));
    day = day.plus({ days: 1 }).startOf('day');
  }
  return inside;
}

export function timePatterns(input: ScoreInput): Component {
  let total = 0;
  let inside = 0;
  for (const s of input.sessions) {
    const w = weightOf(input.weights, s.category);
    total += (s.end - s.start) * w;
    inside += insideWorkHours(s, input.workHours, input.zone) * w;
  }
  if (total === 0) return { name: 'timePatterns', value: null, missing: 'needs tracked time outside breaks' };
  const clock = (m: number): string =>
    `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
  return {
    name: 'timePatterns',
    value: pct(inside / total),
    reason: `${pct(inside / total)}% of your time falls inside work hours (${clock(input.workHours.start)}–${clock(input.workHours.end)})`,
  };
}

export function sessionQuality(input: ScoreInput): Component {
  const sessions = input.sessions.filter((s) => weightOf(input.weights, s.category) > 0);
  if (sessions.length < SCORE.minSessions) {
    return {
      name: 'sessionQuality',
      value: null,
      missing: `needs ${SCORE.minSessions} sessions (${sessions.length} so far)`,
    };
  }
  const healthy = sessions.filter(
    (s) => s.lengthMs >= SCORE.healthyMinMs && s.lengthMs <= SCORE.healthyMaxMs,
  ).length;
  return {
    name: 'sessionQuality',
    value: pct(healthy / sessions.length),
    reason: `${healthy} of ${sessions.length} sessions last between 25 min and 4 h`,
  };
}

export function focus(input: ScoreInput): Component {
  let total = 0;
  let long = 0;
  for (const s of input.sessions) {
    const ms = (s.end - s.start) * weightOf(input.weights, s.category);
    total += ms;
    if (s.lengthMs >= SCORE.focusMinMs) long += ms;
  }
  if (total === 0) return { name: 'focus', value: null, missing: 'needs tracked time outside breaks' };
  return {
    name: 'focus',
    value: pct(long / total),
    reason: `${pct(long / total)}% of your time is in sessions of 45 min or more`,
  };
}

export function trend(input: ScoreInput): Component {
  const sum = (days: readonly DayTotals[]): number =>
    days.reduce((a, d) => a + weightedMs(d, input.weights), 0);
  const current = sum(input.days);
  const previous = sum(input.previousDays);
  if (previous === 0) {
    return {
      name: 'trend',
      value: null,
      missing: `needs tracked time in the ${input.days.length} days before`,
    };
  }
  const change = (current - previous) / previous;
  const sign = change >= 0 ? '+' : '−';
  return {
    name: 'trend',
    value: pct(0.5 + (0.5 * (current - previous)) / (current + previous)),
    reason: `${hours(current)} against ${hours(previous)} in the ${input.days.length} days before (${sign}${Math.abs(pct(change))}%)`,
  };
}

export function productivityScore(input: ScoreInput): Score {
  const components = [consistency, balance, timePatterns, sessionQuality, focus, trend].map((f) => f(input));
  const active = input.days.filter((d) => weightedMs(d, input.weights) > 0).length;
  if (active < SCORE.minActiveDays) {
    return {
      value: null,
      missing: `A score needs tracked work on at least ${SCORE.minActiveDays} days of the period (${active} so far).`,
      components,
    };
  }
  let sum = 0;
  let weights = 0;
  for (const c of components) {
    if (c.value === null) continue;
    sum += SCORE.weights[c.name] * c.value;
    weights += SCORE.weights[c.name];
  }
  return { value: Math.round(sum / weights), components };
}
