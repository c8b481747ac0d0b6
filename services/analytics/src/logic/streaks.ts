/** Streaks: consecutive local days with at least the minimum of productive (non-break) time. Pure. */
import { productiveMs, type DayTotals } from './days';

export interface Streaks {
  /** Days in a row up to today; today counts once it reaches the minimum, else the run up to yesterday. */
  readonly current: number;
  readonly best: number;
  /** Whether today already reached the minimum. */
  readonly todayCounted: boolean;
}

/** `days` are consecutive local days, oldest first, the last one today. */
export function streaks(
  days: readonly DayTotals[],
  weights: ReadonlyMap<string, number>,
  minimumMs: number,
): Streaks {
  const hit = days.map((d) => productiveMs(d, weights) >= minimumMs);
  let best = 0;
  let run = 0;
  for (const h of hit) {
    run = h ? run + 1 : 0;
    best = Math.max(best, run);
  }
  const todayCounted = hit.length > 0 && hit[hit.length - 1]!;
  let current = 0;
  for (let i = hit.length - (todayCounted ? 1 : 2); i >= 0 && hit[i]; i--) current++;
  return { current, best, todayCounted };
}
