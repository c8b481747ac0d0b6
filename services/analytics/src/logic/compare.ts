/** A member against the server over the same days. Pure. */

export interface BoardRow {
  readonly userId: string;
  readonly ms: number;
  /** 1-based; ties broken by who reached the time first (storage orders them). */
  readonly rank: number;
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

export function median(values: readonly number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** null when the member has no time in the period (not on the board). */
export function compare(rows: readonly BoardRow[], userId: string): Comparison | null {
  const me = rows.find((r) => r.userId === userId);
  if (!me) return null;
  const less = rows.filter((r) => r.ms < me.ms).length;
  const medianMs = median(rows.map((r) => r.ms));
  return {
    rank: me.rank,
    members: rows.length,
    percentile: rows.length > 1 ? Math.round((100 * less) / (rows.length - 1)) : null,
    medianMs,
    vsMedianMs: me.ms - medianMs,
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
