/**
 * Pure pieces of timesheet management: reading times typed in the server's zone, the weeks and months
 * a manager can name, and what a correction changes.
 */
import { DateTime } from 'luxon';
import { WEEKDAYS, type Weekday } from '@timekeeper/storage';

export type PeriodChoice = 'week' | 'last-week' | 'month' | 'last-month';

export const PERIOD_CHOICES: readonly PeriodChoice[] = ['week', 'last-week', 'month', 'last-month'];

export interface LocalRange {
  readonly from: number;
  readonly to: number;
  /** `week` or `month`: what a lock of this range covers. */
  readonly kind: 'week' | 'month';
  /** "the week of Mon 30 Nov 2026", "December 2026". */
  readonly label: string;
}

/** The week or month named, in the server's zone and week start, around `now`. */
export function periodRange(choice: PeriodChoice, now: number, zone: string, weekStart: Weekday): LocalRange {
  const local = DateTime.fromMillis(now, { zone });
  if (choice === 'week' || choice === 'last-week') {
    const back = (local.weekday - (WEEKDAYS.indexOf(weekStart) + 1) + 7) % 7;
    let first = local.startOf('day').minus({ days: back });
    if (choice === 'last-week') first = first.minus({ weeks: 1 });
    return {
      from: first.toMillis(),
      to: first.plus({ weeks: 1 }).toMillis(),
      kind: 'week',
      label: `the week of ${first.toFormat('ccc d LLL yyyy')}`,
    };
  }
  let first = local.startOf('month');
  if (choice === 'last-month') first = first.minus({ months: 1 });
  return {
    from: first.toMillis(),
    to: first.plus({ months: 1 }).toMillis(),
    kind: 'month',
    label: first.toFormat('LLLL yyyy'),
  };
}

export type TimeParse = { ok: true; ms: number } | { ok: false; message: string };

const FULL = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{1,2}):(\d{2})$/;
const CLOCK = /^(\d{1,2}):(\d{2})$/;

/**
 * A time typed by a manager in the server's zone: `YYYY-MM-DD HH:MM`, or `HH:MM` on the local day of
 * `day` (an instant). Times that do not exist (a DST gap) or are out of range are refused.
 */
export function parseLocalTime(text: string, zone: string, day: number): TimeParse {
  const trimmed = text.trim();
  const full = FULL.exec(trimmed);
  const clock = CLOCK.exec(trimmed);
  let parts: { year: number; month: number; day: number; hour: number; minute: number };
  if (full) {
    const [, y, mo, d, h, mi] = full.map(Number) as [number, number, number, number, number, number];
    parts = { year: y, month: mo, day: d, hour: h, minute: mi };
  } else if (clock) {
    const base = DateTime.fromMillis(day, { zone });
    parts = {
      year: base.year,
      month: base.month,
      day: base.day,
      hour: Number(clock[1]),
      minute: Number(clock[2]),
    };
  } else {
    return { ok: false, message: `"${trimmed}" isn't a time. Use HH:MM or YYYY-MM-DD HH:MM.` };
  }
  if (parts.hour > 23 || parts.minute > 59)
    return { ok: false, message: `"${trimmed}" isn't a time of day.` };
  const dt = DateTime.fromObject(parts, { zone });
  if (!dt.isValid || dt.hour !== parts.hour || dt.minute !== parts.minute || dt.day !== parts.day) {
    return { ok: false, message: `"${trimmed}" doesn't exist in ${zone} (a daylight-saving change?).` };
  }
  return { ok: true, ms: dt.toMillis() };
}

/**
 * An end typed as `HH:MM` belongs to the start's day, or the next day when that would be before the
 * start (a night shift); a full date is taken as typed.
 */
export function parseEnd(text: string, zone: string, start: number): TimeParse {
  const parsed = parseLocalTime(text, zone, start);
  if (!parsed.ok || FULL.test(text.trim()) || parsed.ms > start) return parsed;
  return parseLocalTime(text, zone, DateTime.fromMillis(start, { zone }).plus({ days: 1 }).toMillis());
}

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * The end of a suspension: `YYYY-MM-DD HH:MM` as typed, or `YYYY-MM-DD` alone for the end of that day
 * (midnight after it), in the server's zone.
 */
export function parseUntil(text: string, zone: string): TimeParse {
  const date = DATE_ONLY.exec(text.trim());
  if (!date) {
    if (!FULL.test(text.trim())) {
      return { ok: false, message: `"${text.trim()}" isn't a date. Use YYYY-MM-DD or YYYY-MM-DD HH:MM.` };
    }
    return parseLocalTime(text, zone, 0);
  }
  const day = DateTime.fromObject(
    { year: Number(date[1]), month: Number(date[2]), day: Number(date[3]) },
    { zone },
  );
  if (!day.isValid) return { ok: false, message: `"${text.trim()}" isn't a date.` };
  return { ok: true, ms: day.plus({ days: 1 }).startOf('day').toMillis() };
}
