// The forecast in words, every sentence following from a number in the result.
import { type NoForecast, type WeekForecast, type Weekday } from './forecast';

const WEEKDAYS = ['Mondays', 'Tuesdays', 'Wednesdays', 'Thursdays', 'Fridays', 'Saturdays', 'Sundays'];
/** Weekday effects smaller than this are left out of the explanation. */
const NOTABLE_EFFECT_HOURS = 0.25;

const hours = (value: number) => `${value.toFixed(1)} h`;
const signed = (value: number) => `${value >= 0 ? '+' : '−'}${Math.abs(value).toFixed(1)} h`;

export function describeForecast(forecast: WeekForecast | NoForecast): string[] {
  if (forecast.status === 'insufficient-history') {
    return [
      `No forecast yet: it needs ${weeksAndDays(forecast.neededDays)} of history, there are ${weeksAndDays(forecast.historyDays)}.`,
    ];
  }
  const { backtest } = forecast;
  const range = `${hours(forecast.low)}–${hours(forecast.high)}`;
  const lines =
    forecast.method === 'model'
      ? [
          `Next 7 days: about ${hours(forecast.hours)} (likely ${range}).`,
          `Over the last ${backtest.weeks} weeks this forecast was off by ${hours(backtest.modelMae)} a week on average; repeating the previous week was off by ${hours(backtest.baselineMae)}.`,
        ]
      : [
          `Next 7 days: ${hours(forecast.hours)}, the same as the last 7 days (likely ${range}).`,
          `The model did not beat repeating the previous week over the last ${backtest.weeks} weeks (off by ${hours(backtest.modelMae)} a week against ${hours(backtest.baselineMae)}), so the forecast is last week's hours.`,
        ];
  const notable = forecast.weekdayEffects.filter((effect) => Math.abs(effect.hours) >= NOTABLE_EFFECT_HOURS);
  if (forecast.method === 'model' && notable.length > 0) {
    lines.push(
      `Against an average day: ${notable.map((e) => `${weekdayName(e.weekday)} ${signed(e.hours)}`).join(', ')}.`,
    );
  }
  return lines;
}

function weekdayName(weekday: Weekday): string {
  return WEEKDAYS[weekday - 1]!;
}

function weeksAndDays(days: number): string {
  const weeks = Math.floor(days / 7);
  const rest = days % 7;
  const parts = [
    weeks > 0 ? `${weeks} week${weeks === 1 ? '' : 's'}` : '',
    rest > 0 ? `${rest} day${rest === 1 ? '' : 's'}` : '',
  ];
  return parts.filter(Boolean).join(' and ') || '0 days';
}
