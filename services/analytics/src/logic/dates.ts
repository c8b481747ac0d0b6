/** Leaderboard date ranges: server-local dates, checked before anything is read; the current period. */
import { periodRange, type GuildSettings } from '@timekeeper/storage';
import { DateTime } from 'luxon';

export const MAX_RANGE_YEARS = 5;

export type RangeCheck =
  | { readonly ok: true; readonly fromDate: string; readonly toDate: string }
  | { readonly ok: false; readonly message: string };

const ISO = /^\d{4}-\d{2}-\d{2}$/;

/** `from`/`to` of `/leaderboard` (YYYY-MM-DD, inclusive) against today in the guild's zone. */
export function checkRange(
  from: string | undefined,
  to: string | undefined,
  now: number,
  timeZone: string,
): RangeCheck {
  const today = DateTime.fromMillis(now, { zone: timeZone }).toFormat('yyyy-MM-dd');
  if (from === undefined)
    return { ok: false, message: 'A custom range needs `from` (and optionally `to`), as YYYY-MM-DD.' };
  const toDate = to ?? today;
  for (const [name, value] of [
    ['from', from],
    ['to', toDate],
  ] as const) {
    if (!ISO.test(value) || !DateTime.fromISO(value, { zone: 'UTC' }).isValid) {
      return {
        ok: false,
        message: `\`${name}\` must be a date as YYYY-MM-DD (e.g. 2024-03-01); got "${value}".`,
      };
    }
  }
  if (from > toDate)
    return { ok: false, message: `\`from\` (${from}) is after \`to\` (${toDate}): swap them.` };
  if (toDate > today)
    return { ok: false, message: `\`to\` (${toDate}) is in the future; today is ${today} here.` };
  const start = DateTime.fromISO(from, { zone: 'UTC' });
  if (start.plus({ years: MAX_RANGE_YEARS }) <= DateTime.fromISO(toDate, { zone: 'UTC' })) {
    return { ok: false, message: `A range covers at most ${MAX_RANGE_YEARS} years; pick a later \`from\`.` };
  }
  return { ok: true, fromDate: from, toDate };
}

type PeriodKind = Parameters<typeof periodRange>[0];
/** The last answers of `currentPeriod`, by kind and zone: valid until the period ends. */
const recentPeriods = new Map<string, ReturnType<typeof periodRange>>();

/**
 * The local day, week, month or year containing `now` (storage's `periodRange`), kept until it ends:
 * working it out walks the period day by day through zone conversions, the costliest part of a board.
 */
export function currentPeriod(
  kind: PeriodKind,
  now: number,
  settings: Pick<GuildSettings, 'timeZone' | 'weekStart'>,
): ReturnType<typeof periodRange> {
  const key = `${kind}|${settings.timeZone}|${settings.weekStart}`;
  const kept = recentPeriods.get(key);
  if (kept && now >= kept.from && now < kept.to) return kept;
  const period = periodRange(kind, now, settings);
  if (recentPeriods.size >= 1_024) recentPeriods.clear();
  recentPeriods.set(key, period);
  return period;
}
