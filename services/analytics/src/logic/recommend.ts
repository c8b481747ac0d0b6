/** Recommendations, each following from a number the member sees (README lists the rules). Pure. */
import type { Component } from './score';
import type { Streaks } from './streaks';

export const RECOMMEND = {
  /** A component below this gets its advice. */
  weakComponent: 60,
  maxShown: 4,
} as const;

const ADVICE: Record<Component['name'], (value: number, reason: string) => string> = {
  consistency: (v, r) => `Consistency is ${v}/100 (${r}): short, regular days beat a few long ones.`,
  balance: (v, r) => `Balance is ${v}/100 (${r}): cap long days and take a break on full ones.`,
  timePatterns: (v, r) => `Time patterns are ${v}/100 (${r}): move more of your work into work hours.`,
  sessionQuality: (v, r) => `Session quality is ${v}/100 (${r}): aim for sessions of 25 min to 4 h.`,
  focus: (v, r) => `Focus is ${v}/100 (${r}): group short sessions into longer blocks.`,
  trend: (v, r) => `Trend is ${v}/100 (${r}): your tracked time fell against the period before.`,
};

export function recommendations(components: readonly Component[], streak: Streaks | null): string[] {
  const out = components
    .filter(
      (c): c is Extract<Component, { value: number }> =>
        c.value !== null && c.value < RECOMMEND.weakComponent,
    )
    .sort((a, b) => a.value - b.value)
    .map((c) => ADVICE[c.name](c.value, c.reason));
  if (streak && streak.current > 0 && !streak.todayCounted) {
    out.push(`Your streak is ${streak.current} days: track today's minimum to keep it going.`);
  }
  return out.slice(0, RECOMMEND.maxShown);
}
