/** One member's insights: sessions → numbers → embed + stacked-days chart. */
import { pngDimensions } from '@timekeeper/charts';
import type { Standing } from '../logic/compare';
import { lastLocalDays } from '../logic/days';
import { forecastFromDays } from '../logic/forecast-input';
import { describeForecast } from '../logic/forecast-text';
import { memberInsights } from '../logic/insights';
import { loadCategories, valueOf, type AnalyticsDeps } from '../deps';
import { memberInsightsEmbed } from '../views/insights';
import type { Reply } from './deliver';
import type { InsightsRequest } from './insights';

/** Days read for streaks (the best streak looks back this far) when the period is shorter. */
export const HISTORY_DAYS = 365;

/** Where the member stands on the server's board over the period's local dates (no page read). */
async function standing(
  deps: AnalyticsDeps,
  guildId: string,
  fromDate: string,
  toDate: string,
  userId: string,
): Promise<Standing> {
  return valueOf(await deps.storage.rangeBoard(guildId, { fromDate, toDate, offset: 0, limit: 0, userId }));
}

export async function memberInsightsReply(deps: AnalyticsDeps, request: InsightsRequest): Promise<Reply> {
  const { guildId, userId, periodDays, settings } = request;
  const now = deps.clock.now();
  const days = lastLocalDays(now, Math.max(2 * periodDays, HISTORY_DAYS), settings);
  const periodFirst = days[days.length - periodDays]!;
  const today = days[days.length - 1]!.day;
  // The numbers (sessions split into local days, score, forecast) are kept until the server's next
  // write: working them out again costs far more than reading them.
  const { insights, forecast, labels, categories } = await deps.cache.get(
    'member-insights',
    guildId,
    `${userId}|${periodDays}|${today}`,
    async () => {
      const [sessions, categories, place] = await Promise.all([
        deps.storage.sessionsOverlapping(guildId, { userId, from: days[0]!.startMs, to: now }).then(valueOf),
        loadCategories(deps, guildId),
        standing(deps, guildId, periodFirst.day, today, userId),
      ]);
      const weights = new Map(categories.map((c) => [c.key, c.productivityWeight]));
      const insights = memberInsights({
        days,
        periodDays,
        sessions,
        weights,
        workHours: settings.workHours,
        streakMinimumMs: settings.streakMinimumMs,
        zone: settings,
        standing: place,
      });
      return { insights, categories, ...forecastFromDays(insights.history, weights) };
    },
  );
  const names = new Map(categories.map((c) => [c.key, c.displayName]));
  const shown = [...new Set(insights.period.flatMap((d) => [...d.byCategory.keys()]))].sort();
  const png = await deps.charts.render({
    kind: 'stacked-days',
    chart: {
      title: `Hours per day — last ${periodDays} days`,
      labels: insights.period.map((d) => d.day.slice(5)),
      series: shown.map((key) => ({
        name: names.get(key) ?? key,
        values: insights.period.map((d) => (d.byCategory.get(key) ?? 0) / 3_600_000),
      })),
      yLabel: 'hours',
      ...(forecast.status === 'forecast'
        ? {
            forecast: {
              name: forecast.method === 'model' ? 'Forecast' : 'Forecast (last week)',
              labels,
              values: forecast.days.map((d) => d.hours),
              low: forecast.days.map((d) => d.low),
              high: forecast.days.map((d) => d.high),
            },
          }
        : {}),
    },
  });
  const file = 'insights.png';
  return {
    embeds: [
      memberInsightsEmbed({
        userId,
        periodDays,
        insights,
        names,
        forecast: describeForecast(forecast).join('\n'),
        chartFile: file,
        chartSize: pngDimensions(png),
      }),
    ],
    files: [{ name: file, data: png, contentType: 'image/png' }],
  };
}
