/** The server view of insights (managers): totals, active members, category mix, busiest hours. */
import { pngDimensions, renderHeatmap, renderStackedDays } from '@timekeeper/charts';
import { WEEKDAYS } from '@timekeeper/storage';
import { DateTime } from 'luxon';
import type { APIEmbed } from 'discord-api-types/v10';
import { categoryInsights } from '../logic/compare';
import { lastLocalDays, totalsByDay, type DayTotals } from '../logic/days';
import { forecastFromDays } from '../logic/forecast-input';
import { describeForecast } from '../logic/forecast-text';
import { loadCategories, valueOf, type AnalyticsDeps } from '../deps';
import { formatDuration, hoursText, signedPct } from '../views/format';
import { clip } from '../views/insights';
import type { Reply } from './deliver';
import type { InsightsRequest } from './insights';

/** Hours of tracked time per local weekday (rows, week start first) and hour of day (columns). Pure. */
export function busiestHours(
  intervals: readonly { start: number; end: number }[],
  zone: { timeZone: string; weekStart: (typeof WEEKDAYS)[number] },
): number[][] {
  const grid = WEEKDAYS.map(() => new Array<number>(24).fill(0));
  const first = WEEKDAYS.indexOf(zone.weekStart);
  for (const s of intervals) {
    let cursor = s.start;
    while (cursor < s.end) {
      const local = DateTime.fromMillis(cursor, { zone: zone.timeZone });
      const next = Math.min(s.end, local.startOf('hour').plus({ hours: 1 }).toMillis());
      const row = (local.weekday - 1 - first + 7) % 7;
      grid[row]![local.hour]! += (next - cursor) / 3_600_000;
      cursor = next;
    }
  }
  return grid;
}

/** Days read for the server's forecast: 7 weeks of complete days and today. */
const FORECAST_DAYS = 50;

const sum = (days: readonly DayTotals[]): number => days.reduce((a, d) => a + d.totalMs, 0);

export async function serverInsightsReply(deps: AnalyticsDeps, request: InsightsRequest): Promise<Reply> {
  const { guildId, periodDays, settings } = request;
  const now = deps.clock.now();
  // Enough history for the forecast (7 weeks and today) whatever the period.
  const days = lastLocalDays(now, Math.max(2 * periodDays, FORECAST_DAYS), settings);
  const [sessions, categories] = await Promise.all([
    deps.storage.sessionsOverlapping(guildId, { from: days[0]!.startMs, to: now }).then(valueOf),
    loadCategories(deps, guildId),
  ]);
  const intervals = sessions.map((s) => ({
    start: s.clippedStart,
    end: s.clippedEnd,
    category: s.category,
    userId: s.userId,
  }));
  const all = totalsByDay(intervals, days, settings);
  const period = all.slice(-periodDays);
  const previous = all.slice(-2 * periodDays, -periodDays);
  const periodStart = days[days.length - periodDays]!.startMs;
  const previousStart = days[days.length - 2 * periodDays]!.startMs;
  const inPeriod = intervals
    .filter((s) => s.end > periodStart)
    .map((s) => ({ ...s, start: Math.max(s.start, periodStart) }));
  const members = new Set(inPeriod.map((s) => s.userId)).size;
  const membersBefore = new Set(
    intervals.filter((s) => s.start < periodStart && s.end > previousStart).map((s) => s.userId),
  ).size;
  const weights = new Map(categories.map((c) => [c.key, c.productivityWeight]));
  const { forecast } = forecastFromDays(all, weights);
  const names = new Map(categories.map((c) => [c.key, c.displayName]));
  const byCategory = (list: readonly DayTotals[]) => {
    const m = new Map<string, number>();
    for (const d of list) for (const [c, ms] of d.byCategory) m.set(c, (m.get(c) ?? 0) + ms);
    return m;
  };
  const mix = categoryInsights(byCategory(period), byCategory(previous));
  const tracked = sum(period);
  const before = sum(previous);
  const change =
    before === 0
      ? 'nothing tracked before'
      : `${signedPct(Math.round((100 * (tracked - before)) / before))} vs the ${periodDays} days before`;
  const shown = [...new Set(period.flatMap((d) => [...d.byCategory.keys()]))].sort();
  const [daysPng, heatPng] = await Promise.all([
    renderStackedDays({
      title: `Server hours per day — last ${periodDays} days`,
      labels: period.map((d) => d.day.slice(5)),
      series: shown.map((key) => ({
        name: names.get(key) ?? key,
        values: period.map((d) => (d.byCategory.get(key) ?? 0) / 3_600_000),
      })),
      yLabel: 'hours',
    }),
    renderHeatmap({
      title: `Busiest hours (${settings.timeZone})`,
      rows: [
        ...WEEKDAYS.slice(WEEKDAYS.indexOf(settings.weekStart)),
        ...WEEKDAYS.slice(0, WEEKDAYS.indexOf(settings.weekStart)),
      ].map((d) => d.slice(0, 3)),
      columns: Array.from({ length: 24 }, (_, h) => String(h).padStart(2, '0')),
      values: busiestHours(inPeriod, settings),
      unit: 'h',
    }),
  ]);
  const embed: APIEmbed = {
    title: `🏢 Server insights — last ${periodDays} days`,
    color: 0x9b59b6,
    fields: [
      { name: 'Tracked', value: `**${formatDuration(tracked)}** (${change})`, inline: false },
      {
        name: 'Active members',
        value: `${members} (${membersBefore} in the ${periodDays} days before)`,
        inline: true,
      },
      { name: 'Next week', value: clip(describeForecast(forecast).join('\n')) },
      {
        name: 'Category mix',
        value: clip(
          mix
            .map(
              (c) =>
                `• ${names.get(c.category) ?? c.category}: ${hoursText(c.ms)} (${c.share}%), ${c.changePct === null ? 'new' : signedPct(c.changePct)}`,
            )
            .join('\n') || 'No tracked time in this period.',
        ),
      },
    ],
    image: { url: 'attachment://server-days.png', ...pngDimensions(daysPng) },
    footer: { text: 'Busiest hours: the second image · completed sessions only' },
  };
  return {
    embeds: [embed],
    files: [
      { name: 'server-days.png', data: daysPng, contentType: 'image/png' },
      { name: 'busiest-hours.png', data: heatPng, contentType: 'image/png' },
    ],
  };
}
