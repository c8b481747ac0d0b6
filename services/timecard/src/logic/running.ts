/** Figures about a running session (not yet credited anywhere). */
import { splitByLocalDay, type GuildSettings } from '@timekeeper/storage';

/** How much of a session running since `start` falls on the local day `day` (YYYY-MM-DD) by `now`. */
export function runningMsOnDay(
  start: number,
  now: number,
  day: string,
  settings: Pick<GuildSettings, 'timeZone' | 'weekStart'>,
): number {
  if (now <= start) return 0;
  return splitByLocalDay(start, now, settings.timeZone, settings.weekStart)
    .filter(([pieceDay]) => pieceDay === day)
    .reduce((sum, [, , , ms]) => sum + ms, 0);
}

/** How much of a running session falls in the week / month with these ids. */
export function runningMsInPeriod(
  start: number,
  now: number,
  period: { week?: string; month?: string },
  settings: Pick<GuildSettings, 'timeZone' | 'weekStart'>,
): number {
  if (now <= start) return 0;
  return splitByLocalDay(start, now, settings.timeZone, settings.weekStart)
    .filter(([, week, month]) => (period.week ? week === period.week : month === period.month))
    .reduce((sum, [, , , ms]) => sum + ms, 0);
}
