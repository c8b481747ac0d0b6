/** A member's insights from their sessions: the numbers the embed and the chart show. Pure. */
import type { ClippedSession } from '@timekeeper/storage';
import { categoryInsights, compare, type CategoryInsight, type Comparison, type Standing } from './compare';
import { totalsByDay, type DayTotals, type LocalDaySpan, type Zone } from './days';
import { recommendations } from './recommend';
import { productivityScore, type Score, type SessionFact } from './score';
import { streaks, type Streaks } from './streaks';

export interface MemberInsightsInput {
  /** Local days read, oldest first, the last one today: at least 2 × period. */
  readonly days: readonly LocalDaySpan[];
  readonly periodDays: number;
  readonly sessions: readonly ClippedSession[];
  readonly weights: ReadonlyMap<string, number>;
  readonly workHours: { readonly start: number; readonly end: number };
  readonly streakMinimumMs: number;
  readonly zone: Zone;
  /** Where the member stands on the server's board over the same period, for comparisons. */
  readonly standing: Standing;
}

export interface MemberInsights {
  readonly period: readonly DayTotals[];
  readonly totalMs: number;
  readonly score: Score;
  readonly streaks: Streaks;
  readonly categories: readonly CategoryInsight[];
  readonly comparison: Comparison | null;
  readonly recommendations: readonly string[];
  /** Every day read (for the forecast), oldest first. */
  readonly history: readonly DayTotals[];
}

const sumByCategory = (days: readonly DayTotals[]): Map<string, number> => {
  const out = new Map<string, number>();
  for (const d of days) for (const [c, ms] of d.byCategory) out.set(c, (out.get(c) ?? 0) + ms);
  return out;
};

export function memberInsights(input: MemberInsightsInput): MemberInsights {
  const intervals = input.sessions.map((s) => ({
    start: s.clippedStart,
    end: s.clippedEnd,
    category: s.category,
  }));
  const history = totalsByDay(intervals, input.days);
  const n = input.periodDays;
  const period = history.slice(-n);
  const previous = history.slice(-2 * n, -n);
  const periodStart = input.days[input.days.length - n]!.startMs;
  const facts: SessionFact[] = input.sessions
    .filter((s) => s.clippedEnd > periodStart)
    .map((s) => ({
      start: Math.max(s.clippedStart, periodStart),
      end: s.clippedEnd,
      category: s.category,
      lengthMs: s.durationMs,
    }));
  const score = productivityScore({
    days: period,
    previousDays: previous,
    sessions: facts,
    weights: input.weights,
    workHours: input.workHours,
    zone: input.zone,
  });
  const streak = streaks(history, input.weights, input.streakMinimumMs);
  return {
    period,
    totalMs: period.reduce((a, d) => a + d.totalMs, 0),
    score,
    streaks: streak,
    categories: categoryInsights(sumByCategory(period), sumByCategory(previous)),
    comparison: compare(input.standing),
    recommendations: recommendations(score.components, streak),
    history,
  };
}
