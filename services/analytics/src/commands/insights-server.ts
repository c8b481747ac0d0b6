/** The server view of insights (managers): totals, active members, category mix, busiest hours. */
import { pngDimensions } from '@timekeeper/charts';
import { WEEKDAYS } from '@timekeeper/storage';
import { DateTime } from 'luxon';
import type { APIEmbed } from 'discord-api-types/v10';
import { categoryInsights } from '../logic/compare';
import { lastLocalDays, type DayTotals } from '../logic/days';
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

/** The heat map reads the sessions of at most this many recent local days (an index range read). */
export const HEATMAP_DAYS = 7;

const sum = (days: readonly DayTotals[]): number => days.reduce((a, d) => a + d.totalMs, 0);

/** The guild's daily rollups as day totals for the given days (days without time are zero). Pure. */
export function rollupDays(
  days: readonly { day: string }[],
  rollups: { days: ReadonlyMap<string, { ms: number; byCategory: ReadonlyMap<string, number> }> },
): DayTotals[] {
  return days.map(({ day }) => {
    const entry = rollups.days.get(day);
    return { day, byCategory: entry?.byCategory ?? new Map(), totalMs: entry?.ms ?? 0 };
  });
}

/** How many members tracked time on the local dates [fromDate, toDate] (the range board's size). */
async function activeMembers(
  deps: AnalyticsDeps,
  request: InsightsRequest,
  fromDate: string,
  toDate: string,
): Promise<number> {
  const board = await deps.storage.rangeBoard(request.guildId, {
    fromDate,
    toDate,
    offset: 0,
    limit: 0,
    userId: request.userId,
  });
  return valueOf(board).size;
}

/**
 * Reads indexes only: daily rollups for totals, category mix and the forecast; range boards for the
 * active members; the sessions of the last few days (start-time index) for the busiest hours.
 */
export async function serverInsightsReply(deps: AnalyticsDeps, request: InsightsRequest): Promise<Reply> {
  const { guildId, periodDays, settings } = request;
  const now = deps.clock.now();
  // Enough history for the forecast (7 weeks and today) whatever the period.
  const days = lastLocalDays(now, Math.max(2 * periodDays, FORECAST_DAYS), settings);
  const periodFirst = days[days.length - periodDays]!;
  const previousFirst = days[days.length - 2 * periodDays]!;
  const dayBefore = days[days.length - periodDays - 1]!;
  const today = days[days.length - 1]!;
  const heatFirst = days[days.length - Math.min(periodDays, HEATMAP_DAYS)]!;
  const [rollups, categories, members, membersBefore, recent, rebuild] = await Promise.all([
    deps.storage.dailyRollups(guildId, { fromDate: days[0]!.day, toDate: today.day }).then(valueOf),
    loadCategories(deps, guildId),
    activeMembers(deps, request, periodFirst.day, today.day),
    activeMembers(deps, request, previousFirst.day, dayBefore.day),
    deps.storage.sessionsOverlapping(guildId, { from: heatFirst.startMs, to: now }).then(valueOf),
    deps.storage.periodsState(guildId).then(valueOf),
  ]);
  const all = rollupDays(days, rollups);
  const period = all.slice(-periodDays);
  const previous = all.slice(-2 * periodDays, -periodDays);
  const heatDays = Math.min(periodDays, HEATMAP_DAYS);
  const inHeat = recent.map((s) => ({ start: s.clippedStart, end: s.clippedEnd }));
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
    deps.charts.render({
      kind: 'stacked-days',
      chart: {
        title: `Server hours per day — last ${periodDays} days`,
        labels: period.map((d) => d.day.slice(5)),
        series: shown.map((key) => ({
          name: names.get(key) ?? key,
          values: period.map((d) => (d.byCategory.get(key) ?? 0) / 3_600_000),
        })),
        yLabel: 'hours',
      },
    }),
    deps.charts.render({
      kind: 'heatmap',
      chart: {
        title: `Busiest hours — last ${heatDays} days (${settings.timeZone})`,
        rows: [
          ...WEEKDAYS.slice(WEEKDAYS.indexOf(settings.weekStart)),
          ...WEEKDAYS.slice(0, WEEKDAYS.indexOf(settings.weekStart)),
        ].map((d) => d.slice(0, 3)),
        columns: Array.from({ length: 24 }, (_, h) => String(h).padStart(2, '0')),
        values: busiestHours(inHeat, settings),
        unit: 'h',
      },
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
    ...(rebuild.state === 'done'
      ? {}
      : {
          description: `⏳ Daily totals are being rebuilt for the new time zone or week start (${rebuild.processed} of about ${rebuild.members} members so far): the figures below are incomplete until it is done.`,
        }),
    footer: {
      text: `Busiest hours (last ${heatDays} days): the second image · completed sessions only`,
    },
  };
  return {
    embeds: [embed],
    files: [
      { name: 'server-days.png', data: daysPng, contentType: 'image/png' },
      { name: 'busiest-hours.png', data: heatPng, contentType: 'image/png' },
    ],
  };
}
