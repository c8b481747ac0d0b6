/** The forecast's input from daily totals: complete local days (today left out), productive hours. Pure. */
import { DateTime } from 'luxon';
import { productiveMs, type DayTotals } from './days';
import { forecastNextWeek, type NoForecast, type WeekForecast } from './forecast';

export function forecastFromDays(
  days: readonly DayTotals[],
  weights: ReadonlyMap<string, number>,
): { forecast: WeekForecast | NoForecast; labels: string[] } {
  const complete = days.slice(0, -1);
  if (complete.length === 0)
    return { forecast: { status: 'insufficient-history', neededDays: 49, historyDays: 0 }, labels: [] };
  const first = DateTime.fromISO(complete[0]!.day, { zone: 'UTC' });
  const hours = complete.map((d) => Math.min(25, productiveMs(d, weights) / 3_600_000));
  const today = DateTime.fromISO(days[days.length - 1]!.day, { zone: 'UTC' });
  return {
    forecast: forecastNextWeek(hours, first.weekday),
    labels: Array.from({ length: 7 }, (_, i) => today.plus({ days: i }).toFormat('MM-dd')),
  };
}
