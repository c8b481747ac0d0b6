/** The days an export covers: `from`/`to` as the member typed them, checked and turned into instants. */
import { DateTime } from 'luxon';

/** Longest range one export may cover, in days (inclusive of both ends). */
export const MAX_RANGE_DAYS = 366;

export interface ExportRange {
  /** Inclusive local days, `YYYY-MM-DD`. */
  readonly from: string;
  readonly to: string;
  /** [startMs, endMs): local midnight of `from` to local midnight after `to`. */
  readonly startMs: number;
  readonly endMs: number;
}

export type RangeResult = { ok: true; range: ExportRange } | { ok: false; message: string };

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function parseDay(raw: string, zone: string, name: string): DateTime | string {
  const match = DATE.exec(raw.trim());
  const parsed = match
    ? DateTime.fromObject(
        { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) },
        { zone },
      )
    : null;
  if (!parsed?.isValid) {
    return `\`${name}\` must be a date written YYYY-MM-DD, like 2026-11-01 — "${raw.slice(0, 20)}" is not one.`;
  }
  return parsed.startOf('day');
}

/**
 * The range of an export in `zone`. Defaults: from the first of the current month, to today. Refuses
 * malformed dates, `from` after `to`, and ranges longer than MAX_RANGE_DAYS.
 */
export function resolveRange(
  input: { from?: string | undefined; to?: string | undefined },
  zone: string,
  now: number,
): RangeResult {
  const today = DateTime.fromMillis(now, { zone }).startOf('day');
  const from = input.from === undefined ? today.startOf('month') : parseDay(input.from, zone, 'from');
  if (typeof from === 'string') return { ok: false, message: from };
  const to = input.to === undefined ? today : parseDay(input.to, zone, 'to');
  if (typeof to === 'string') return { ok: false, message: to };
  const fromDay = from.toFormat('yyyy-MM-dd');
  const toDay = to.toFormat('yyyy-MM-dd');
  if (from > to) {
    return {
      ok: false,
      message: `\`from\` (${fromDay}) is after \`to\` (${toDay}). Swap them, or leave one out.`,
    };
  }
  const days = Math.round(to.diff(from, 'days').days) + 1;
  if (days > MAX_RANGE_DAYS) {
    return {
      ok: false,
      message: `One export covers at most ${MAX_RANGE_DAYS} days; ${fromDay} to ${toDay} is ${days}. Split it into shorter ranges.`,
    };
  }
  const end = to.plus({ days: 1 }).startOf('day');
  return { ok: true, range: { from: fromDay, to: toDay, startMs: from.toMillis(), endMs: end.toMillis() } };
}
