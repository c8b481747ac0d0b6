/** A member against the server over the same days. Pure. */

/** Where a member stands on the server's board over the period (storage's board read, no page). */
export interface Standing {
  /** Members with time in the period. */
  readonly size: number;
  /** The member's place; null when they have no time in the period. */
  readonly own: { readonly rank: number; readonly ms: number } | null;
  /** Members with less time than this one. */
  readonly below: number;
  readonly medianMs: number;
}

export interface Comparison {
  readonly rank: number;
  /** Members with time in the period. */
  readonly members: number;
  /**
   * Share of the other members with less time than this member, 0–100: higher is better (100 = the
   * most time). Null when the member is alone on the board.
   */
  readonly percentile: number | null;
  readonly medianMs: number;
  /** This member's time minus the median. */
  readonly vsMedianMs: number;
}

/** null when the member has no time in the period (not on the board). */
export function compare(standing: Standing): Comparison | null {
  const { own, size, below, medianMs } = standing;
  if (!own) return null;
  return {
    rank: own.rank,
    members: size,
    percentile: size > 1 ? Math.round((100 * below) / (size - 1)) : null,
    medianMs,
    vsMedianMs: own.ms - medianMs,
  };
}

export interface CategoryInsight {
  readonly category: string;
  readonly ms: number;
  /** Share of the period's tracked time, 0–100. */
  readonly share: number;
  /** (now − before) / before, in %; null when there was nothing before (new). */
  readonly changePct: number | null;
}

/** Per category: time now, share, and change against the previous period (positive = more now). */
export function categoryInsights(
  now: ReadonlyMap<string, number>,
  before: ReadonlyMap<string, number>,
): CategoryInsight[] {
  const total = [...now.values()].reduce((a, b) => a + b, 0);
  return [...now]
    .filter(([, ms]) => ms > 0)
    .map(([category, ms]) => {
      const prev = before.get(category) ?? 0;
      return {
        category,
        ms,
        share: total === 0 ? 0 : Math.round((100 * ms) / total),
        changePct: prev === 0 ? null : Math.round((100 * (ms - prev)) / prev),
      };
    })
    .sort((a, b) => b.ms - a.ms || a.category.localeCompare(b.category));
}
